import { describe, expect, it } from 'vitest';
import { DIVERGENCES, type Divergence } from './divergence/index';
import { createToyModel, curvesOverA, defaultAxes, type ToyModel } from './surface';
import { PAPER_TOY, bayesErrorY, errorRate, linearMmse, linearMmseA, mse, stationaryA, type ToyParams } from './toy';

/**
 * Independent reference for C_lin(D, P): scan a dense grid of a, then refine every
 * boundary of the feasible runs by bisection on the exact constraints. Between grid
 * points inside a run C can dip below the grid values by at most ~h^2 |C''|.
 */
class BruteForce {
  readonly a: Float64Array;
  readonly P: Float64Array;
  readonly C: Float64Array;
  readonly D: Float64Array;
  constructor(
    readonly model: ToyModel,
    n: number,
  ) {
    const [lo, hi] = model.aRange();
    this.a = new Float64Array(n + 1);
    this.P = new Float64Array(n + 1);
    this.C = new Float64Array(n + 1);
    this.D = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      const a = lo + ((hi - lo) * i) / n;
      this.a[i] = a;
      this.P[i] = model.P(a);
      this.C[i] = model.C(a);
      this.D[i] = model.D(a);
    }
  }

  clin(d: number, p: number): number | null {
    const ok = (a: number) => this.model.D(a) <= d && this.model.P(a) <= p;
    const edge = (inside: number, outside: number) => {
      let i = inside;
      let o = outside;
      for (let k = 0; k < 45; k++) {
        const m = 0.5 * (i + o);
        if (ok(m)) i = m;
        else o = m;
      }
      return i;
    };
    let best = Infinity;
    const n = this.a.length;
    for (let i = 0; i < n; i++) {
      if (!(this.D[i] <= d && this.P[i] <= p)) continue;
      best = Math.min(best, this.C[i]);
      if (i > 0 && !(this.D[i - 1] <= d && this.P[i - 1] <= p)) best = Math.min(best, this.model.C(edge(this.a[i], this.a[i - 1])));
      if (i + 1 < n && !(this.D[i + 1] <= d && this.P[i + 1] <= p)) best = Math.min(best, this.model.C(edge(this.a[i], this.a[i + 1])));
    }
    // The interior minimiser and a = 0 may fall between grid points.
    const aStar = stationaryA(this.model.params);
    for (const a of aStar === null ? [0] : [0, aStar]) if (ok(a)) best = Math.min(best, this.model.C(a));
    return best === Infinity ? null : best;
  }
}

function compare(params: ToyParams, divergence: Divergence, n: number, stride: number): number {
  const model = createToyModel(params, divergence);
  const axes = defaultAxes(params, divergence, 41);
  const surf = model.surface(axes.d, axes.p);
  const brute = new BruteForce(model, n);
  let worst = 0;
  for (let i = 0; i < axes.d.length; i += stride) {
    for (let j = 0; j < axes.p.length; j += stride) {
      const ref = brute.clin(axes.d[i], axes.p[j]);
      const got = surf.c[i][j];
      if (ref === null || got === null) {
        // Feasibility must agree unless the cell sits on the feasibility edge.
        if ((ref === null) !== (got === null)) {
          const pt = model.point(axes.d[i], axes.p[j]);
          const width = pt.feasible.reduce((s, [l, r]) => s + r - l, 0);
          expect(width).toBeLessThan(1e-6);
        }
        continue;
      }
      worst = Math.max(worst, Math.abs(ref - got));
    }
  }
  return worst;
}

