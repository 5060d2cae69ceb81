// The toy's weighted minimiser (alpha D + beta P + gamma C over X^ = aY) against
// brute force: a scan of a on a grid of its own, then a 1e-6 grid around the best
// scanned value (W2, whose P is a closed form, is scanned on a 1e-6 grid outright).

import { describe, expect, it } from 'vitest';
import { createToyModel } from './surface';
import { PAPER_TOY, stationaryA, bayesErrorY, type Divergence, type ToyParams } from './toy';
import { curveTable, perceptionEscape, searchBound, validateWeights, weightedAt, weightedMinimizer, type LossWeights } from './weighted';

function J(params: ToyParams, div: Divergence, w: LossWeights) {
  const model = createToyModel(params, div);
  return (a: number) => weightedAt(model, w, a).objective;
}

/** argmin of f over lo + k * step, k = 0..n (ties: the larger a, as the minimiser does). */
function scan(f: (a: number) => number, lo: number, hi: number, step: number): { a: number; v: number } {
  let best = { a: lo, v: Infinity };
  const n = Math.round((hi - lo) / step);
  for (let k = 0; k <= n; k++) {
    const a = lo + k * step;
    const v = f(a);
    if (v <= best.v) best = { a, v };
  }
  return best;
}

/** Brute force: a 5.3e-4 scan (not the minimiser's grid) over [lo, hi], then a 1e-6 grid around its best point. */
function bruteForce(f: (a: number) => number, lo: number, hi: number): { a: number; v: number } {
  const coarse = scan(f, lo, hi, 5.3e-4);
  return scan(f, coarse.a - 1.1e-3, coarse.a + 1.1e-3, 1e-6);
}

const OTHER: ToyParams = { p1: 0.35, mu1: 1.2, mu2: -0.6, sigmaX: 0.7, sigmaN: 0.8 };
const NOISY: ToyParams = { ...PAPER_TOY, sigmaN: 2.5 };
const WEIGHTS: LossWeights[] = [
  { alpha: 1, beta: 0.5, gamma: 10 },
  { alpha: 1, beta: 0, gamma: 30 },
  { alpha: 0, beta: 1, gamma: 5 },
  { alpha: 0.05, beta: 2, gamma: 0 },
];

