// Properties of the exact CDP / perception-distortion LP (Theorem 1 of the CDP
// paper and the structure of the discretized problem), checked on real toys.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Highs } from 'highs';
import { discretizeToy, type DiscreteToy } from './grid';
import { loadHighs } from './loadHighs';
import { bayesErrorX, bayesErrorY, discreteMmse, minFeasibleDistortion, unconstrainedMinError } from './bounds';
import { ExactToyLp } from './solver';
import { linearCdp, linearFamily, linearPd } from './linearFamily';
import { scoreMap } from './restorer';
import type { Perception } from './lpModel';
import { linspace } from './axes';
import type { ToyParams } from '../toyParams';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});
const open: ExactToyLp[] = [];
afterAll(() => open.forEach((lp) => lp.dispose()));
function exact(toy: DiscreteToy, perception: Perception): ExactToyLp {
  const lp = new ExactToyLp(highs, toy, perception);
  open.push(lp);
  return lp;
}

const PAPER: ToyParams = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };
const OTHER: ToyParams = { p1: 0.35, mu1: 1.2, mu2: -0.6, sigmaX: 0.7, sigmaN: 0.8 };
const paper41 = discretizeToy(PAPER, { n: 41, L: 5 });
const other21 = discretizeToy(OTHER, { n: 21, L: 4 });
const PERC: Perception[] = ['tv', 'w1'];
const TOL = 1e-7;

describe('end points of the exact problem', () => {
  for (const toy of [paper41, other21]) {
    for (const perception of PERC) {
      it(`n=${toy.n}, ${perception}: D, P unbounded gives the Bayes error of the discretized Y`, () => {
        const lp = exact(toy, perception);
        const v = lp.cdp(Infinity, Infinity).value!;
        expect(v).toBeCloseTo(bayesErrorY(toy), 9);
        // Restoration cannot beat the Bayes classifier of the clean X (slides' Theorem 2).
        expect(v).toBeGreaterThanOrEqual(bayesErrorX(toy) - 1e-12);
        // Perfect perceptual quality is reachable once distortion is free.
        expect(lp.pd(Infinity).value!).toBeLessThan(TOL);
      });

      it(`n=${toy.n}, ${perception}: the LP turns feasible exactly at the minimal grid distortion`, () => {
        const lp = exact(toy, perception);
        const { d: dMin, map } = minFeasibleDistortion(toy);
        expect(lp.cdp(dMin * (1 - 1e-6), Infinity).value).toBeNull();
        expect(lp.pd(dMin * (1 - 1e-6)).value).toBeNull();
        expect(lp.cdp(dMin * (1 + 1e-6), Infinity).value).not.toBeNull();
        // The nearest-grid-point-to-the-posterior-mean restorer reaches it ...
        expect(scoreMap(toy, map).mse).toBeCloseTo(dMin, 12);
        // ... which lies between the unrestricted discretized MMSE and that plus h^2/4.
        const mmse = discreteMmse(toy);
        expect(dMin).toBeGreaterThanOrEqual(mmse);
        expect(dMin).toBeLessThanOrEqual(mmse + (toy.h * toy.h) / 4);
      });
    }
  }

  it('a mirrored toy (means negated) has the same exact bound', () => {
    const mirrored = discretizeToy({ ...OTHER, mu1: -OTHER.mu1, mu2: -OTHER.mu2 }, { n: 21, L: 4 });
    const a = exact(other21, 'w1');
    const b = exact(mirrored, 'w1');
    const dMin = minFeasibleDistortion(other21).d;
    expect(minFeasibleDistortion(mirrored).d).toBeCloseTo(dMin, 12);
    for (const [f, p] of [[1.01, 0.05], [1.2, 0.02], [2, 0]]) {
      expect(b.cdp(f * dMin, p).value!).toBeCloseTo(a.cdp(f * dMin, p).value!, 8);
    }
  });

  it('c0 constant on the grid: the unconstrained value is the constant rule error', () => {
    // Threshold beyond the grid: every grid point is labelled w1.
    const toy = discretizeToy({ p1: 0.98, mu1: -1, mu2: 1, sigmaX: 3, sigmaN: 1 }, { n: 15, L: 2 });
    expect(Array.from(toy.decide).every((c) => c === 1)).toBe(true);
    const v = exact(toy, 'tv').cdp(Infinity, Infinity).value!;
    expect(v).toBeCloseTo(unconstrainedMinError(toy), 9);
    expect(v).toBeCloseTo(1 - toy.pW1X.reduce((s, p) => s + p, 0), 9);
  });
});