describe('C_lin surface vs brute force', () => {
  it.each(DIVERGENCES.map((d) => [d]))('paper toy, %s: agrees to 1e-6', (divergence) => {
    // 1e5 gains for KL and W2, 3e4 (spacing ~7e-5) for the costlier ones: between grid points C
    // can hide at most ~h^2 |C''| < 1e-8, and run edges are refined exactly. Measured: <= 1e-15.
    const n = divergence === 'kl' || divergence === 'w2' ? 100_000 : 30_000;
    expect(compare(PAPER_TOY, divergence, n, 4)).toBeLessThan(1e-6);
  });

  it('other params (mirrored means, sigmaN = 0, t* = 0, noisy), KL and W2', () => {
    const cases: ToyParams[] = [
      { p1: 0.35, mu1: 1.2, mu2: -0.8, sigmaX: 0.7, sigmaN: 0.9 },
      { ...PAPER_TOY, sigmaN: 0 },
      { ...PAPER_TOY, p1: 0.5 },
      { p1: 0.8, mu1: -0.5, mu2: 2, sigmaX: 1.3, sigmaN: 2 },
    ];
    for (const p of cases) for (const d of ['kl', 'w2'] as const) expect(compare(p, d, 20_000, 8)).toBeLessThan(1e-6);
  });

  it('random params (seeded), KL and TV', () => {
    let seed = 99;
    const u = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let k = 0; k < 5; k++) {
      const p: ToyParams = { p1: 0.15 + 0.7 * u(), mu1: -2 + 4 * u(), mu2: -2 + 4 * u(), sigmaX: 0.4 + u(), sigmaN: 1.5 * u() };
      for (const d of ['kl', 'tv'] as const) expect(compare(p, d, 10_000, 10)).toBeLessThan(1e-6);
    }
  });
});

describe('C_lin on extreme params', () => {
  it('stays finite and monotone (tiny/huge scales, separated means, lopsided priors)', () => {
    const cases: ToyParams[] = [
      { p1: 0.001, mu1: -50, mu2: 60, sigmaX: 0.3, sigmaN: 0 },
      { p1: 0.5, mu1: 2, mu2: 60, sigmaX: 0.02, sigmaN: 1 },
      { p1: 0.999, mu1: 0, mu2: 0.5, sigmaX: 5, sigmaN: 8 },
      { p1: 0.02, mu1: -3, mu2: 4, sigmaX: 0.02, sigmaN: 0.01 },
    ];
    for (const p of cases) {
      for (const d of DIVERGENCES) {
        const axes = defaultAxes(p, d, 11);
        expect(axes.p.every(Number.isFinite)).toBe(true);
        const s = createToyModel(p, d).surface(axes.d, axes.p);
        for (let i = 0; i < 11; i++) {
          for (let j = 0; j < 11; j++) {
            const c = s.c[i][j];
            if (c === null) continue;
            expect(c >= 0 && c <= 1).toBe(true);
            if (i + 1 < 11) expect(s.c[i + 1][j] as number).toBeLessThanOrEqual(c + 1e-15);
            if (j + 1 < 11) expect(s.c[i][j + 1] as number).toBeLessThanOrEqual(c + 1e-15);
          }
        }
      }
    }
  });
});

