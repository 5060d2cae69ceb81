// The discretization against the continuous toy: as the grid refines, the grid's
// Bayes errors tend to the closed forms (normal CDFs), and mirrored toys give
// mirrored grids.

import { describe, expect, it } from 'vitest';
import { normCdf } from '../normal';
import { discretizeToy, gridPoints } from './grid';
import { bayesErrorX, bayesErrorY } from './bounds';

const PAPER = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };

/** Bayes error of p1 N(mu1, s^2) + p2 N(mu2, s^2) with mu1 < mu2. */
function bayesError(p1: number, mu1: number, mu2: number, s: number): number {
  const t = (mu1 + mu2) / 2 + (s * s * Math.log(p1 / (1 - p1))) / (mu2 - mu1);
  return p1 * (1 - normCdf((t - mu1) / s)) + (1 - p1) * normCdf((t - mu2) / s);
}

describe('discretizeToy', () => {
  it('is a joint law: p(w, x) sums to 1, each p(y | x) row sums to 1', () => {
    const toy = discretizeToy(PAPER, { n: 41, L: 5 });
    let s = 0;
    for (let i = 0; i < 41; i++) s += toy.pW1X[i] + toy.pW2X[i];
    expect(s).toBeCloseTo(1, 14);
    for (let i = 0; i < 41; i++) {
      let r = 0;
      for (let j = 0; j < 41; j++) r += toy.pYgX[i * 41 + j];
      expect(r).toBeCloseTo(1, 14);
    }
    expect(toy.pY.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('Bayes errors tend to the continuous closed forms as the grid refines', () => {
    const contY = bayesError(0.7, -1, 1, Math.SQRT2);
    const contX = bayesError(0.7, -1, 1, 1);
    const coarse = discretizeToy(PAPER, { n: 41, L: 5 });
    expect(Math.abs(bayesErrorY(coarse) - contY)).toBeLessThan(5e-4);
    expect(Math.abs(bayesErrorX(coarse) - contX)).toBeLessThan(5e-4);
    const fine = discretizeToy(PAPER, { n: 321, L: 8 });
    expect(Math.abs(bayesErrorY(fine) - contY)).toBeLessThan(5e-5);
    expect(Math.abs(bayesErrorX(fine) - contX)).toBeLessThan(5e-5);
  });

  it('grids are exactly symmetric, so a mirrored toy gives the mirrored law', () => {
    for (const n of [40, 41]) {
      const x = gridPoints({ n, L: 3 });
      for (let i = 0; i < n; i++) expect(x[n - 1 - i] + x[i]).toBe(0);
    }
    const a = discretizeToy(PAPER, { n: 41, L: 5 });
    const b = discretizeToy({ ...PAPER, mu1: 1, mu2: -1 }, { n: 41, L: 5 });
    for (let i = 0; i < 41; i++) {
      expect(b.pW1X[40 - i]).toBeCloseTo(a.pW1X[i], 15);
      expect(b.decide[40 - i]).toBe(a.decide[i]);
    }
  });
});