describe('the exact bound never exceeds the discretized linear family', () => {
  for (const toy of [paper41, other21]) {
    for (const perception of PERC) {
      it(`n=${toy.n}, ${perception}`, () => {
        const lp = exact(toy, perception);
        const fam = linearFamily(toy);
        const dMin = minFeasibleDistortion(toy).d;
        const pMax = Math.max(...fam.candidates.map((c) => (perception === 'tv' ? c.tv : c.w1)));
        let compared = 0;
        let strict = 0;
        for (const d of linspace(dMin, 3 * dMin, 7)) {
          for (const p of linspace(0, pMax / 2, 7)) {
            const lin = linearCdp(fam, perception, d, p);
            const ex = lp.cdp(d, p).value;
            if (lin.value === null) {
              if (ex !== null) strict++;
              continue;
            }
            compared++;
            expect(ex).not.toBeNull();
            expect(ex!).toBeLessThanOrEqual(lin.value + TOL);
            if (ex! < lin.value - 1e-4) strict++;
          }
          const pl = linearPd(fam, perception, d).value;
          const pe = lp.pd(d).value;
          if (pl !== null) expect(pe!).toBeLessThanOrEqual(pl + TOL);
        }
        expect(compared).toBeGreaterThan(5);
        // Randomized restorers do strictly better somewhere, or reach (D, P) the family cannot.
        expect(strict).toBeGreaterThan(0);
      });
    }
  }
});