describe('C_lin structure', () => {
  const model = createToyModel(PAPER_TOY, 'kl');
  const axes = defaultAxes(PAPER_TOY, 'kl');

  it('default axes suit the paper toy', () => {
    expect(axes.d.length).toBe(101);
    expect(axes.d[axes.d.length - 1]).toBeCloseTo(2.5, 12);
    expect(axes.d[0]).toBeLessThan(linearMmse(PAPER_TOY));
    expect(axes.p[0]).toBe(0);
    expect(axes.p[100]).toBe(0.5);
  });

  it('keeps a readable P axis without noise, where every divergence reaches 0 at a = 1', () => {
    const noiseless = { ...PAPER_TOY, sigmaN: 0 };
    for (const div of ['kl', 'kl-reverse', 'tv', 'w1', 'w2'] as const) {
      const ax = defaultAxes(noiseless, div, 11);
      expect(ax.p[10]).toBeGreaterThanOrEqual(0.1);
      // No noise: a = 1 restores X exactly, so C_lin is the Bayes error of X everywhere feasible.
      expect(createToyModel(noiseless, div).point(ax.d[10], ax.p[1]).c).toBeCloseTo(
        createToyModel(noiseless, div).C(1),
        9,
      );
    }
  });

  it('is infeasible below the linear MMSE and non-increasing in D and P', () => {
    const s = model.surface(axes.d, axes.p);
    for (let i = 0; i < axes.d.length; i++) {
      for (let j = 0; j < axes.p.length; j++) {
        const c = s.c[i][j];
        if (axes.d[i] < linearMmse(PAPER_TOY)) expect(c).toBeNull();
        if (c === null) continue;
        if (i + 1 < axes.d.length) expect(s.c[i + 1][j] as number).toBeLessThanOrEqual(c + 1e-15);
        if (j + 1 < axes.p.length) expect(s.c[i][j + 1] as number).toBeLessThanOrEqual(c + 1e-15);
      }
    }
    // Unconstrained corner: the restorer reaches the Bayes error of Y at a* = 0.5.
    expect(s.c[100][100]).toBeCloseTo(bayesErrorY(PAPER_TOY), 14);
    expect(s.a[100][100]).toBeCloseTo(stationaryA(PAPER_TOY) as number, 12);
  });

  it('returns a feasible argmin and the feasible set of a', () => {
    for (const [d, p] of [[0.7, 0.05], [1, 0.02], [2, 0.3], [0.9, 0.4]]) {
      const pt = model.point(d, p);
      expect(pt.c).not.toBeNull();
      const a = pt.a as number;
      expect(mse(PAPER_TOY, a)).toBeLessThanOrEqual(d * (1 + 1e-12));
      expect(model.P(a)).toBeLessThanOrEqual(p + 1e-10);
      expect(errorRate(PAPER_TOY, a)).toBe(pt.c);
      expect(pt.feasible.some(([l, r]) => l <= a && a <= r)).toBe(true);
      for (const [l, r] of pt.feasible) {
        expect(mse(PAPER_TOY, 0.5 * (l + r))).toBeLessThanOrEqual(d);
        expect(model.P(0.5 * (l + r))).toBeLessThanOrEqual(p);
      }
    }
    expect(model.point(0.5, 1)).toEqual({ c: null, a: null, feasible: [] });
  });

  it('sublevel ends sit on the level and the sets nest', () => {
    for (const d of DIVERGENCES) {
      const m = createToyModel(PAPER_TOY, d);
      let prev: Array<[number, number]> = [];
      for (const level of [0.01, 0.05, 0.2, 0.45, 0.9]) {
        const ivs = m.sublevel(level);
        const [lo, hi] = m.aRange();
        for (const [l, r] of ivs) {
          for (const e of [l, r]) if (e > lo && e < hi && e !== 0) expect(Math.abs(m.P(e) - level)).toBeLessThan(1e-9);
          expect(m.P(l + 0.3 * (r - l))).toBeLessThanOrEqual(level + 1e-12);
        }
        for (const [l, r] of prev) expect(ivs.some(([L, R]) => L <= l && r <= R)).toBe(true);
        prev = ivs;
      }
    }
  });

  it('extends its a-range when asked for a larger D', () => {
    const m = createToyModel({ ...PAPER_TOY, p1: 0.6 }, 'w1');
    const before = m.aRange();
    const pt = m.point(30, Infinity);
    expect(m.aRange()[1]).toBeGreaterThan(before[1]);
    expect(pt.feasible[0][0]).toBeLessThan(before[0]);
  });

  it('curvesOverA reports D, P and C along a', () => {
    const a = [-0.5, 0, linearMmseA(PAPER_TOY), 1.2];
    const cur = curvesOverA(PAPER_TOY, 'tv', a);
    expect(cur.a).toEqual(a);
    expect(cur.d[2]).toBeCloseTo(linearMmse(PAPER_TOY), 14);
    expect(cur.p[1]).toBe(1);
    expect(cur.c[3]).toBe(errorRate(PAPER_TOY, 1.2));
  });
});
