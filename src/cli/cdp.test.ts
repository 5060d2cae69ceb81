import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { example1Curve } from '../math/blau';
import { createToyModel } from '../math/surface';
import { PAPER_TOY, toyPoint } from '../math/toy';
import { main } from './cdp';
import { COMMANDS, registerCommand } from './commands';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cdp toy-point', () => {
  it('prints the toy point as JSON with the documented keys', async () => {
    const r = await run('toy-point', '--a', '0.8');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(Object.keys(got)).toEqual(['a', 'mse', 'errorRate', 'klXXhat', 'klXhatX', 'tv', 'w1', 'w2']);
    expect(got).toEqual(JSON.parse(JSON.stringify(toyPoint(PAPER_TOY, 0.8))));
  });
  it('writes non-finite values as null and takes negative numbers after a flag', async () => {
    const got = JSON.parse((await run('toy-point', '--a', '0')).out);
    expect(got.klXXhat).toBeNull();
    expect(got.tv).toBe(1);
    const p = { p1: 0.4, mu1: -2, mu2: 0.5, sigmaX: 0.7, sigmaN: 0 };
    const r = await run('toy-point', '--a', '-1.5', '--p1', '0.4', '--mu1', '-2', '--mu2=0.5', '--sigma-x', '0.7', '--sigma-n', '0');
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(toyPoint(p, -1.5))));
  });
  it('prints CSV with a header row', async () => {
    const lines = (await run('toy-point', '--a', '0', '--format', 'csv')).out.split('\n');
    expect(lines[0]).toBe('a,mse,errorRate,klXXhat,klXhatX,tv,w1,w2');
    expect(lines[1].split(',')).toHaveLength(8);
    expect(lines[1].split(',')[3]).toBe('');
  });
});

describe('cdp toy-surface', () => {
  it('matches the model and has the documented shape', async () => {
    const r = await run('toy-surface', '--divergence', 'kl', '--d', '0.7,0.8', '--p', '0.01,0.1');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(Object.keys(got)).toEqual(['divergence', 'd', 'p', 'c', 'a']);
    expect(got.d).toEqual([0.7, 0.8]);
    const model = createToyModel(PAPER_TOY, 'kl');
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const pt = model.point(got.d[i], got.p[j]);
        expect(got.c[i][j]).toBe(pt.c);
        expect(got.a[i][j]).toBe(pt.a);
      }
    }
  });
  it('marks infeasible cells null and uses default axes when none are given', async () => {
    const got = JSON.parse((await run('toy-surface', '--divergence', 'w2', '--d', '0.5', '--p', '1')).out);
    expect(got.c).toEqual([[null]]);
    const def = JSON.parse((await run('toy-surface', '--divergence', 'tv', '--n', '5')).out);
    expect(def.d).toHaveLength(5);
    expect(def.c).toHaveLength(5);
  });
  it('prints one CSV row per cell', async () => {
    const lines = (await run('toy-surface', '--d', '0.5,1', '--p', '0.1,0.2,0.3', '--format', 'csv')).out.split('\n');
    expect(lines[0]).toBe('d,p,c,a');
    expect(lines).toHaveLength(1 + 6);
    expect(lines[1]).toBe('0.5,0.1,,');
  });
});

describe('cdp pd-curve', () => {
  it('returns the Example 1 curve', async () => {
    const got = JSON.parse((await run('pd-curve', '--sigma-n', '1', '--d', '0.4,0.6,0.8')).out);
    expect(got).toEqual({ sigmaN: 1, d: [0.4, 0.6, 0.8], p: example1Curve(1, [0.4, 0.6, 0.8]).p });
    expect(got.p[0]).toBeNull();
  });
});

describe('cdp errors and help', () => {
  it.each([
    [['toy-point']],
    [['toy-point', '--a', 'abc']],
    [['toy-point', '--a', '1', '--p1', '1.5']],
    [['toy-point', '--a', '1', '--sigma-x', '0']],
    [['toy-point', '--a', '1', '--bogus', '2']],
    [['toy-point', '--a', '1', 'extra']],
    [['toy-surface', '--divergence', 'hellinger']],
    [['toy-surface', '--d', '1,,2']],
    [['toy-surface', '--format', 'xml']],
    [['pd-curve', '--p1', '0.5']],
    [['exact-pd', '--grid', '1']],
    [['nope']],
    [[]],
  ])('%j exits 2 with one line on stderr', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^cdp: error: /);
  });
  it('prints help', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(c.name);
    expect((await run('toy-surface', '--help')).out).toContain('--divergence');
  });
  it('accepts registered commands and refuses duplicates', async () => {
    registerCommand({ name: 'echo-test', summary: 'test', help: '', options: { x: { type: 'string' } }, run: (v) => String(v.x) });
    expect((await run('echo-test', '--x', 'hi')).out).toBe('hi');
    expect(() => registerCommand({ ...COMMANDS[0] })).toThrow();
  });
  it('sets the process exit code when run as a program', () => {
    const ok = spawnSync('npx', ['tsx', 'src/cli/cdp.ts', 'toy-point', '--a', '0.8'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).a).toBe(0.8);
    const bad = spawnSync('npx', ['tsx', 'src/cli/cdp.ts', 'toy-point', '--a', 'zz'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n').filter((l) => l.startsWith('cdp:'))).toHaveLength(1);
  });
});