describe('Theorem 1 on a test grid: monotone and convex', () => {
  for (const [toy, perception] of [[other21, 'tv'], [other21, 'w1'], [paper41, 'tv']] as const) {
    it(`n=${toy.n}, ${perception}: C(D, P) non-increasing in D and P, convex along lines`, () => {
      const lp = exact(toy, perception);
      const dMin = minFeasibleDistortion(toy).d;
      const ds = linspace(dMin * 1.001, dMin * 1.6, 8);
      const ps = linspace(0, perception === 'tv' ? 0.12 : 0.2, 8);
      const c = ds.map((d) => ps.map((p) => lp.cdp(d, p).value));
      const at = (i: number, j: number) => c[i][j];
      for (let i = 0; i < ds.length; i++) {
        for (let j = 0; j < ps.length; j++) {
          const v = at(i, j);
          if (v === null) continue;
          if (i + 1 < ds.length) expect(at(i + 1, j)!).toBeLessThanOrEqual(v + TOL);
          if (j + 1 < ps.length) expect(at(i, j + 1)!).toBeLessThanOrEqual(v + TOL);
        }
      }
      // Second differences along D, along P and along both diagonals are >= 0.
      let checked = 0;
      let curved = 0;
      for (const [di, dj] of [[1, 0], [0, 1], [1, 1], [1, -1]]) {
        for (let i = 0; i < ds.length; i++) {
          for (let j = 0; j < ps.length; j++) {
            const i2 = i + 2 * di;
            const j2 = j + 2 * dj;
            if (i2 >= ds.length || j2 < 0 || j2 >= ps.length) continue;
            const a = at(i, j);
            const m = at(i + di, j + dj);
            const b = at(i2, j2);
            if (a === null || m === null || b === null) continue;
            checked++;
            expect(a + b - 2 * m).toBeGreaterThanOrEqual(-2 * TOL);
            if (a + b - 2 * m > 1e-5) curved++;
          }
        }
      }
      expect(checked).toBeGreaterThan(40);
      expect(curved).toBeGreaterThan(0);
    });
  }

  it('convex between random feasible points (seeded)', () => {
    const lp = exact(other21, 'tv');
    const dMin = minFeasibleDistortion(other21).d;
    fc.assert(
      fc.property(
        fc.double({ min: 1.0001, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.15, noNaN: true }),
        fc.double({ min: 1.0001, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.15, noNaN: true }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        (d0, p0, d1, p1, t) => {
          const a = lp.cdp(d0 * dMin, p0).value;
          const b = lp.cdp(d1 * dMin, p1).value;
          if (a === null || b === null) return;
          const m = lp.cdp(((1 - t) * d0 + t * d1) * dMin, (1 - t) * p0 + t * p1).value;
          expect(m).not.toBeNull();
          expect(m!).toBeLessThanOrEqual((1 - t) * a + t * b + 2 * TOL);
        },
      ),
      { seed: 20260601, numRuns: 60 },
    );
  });

  it('P(D) is non-increasing and convex', () => {
    for (const perception of PERC) {
      const lp = exact(paper41, perception);
      const dMin = minFeasibleDistortion(paper41).d;
      const ds = linspace(dMin * 1.001, dMin * 1.4, 9);
      const pv = ds.map((d) => lp.pd(d).value!);
      for (let i = 0; i + 1 < pv.length; i++) expect(pv[i + 1]).toBeLessThanOrEqual(pv[i] + TOL);
      for (let i = 0; i + 2 < pv.length; i++) expect(pv[i] + pv[i + 2] - 2 * pv[i + 1]).toBeGreaterThanOrEqual(-2 * TOL);
      expect(pv[0]).toBeGreaterThan(1e-3);
    }
  });
});

describe('the solver output itself', () => {
  it('the optimal q is a conditional law meeting both constraints, with the reported error', () => {
    for (const perception of PERC) {
      const lp = exact(paper41, perception);
      for (const [d, p] of [[0.66, 0.01], [0.7, 0.03], [0.9, 0.0], [1.2, 0.2]]) {
        const r = lp.cdp(d, p, { restorer: true });
        if (r.value === null) continue;
        const q = r.q!;
        for (let j = 0; j < paper41.n; j++) {
          let s = 0;
          for (let l = 0; l < paper41.n; l++) {
            expect(q[j * paper41.n + l]).toBeGreaterThanOrEqual(0);
            s += q[j * paper41.n + l];
          }
          expect(s).toBeCloseTo(1, 12);
        }
        const sc = r.scores!;
        expect(sc.mse).toBeLessThanOrEqual(d + TOL);
        expect(perception === 'tv' ? sc.tv : sc.w1).toBeLessThanOrEqual(p + TOL);
        expect(sc.error).toBeCloseTo(r.value, 7);
      }
    }
  });

  it('warm-started re-solves agree with fresh one-shot solves of the LP text', () => {
    const lp = exact(other21, 'w1');
    const dMin = minFeasibleDistortion(other21).d;
    const points: Array<[number, number]> = [[1.5, 0.05], [1.01, 0.3], [1.2, 0], [3, 0.01], [1.05, 0.02]];
    for (const [f, p] of points) {
      const warm = lp.cdp(f * dMin, p).value;
      const cold = highs.solve(lp.lpText('error', f * dMin, p), { output_flag: false });
      if (warm === null) expect(cold.Status).toBe('Infeasible');
      else {
        expect(cold.Status).toBe('Optimal');
        expect(warm).toBeCloseTo(cold.ObjectiveValue, 8);
      }
      const warmPd = lp.pd(f * dMin).value!;
      const coldPd = highs.solve(lp.lpText('perception', f * dMin, Infinity), { output_flag: false });
      expect(warmPd).toBeCloseTo(coldPd.ObjectiveValue, 8);
    }
  });
});
