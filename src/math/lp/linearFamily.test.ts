// The discretized linear family is enumerated exactly through its breakpoints in a;
// checked against a dense scan of a and against closed-form special cases.

import { describe, expect, it } from 'vitest';
import { discretizeToy } from './grid';
import { bayesErrorX } from './bounds';
import { linearCdp, linearFamily, linearMap, linearPd, scoreLinear } from './linearFamily';
import { mapToConditional, scoreMap, scoreRestorer } from './restorer';
import { linspace } from './axes';

const PAPER = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };

describe('discretized linear family', () => {
  const toy = discretizeToy(PAPER, { n: 41, L: 5 });
  const fam = linearFamily(toy);

  it('the enumeration contains every restorer a dense scan of a finds', () => {
    const key = (m: Int32Array) => m.join(',');
    const enumerated = new Set(fam.candidates.map((c) => key(linearMap(toy, c.a))));
    const scan = linspace(-25, 25, 200_001);
    let seen = 0;
    const missing: number[] = [];
    const distinct = new Set<string>();
    for (const a of scan) {
      const k = key(linearMap(toy, a));
      distinct.add(k);
      seen++;
      if (!enumerated.has(k)) missing.push(a);
    }
    expect(seen).toBe(scan.length);
    expect(missing).toEqual([]);
    expect(distinct.size).toBeGreaterThan(300);
  });

  it('C_lin and P_lin from the enumeration are at least as good as any scanned a, and attained', () => {
    const scan = linspace(-3, 3, 30_001).map((a) => scoreLinear(toy, a));
    for (const d of [0.66, 0.7, 0.8, 1, 1.5, 2.5]) {
      for (const p of [0.1, 0.15, 0.2, 0.3, 0.6, 1]) {
        const got = linearCdp(fam, 'tv', d, p);
        let best: number | null = null;
        for (const c of scan) if (c.mse <= d && c.tv <= p && (best === null || c.error < best)) best = c.error;
        if (best !== null) expect(got.value!).toBeLessThanOrEqual(best + 1e-15);
        if (got.value !== null) {
          const at = scoreLinear(toy, got.a!);
          expect(at.error).toBe(got.value);
          expect(at.mse).toBeLessThanOrEqual(d);
          expect(at.tv).toBeLessThanOrEqual(p);
        }
      }
      const pd = linearPd(fam, 'w1', d);
      for (const c of scan) if (c.mse <= d) expect(pd.value!).toBeLessThanOrEqual(c.w1 + 1e-15);
    }
  });

  it('rounds a*y to the nearest grid point and clamps to [-L, L]', () => {
    const m = linearMap(toy, 0.8);
    for (let j = 0; j < toy.n; j++) {
      const v = Math.min(5, Math.max(-5, 0.8 * toy.x[j]));
      const nearest = Math.abs(toy.x[m[j]] - v);
      for (let l = 0; l < toy.n; l++) expect(nearest).toBeLessThanOrEqual(Math.abs(toy.x[l] - v) + 1e-12);
    }
    expect(m[toy.n - 1]).toBe(Math.round((4 + 5) / toy.h));
    expect(Array.from(linearMap(toy, 3)).slice(-5)).toEqual([40, 40, 40, 40, 40]);
  });

  it('fast deterministic scoring equals scoring the equivalent q', () => {
    for (const a of [-0.7, 0, 0.35, 0.8, 1.6]) {
      const map = linearMap(toy, a);
      const fast = scoreMap(toy, map);
      const full = scoreRestorer(toy, mapToConditional(toy.n, map));
      expect(fast.mse).toBeCloseTo(full.mse, 14);
      expect(fast.error).toBeCloseTo(full.error, 14);
      expect(fast.tv).toBeCloseTo(full.tv, 14);
      expect(fast.w1).toBeCloseTo(full.w1, 14);
    }
  });

  it('noiseless Y and a = 1 restore X exactly: D = 0, TV = W1 = 0, error = Bayes error of X', () => {
    const clean = discretizeToy({ ...PAPER, sigmaN: 0 }, { n: 41, L: 5 });
    const s = scoreLinear(clean, 1);
    expect(s.mse).toBeCloseTo(0, 14);
    expect(s.tv).toBeCloseTo(0, 14);
    expect(s.w1).toBeCloseTo(0, 14);
    expect(s.error).toBeCloseTo(bayesErrorX(clean), 14);
  });

  it('a = 0 sends everything to x = 0: error = p2 (0 < t*), MSE = E[X^2] on the grid', () => {
    const s = scoreLinear(toy, 0);
    let ex2 = 0;
    let p2 = 0;
    for (let i = 0; i < toy.n; i++) {
      ex2 += toy.pX[i] * toy.x[i] ** 2;
      p2 += toy.pW2X[i];
    }
    expect(s.mse).toBeCloseTo(ex2, 13);
    expect(s.error).toBeCloseTo(p2, 13);
  });
});
