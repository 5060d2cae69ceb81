// The weighted LP (alpha MSE + beta perception + gamma error over all restorers on
// the grid) against a direct one-shot HiGHS solve of the same objective, against
// the exact C(D, P) surface (LP duality) and against the linear family.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { discretizeToy } from './grid';
import { loadHighs } from './loadHighs';
import { ExactToyLp } from './solver';
import { linearFamily } from './linearFamily';
import { buildWeightedLp } from './weighted';
import { ExactSession, countRandomized } from './session';
import { minFeasibleDistortion } from './bounds';
import { enumerateLp } from './testUtil';
import type { Perception } from './lpModel';
import type { LossWeights } from '../weighted';
import type { ToyParams } from '../toyParams';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});
const open: ExactToyLp[] = [];
afterAll(() => open.forEach((lp) => lp.dispose()));

const PAPER: ToyParams = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };
const OTHER: ToyParams = { p1: 0.35, mu1: 1.2, mu2: -0.6, sigmaX: 0.7, sigmaN: 0.8 };
const paper41 = discretizeToy(PAPER, { n: 41, L: 5 });
const other21 = discretizeToy(OTHER, { n: 21, L: 4 });

const WEIGHTS: LossWeights[] = [
  { alpha: 1, beta: 0.5, gamma: 1 },
  { alpha: 1, beta: 0, gamma: 0 },
  { alpha: 0, beta: 1, gamma: 0 },
  { alpha: 0, beta: 0, gamma: 1 },
  { alpha: 1, beta: 2, gamma: 10 },
  { alpha: 0.2, beta: 5, gamma: 0.5 },
  { alpha: 1, beta: 0.5, gamma: 1 }, // again, after the others: the warm start must not remember them
];

describe('weighted LP against a direct HiGHS solve of the same objective', () => {
  for (const [name, toy] of [['paper n=41', paper41], ['other n=21', other21]] as const) {
    for (const perception of ['tv', 'w1'] as Perception[]) {
      it(`${name}, ${perception}: warm re-solves equal one-shot solves of the LP text`, () => {
        const lp = new ExactToyLp(highs, toy, perception);
        open.push(lp);
        let worst = 0;
        for (const w of WEIGHTS) {
          const warm = lp.weighted(w, { restorer: true });
          const cold = highs.solve(lp.weightedText(w), { output_flag: false });
          expect(cold.Status).toBe('Optimal');
          worst = Math.max(worst, Math.abs(warm.value - cold.ObjectiveValue));
          expect(warm.value).toBeCloseTo(cold.ObjectiveValue, 9);
          // The objective recomputed from the optimal q, outside the solver.
          const sc = warm.scores;
          const p = perception === 'tv' ? sc.tv : sc.w1;
          expect(w.alpha * sc.mse + w.beta * p + w.gamma * sc.error).toBeCloseTo(warm.value, 8);
          expect([warm.d, warm.p, warm.c]).toEqual([sc.mse, p, sc.error]);
          for (let j = 0; j < toy.n; j++) {
            let s = 0;
            for (let l = 0; l < toy.n; l++) s += warm.q![j * toy.n + l];
            expect(s).toBeCloseTo(1, 12);
          }
        }
        expect(worst).toBeLessThan(1e-9);
      });
    }
  }

  it('the LP text has no D or P row, and the same columns as the bound LP', () => {
    const w = { alpha: 1, beta: 0.5, gamma: 1 };
    const lp = buildWeightedLp(paper41, 'tv', w);
    expect(lp.rows.some((r) => r.name === 'mse' || r.name === 'perc')).toBe(false);
    expect(lp.colNames.length).toBe(41 * 41 + 41 + 41);
    expect(() => buildWeightedLp(paper41, 'tv', { alpha: -1, beta: 0, gamma: 0 })).toThrow();
  });
});

describe('weighted LP and the exact surface (LP duality)', () => {
  it('its value is the least alpha D + beta P + gamma C(D, P) over the surface, attained at its own (D, P)', () => {
    const lp = new ExactToyLp(highs, other21, 'tv');
    open.push(lp);
    const dMin = minFeasibleDistortion(other21).d;
    for (const w of WEIGHTS.filter((x) => x.gamma > 0)) {
      const opt = lp.weighted(w);
      // Every (D, P) on a grid: the surface's weighted value is never below the optimum.
      for (const f of [1.001, 1.05, 1.2, 1.6, 2.5]) {
        for (const p of [0, 0.01, 0.03, 0.08, 0.2, 0.5]) {
          const c = lp.cdp(f * dMin, p).value;
          if (c === null) continue;
          expect(w.alpha * f * dMin + w.beta * p + w.gamma * c).toBeGreaterThanOrEqual(opt.value - 1e-9);
        }
      }
      // At the optimum's own (D, P) the surface gives back its C.
      const c = lp.cdp(opt.d + 1e-12, opt.p + 1e-12).value!;
      expect(c).toBeCloseTo(opt.c, 7);
    }
  });

  it('is never above any linear restorer on the grid', () => {
    const lp = new ExactToyLp(highs, paper41, 'w1');
    open.push(lp);
    const fam = linearFamily(paper41);
    for (const w of WEIGHTS) {
      const opt = lp.weighted(w);
      let bestLinear = Infinity;
      for (const c of fam.candidates) bestLinear = Math.min(bestLinear, w.alpha * c.mse + w.beta * c.w1 + w.gamma * c.error);
      expect(opt.value).toBeLessThanOrEqual(bestLinear + 1e-9);
    }
  });
});

