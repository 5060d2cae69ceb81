import { describe, expect, it } from 'vitest';
import { ExactUsageError, runExactCommand } from './exact';
import { discretizeToy } from '../math/lp/grid';
import { loadHighs } from '../math/lp/loadHighs';
import { ExactToyLp } from '../math/lp/solver';
import { minFeasibleDistortion } from '../math/lp/bounds';

const PAPER = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };

describe('exact-surface / exact-pd commands', () => {
  it('exact-surface prints {grid, d, p, c} with the LP values, null where infeasible', async () => {
    const out = await runExactCommand('exact-surface', ['--grid', '41', '--d', '0.6,0.7,1.0', '--p', '0,0.05,0.1'], PAPER);
    expect(out.endsWith('\n')).toBe(true);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['grid', 'd', 'p', 'c']);
    expect(r.grid).toBe(41);
    expect(r.d).toEqual([0.6, 0.7, 1.0]);
    expect(r.p).toEqual([0, 0.05, 0.1]);
    // D = 0.6 is below the grid's minimal distortion (0.6495): a row of nulls.
    expect(r.c[0]).toEqual([null, null, null]);
    const lp = new ExactToyLp(await loadHighs(), discretizeToy(PAPER, { n: 41, L: 5 }), 'tv');
    for (let i = 1; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const v = lp.cdp(r.d[i], r.p[j]).value;
        if (v === null) expect(r.c[i][j]).toBeNull();
        else expect(r.c[i][j]).toBeCloseTo(v, 10);
      }
    }
    lp.dispose();
    expect(r.c[2][2]).toBeLessThan(r.c[2][0]);
  });

  it('exact-pd prints {grid, d, p}; toy, grid and perception flags are honoured', async () => {
    const args = ['--grid', '21', '--half-width', '4', '--perception', 'w1', '--sigma-n', '0.5', '--mu2', '1.5', '--d', '0.3,0.5,2'];
    const r = JSON.parse(await runExactCommand('exact-pd', args, PAPER));
    expect(Object.keys(r)).toEqual(['grid', 'd', 'p']);
    const params = { ...PAPER, sigmaN: 0.5, mu2: 1.5 };
    const toy = discretizeToy(params, { n: 21, L: 4 });
    const lp = new ExactToyLp(await loadHighs(), toy, 'w1');
    r.d.forEach((d: number, k: number) => {
      const v = lp.pd(d).value;
      if (v === null) expect(r.p[k]).toBeNull();
      else expect(r.p[k]).toBeCloseTo(v, 10);
    });
    lp.dispose();
    expect(r.p[0] === null).toBe(0.3 < minFeasibleDistortion(toy).d);
    expect(r.p[2]).toBeCloseTo(0, 7);
  });

  it('defaults the axes to 15 points and writes CSV on request', async () => {
    const r = JSON.parse(await runExactCommand('exact-pd', ['--grid', '11'], PAPER));
    expect(r.d.length).toBe(15);
    const csv = await runExactCommand('exact-surface', ['--grid', '11', '--d', '1,2', '--p', '0.1', '--format', 'csv'], PAPER);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('d,p,c');
    expect(lines.length).toBe(3);
    expect(lines[1].startsWith('1,0.1,0.')).toBe(true);
  });

  it('rejects bad flags and values with a usage error', async () => {
    for (const argv of [['--grid', '1'], ['--grid', '4.5'], ['--d', '0.7,x'], ['--p', '-1'], ['--perception', 'kl'], ['--bogus', '1'], ['--p1', '1'], ['--format', 'xml']]) {
      await expect(runExactCommand('exact-surface', argv, PAPER)).rejects.toBeInstanceOf(ExactUsageError);
    }
  });
});
