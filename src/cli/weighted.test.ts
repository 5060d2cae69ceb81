import { describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { main } from './cdp';
import { discretizeToy } from '../math/lp/grid';
import { loadHighs } from '../math/lp/loadHighs';
import { PAPER_TOY } from '../math/toy';
import { weightedMinimizer } from '../math/weighted';
import { buildWeightedLp } from '../math/lp/weighted';
import { toCplexLp } from '../math/lp/lpModel';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cdp weighted', () => {
  it('prints the linear family minimiser (a, D, P, C, objective) as JSON', async () => {
    const r = await run('weighted', '--alpha', '1', '--beta', '0.5', '--gamma', '1');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(Object.keys(got)).toEqual(['alpha', 'beta', 'gamma', 'divergence', 'a', 'd', 'p', 'c', 'objective', 'global']);
    const want = weightedMinimizer(PAPER_TOY, 'kl', { alpha: 1, beta: 0.5, gamma: 1 });
    expect([got.a, got.d, got.p, got.c, got.objective]).toEqual([want.a, want.d, want.p, want.c, want.objective]);
    expect(got.objective).toBeCloseTo(got.d + 0.5 * got.p + got.c, 12);
    expect(got.global).toBe(true);
  });

  it('takes the divergence, the toy flags and CSV', async () => {
    const r = await run('weighted', '--alpha', '0.2', '--beta', '1', '--gamma', '30', '--divergence', 'w2', '--sigma-n', '2.5', '--format', 'csv');
    const [head, row] = r.out.split('\n');
    expect(head).toBe('alpha,beta,gamma,divergence,a,d,p,c,objective');
    const cells = row.split(',');
    const want = weightedMinimizer({ ...PAPER_TOY, sigmaN: 2.5 }, 'w2', { alpha: 0.2, beta: 1, gamma: 30 });
    expect(cells[3]).toBe('w2');
    expect(Number(cells[4])).toBe(want.a);
  });

  it('--exact solves the weighted LP over all restorers; the value matches a direct HiGHS solve', async () => {
    const r = await run('weighted', '--alpha', '1', '--beta', '0.5', '--gamma', '1', '--exact', '--grid', '21', '--half-width', '4');
    expect(r.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(Object.keys(got)).toEqual(['alpha', 'beta', 'gamma', 'grid', 'halfWidth', 'perception', 'd', 'p', 'c', 'objective', 'randomized']);
    expect(got.objective).toBeCloseTo(got.d + 0.5 * got.p + got.c, 8);
    const highs: Highs = await loadHighs();
    const lp = buildWeightedLp(discretizeToy(PAPER_TOY, { n: 21, L: 4 }), 'tv', { alpha: 1, beta: 0.5, gamma: 1 });
    const direct = highs.solve(toCplexLp(lp), { output_flag: false });
    expect(direct.Status).toBe('Optimal');
    expect(got.objective).toBeCloseTo(direct.ObjectiveValue, 9);
    const w1 = JSON.parse((await run('weighted', '--exact', '--perception', 'w1', '--grid', '21', '--half-width', '4')).out);
    expect(w1.perception).toBe('w1');
  });

  it.each([
    [['weighted', '--alpha', '0', '--beta', '0', '--gamma', '0']],
    [['weighted', '--alpha', '-1']],
    [['weighted', '--gamma', 'x']],
    [['weighted', '--grid', '21']],
    [['weighted', '--exact', '--divergence', 'kl']],
    [['weighted', '--exact', '--perception', 'kl']],
    [['weighted', '--exact', '--grid', '1']],
    [['weighted', '--exact', '--grid', '500']],
  ])('%j exits 2 with one line on stderr', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^cdp: error: /);
  });
});