describe('weighted LP on a 3-point grid against vertex enumeration', () => {
  it('matches the best vertex of the polytope of q (TV)', () => {
    // v = [q(0|j), q(1|j)]_j, q(2|j) = 1 - both; TV = sum_l max(0, p_X(l) - r_l) needs
    // auxiliaries, so enumerate over (v, s) with s_l >= p_X(l) - r_l, s >= 0.
    const toy = discretizeToy(PAPER, { n: 3, L: 1 });
    const lp = new ExactToyLp(highs, toy, 'tv');
    open.push(lp);
    const n = 3;
    const pXY = (i: number, j: number) => toy.pX[i] * toy.pYgX[i * n + j];
    const pWXY = (k: number, i: number, j: number) => (k === 1 ? toy.pW1X[i] : toy.pW2X[i]) * toy.pYgX[i * n + j];
    const pY = [0, 1, 2].map((j) => pXY(0, j) + pXY(1, j) + pXY(2, j));
    for (const w of [{ alpha: 1, beta: 0.5, gamma: 1 }, { alpha: 0.3, beta: 2, gamma: 4 }, { alpha: 1, beta: 0, gamma: 0 }]) {
      // variables: v (6) then s (3); F(j, l) per unit of q(l|j)
      const F = (j: number, l: number) => {
        let mse = 0;
        let err = 0;
        for (let i = 0; i < n; i++) {
          mse += pXY(i, j) * (toy.x[i] - toy.x[l]) ** 2;
          for (const k of [1, 2]) if (toy.decide[l] !== k) err += pWXY(k, i, j);
        }
        return w.alpha * mse + w.gamma * err;
      };
      const c: number[] = [];
      let c0 = 0;
      for (let j = 0; j < n; j++) {
        c.push(F(j, 0) - F(j, 2), F(j, 1) - F(j, 2));
        c0 += F(j, 2);
      }
      c.push(w.beta, w.beta, w.beta);
      const A: number[][] = [];
      const b: number[] = [];
      const row = (coef: number[], rhs: number) => {
        A.push(coef);
        b.push(rhs);
      };
      for (let k = 0; k < 9; k++) row(Array.from({ length: 9 }, (_, t) => (t === k ? -1 : 0)), 0); // v, s >= 0
      for (let j = 0; j < n; j++) {
        const coef = new Array(9).fill(0);
        coef[2 * j] = 1;
        coef[2 * j + 1] = 1;
        row(coef, 1); // q(2|j) >= 0
      }
      // r_l = sum_j pY_j q(l|j); s_l >= p_X(l) - r_l  <=>  -s_l - r_l <= -p_X(l)
      for (let l = 0; l < n; l++) {
        const coef = new Array(9).fill(0);
        let constant = 0;
        for (let j = 0; j < n; j++) {
          if (l < 2) coef[2 * j + l] -= pY[j];
          else {
            coef[2 * j] += pY[j];
            coef[2 * j + 1] += pY[j];
            constant += pY[j];
          }
        }
        coef[6 + l] = -1;
        row(coef, -toy.pX[l] + constant);
      }
      const ref = enumerateLp(c, A, b)!;
      expect(lp.weighted(w).value).toBeCloseTo(ref.value + c0, 9);
    }
  });
});

describe('ExactSession.weighted', () => {
  it('reports the optimum and how many columns of q are randomised', () => {
    const s = new ExactSession(highs);
    s.configure({ params: PAPER, grid: { n: 21, L: 4 }, perception: 'tv', size: 5 });
    const r = s.weighted({ alpha: 1, beta: 0.5, gamma: 1 });
    expect(r.objective).toBeCloseTo(r.d + 0.5 * r.p + r.c, 8);
    expect(r.p).toBe(r.tv);
    expect(r.randomized).toBeGreaterThanOrEqual(0);
    expect(r.randomized).toBeLessThanOrEqual(21);
    s.dispose();
    expect(countRandomized([1, 0, 0.5, 0.5], 2)).toBe(1);
  });
});