describe('weighted minimiser of the linear family against brute force', () => {
  const DIVS: Divergence[] = ['kl', 'kl-reverse', 'tv', 'w1', 'w2'];
  let worst = 0;
  for (const [name, params] of [['paper', PAPER_TOY], ['other', OTHER], ['sigmaN 2.5', NOISY]] as const) {
    for (const div of DIVS) {
      it(`${name}, ${div}: |a - a_brute| <= 1e-6 and no better value on the grid`, () => {
        for (const w of WEIGHTS) {
          const r = weightedMinimizer(params, div, w);
          expect(r.global).toBe(true);
          const f = J(params, div, w);
          // The brute force covers more than the minimiser searched.
          const lo = Math.min(r.range[0], -2.5);
          const hi = Math.max(r.range[1], 2.5);
          const b = bruteForce(f, lo, hi);
          worst = Math.max(worst, Math.abs(r.a - b.a));
          expect(Math.abs(r.a - b.a)).toBeLessThanOrEqual(1e-6);
          expect(r.objective).toBeLessThanOrEqual(b.v + 1e-12 * Math.max(1, Math.abs(b.v)));
          // The reported parts are the exact D, P, C at a.
          const m = createToyModel(params, div);
          expect([r.d, r.p, r.c]).toEqual([m.D(r.a), m.P(r.a), m.C(r.a)]);
          expect(r.objective).toBe(w.alpha * r.d + (w.beta > 0 ? w.beta * r.p : 0) + w.gamma * r.c);
        }
      });
    }
  }
  it('largest |a - a_brute| over all cases', () => {
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('W2 (closed form): against a 1e-6 grid over the whole of [-2, 2]', () => {
    for (const [params, w] of [[PAPER_TOY, WEIGHTS[0]], [NOISY, WEIGHTS[2]]] as const) {
      const r = weightedMinimizer(params, 'w2', w);
      const b = scan(J(params, 'w2', w), -2, 2, 1e-6);
      expect(Math.abs(r.a - b.a)).toBeLessThanOrEqual(1e-6);
      expect(r.objective).toBeLessThanOrEqual(b.v + 1e-12);
    }
  });
});

describe('weighted minimiser: special cases', () => {
  it('alpha alone gives the linear MMSE gain; gamma alone the error-optimal gain', () => {
    const mmse = weightedMinimizer(PAPER_TOY, 'kl', { alpha: 1, beta: 0, gamma: 0 });
    expect(mmse.a).toBeCloseTo(2 / 3, 8);
    const err = weightedMinimizer(PAPER_TOY, 'kl', { alpha: 0, beta: 0, gamma: 1 });
    expect(err.a).toBeCloseTo(stationaryA(PAPER_TOY)!, 8);
    expect(err.c).toBeCloseTo(bayesErrorY(PAPER_TOY), 12);
    expect(err.global).toBe(true);
  });

  it('a = 0 (X^ a point mass, KL infinite) is a node: a zero weight drops its term, no NaN', () => {
    const m = createToyModel(PAPER_TOY, 'kl');
    expect(m.P(0)).toBe(Infinity);
    expect(weightedAt(m, { alpha: 1, beta: 0, gamma: 1 }, 0).objective).toBeCloseTo(2 + 0.3, 12);
    expect(weightedAt(m, { alpha: 1, beta: 1, gamma: 0 }, 0).objective).toBe(Infinity);
    expect(curveTable(PAPER_TOY, 'kl').a).toContain(0);
    // A tiny gain, far from any table node's neighbourhood of the usual minima, is still found.
    const r = weightedMinimizer({ ...PAPER_TOY, sigmaN: 50 }, 'w1', { alpha: 1, beta: 0, gamma: 0 });
    expect(r.a).toBeCloseTo(2 / 2502, 9);
  });

  it('a symmetric toy ties a and -a under perception alone: the positive gain is reported', () => {
    const sym: ToyParams = { p1: 0.5, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };
    const r = weightedMinimizer(sym, 'w2', { alpha: 0, beta: 1, gamma: 0 });
    expect(r.a).toBeGreaterThan(0);
    expect(r.others.some((o) => Math.abs(o.a + r.a) < 1e-6)).toBe(true);
  });

  it('reports the other local minima (the objective is not convex in a)', () => {
    const r = weightedMinimizer(PAPER_TOY, 'kl', { alpha: 1, beta: 1, gamma: 0 });
    expect(r.others.length).toBeGreaterThan(0);
    for (const o of r.others) expect(o.objective).toBeGreaterThanOrEqual(r.objective);
  });

  it('C alone without an interior minimum: searched over the model range, not claimed global', () => {
    const flat: ToyParams = { p1: 0.6, mu1: 0, mu2: 0, sigmaX: 1, sigmaN: 1 };
    const r = weightedMinimizer(flat, 'kl', { alpha: 0, beta: 0, gamma: 1 });
    expect(r.global).toBe(false);
    expect(r.c).toBeCloseTo(0.4, 12);
  });

  it('rejects negative, non-finite and all-zero weights', () => {
    expect(() => validateWeights({ alpha: -1, beta: 0, gamma: 1 })).toThrow();
    expect(() => validateWeights({ alpha: NaN, beta: 0, gamma: 1 })).toThrow();
    expect(() => validateWeights({ alpha: 0, beta: 0, gamma: 0 })).toThrow();
    expect(() => weightedMinimizer(PAPER_TOY, 'kl', { alpha: 0, beta: 0, gamma: 0 })).toThrow();
  });
});

describe('the search bound', () => {
  it('every a outside it has a larger objective (checked on a scan)', () => {
    for (const div of ['kl', 'tv', 'w1', 'w2'] as Divergence[]) {
      for (const w of [{ alpha: 0, beta: 1, gamma: 2 }, { alpha: 0.5, beta: 1, gamma: 0 }]) {
        const f = J(PAPER_TOY, div, w);
        const jRef = f(0.7);
        const iv = searchBound(PAPER_TOY, div, w, jRef)!;
        expect(iv).not.toBeNull();
        for (let a = -12; a <= 12; a += 0.01) if (a < iv[0] || a > iv[1]) expect(f(a)).toBeGreaterThan(jRef);
      }
    }
  });

  it('perception escape: P exceeds the level past the returned |a|', () => {
    for (const div of ['kl', 'kl-reverse', 'tv', 'w1', 'w2'] as Divergence[]) {
      const m = createToyModel(PAPER_TOY, div);
      for (const level of [0.05, 0.3]) {
        const A = perceptionEscape(PAPER_TOY, div, level)!;
        for (const s of [1, 1.5, 3]) {
          expect(m.P(s * A)).toBeGreaterThan(level);
          expect(m.P(-s * A)).toBeGreaterThan(level);
        }
      }
    }
    expect(perceptionEscape(PAPER_TOY, 'tv', 1)).toBeNull();
  });

  it('the table grows to cover a wide bound, sparser outside its base range', () => {
    const t = curveTable(OTHER, 'w2');
    const before = t.a.length;
    t.cover(t.lo - 1, t.hi + 1);
    expect(t.lo).toBeLessThanOrEqual(t.base[0] - 1);
    expect(t.hi).toBeGreaterThanOrEqual(t.base[1] + 1);
    expect(t.a.length - before).toBeLessThan(before);
    for (let i = 1; i < t.a.length; i++) expect(t.a[i]).toBeGreaterThan(t.a[i - 1]);
  });
});
