import { describe, expect, it } from 'vitest';
import {
  discreteExample,
  example1Curve,
  example1Mmse,
  mapEstimate,
  mapPmf,
  mmseDensity,
  mmseEstimate,
  mmseInverse,
  mmseSlope,
} from './blau';
import { divergenceEvaluator } from './divergence/index';
import { integrate } from './quadrature';
import { mulberry32, normalSampler } from './random';
import { goldenMin } from './roots';

describe('Blau & Michaeli Example 1', () => {
  it('matches a brute-force minimum of KL over feasible gains', () => {
    for (const sN of [0.3, 1, 2]) {
      const A = 1 + sN * sN;
      const ds = [0.1, 0.3, 0.51, 0.7, 0.9, 1.2]; // (at D = MMSE exactly the feasible set is one point; see below)
      const curve = example1Curve(sN, ds);
      ds.forEach((D, i) => {
        const kl = (a: number) => 0.5 * (1 / (a * a * A) - 1 + Math.log(a * a * A));
        const feasible = (a: number) => 1 - 2 * a + a * a * A <= D;
        let best = Infinity;
        let bestA = NaN;
        for (let k = 1; k <= 200_000; k++) {
          const a = (2 * k) / 200_000;
          if (feasible(a) && kl(a) < best) {
            best = kl(a);
            bestA = a;
          }
        }
        const p = curve.p[i];
        if (best === Infinity) expect(p).toBeNull();
        else {
          // Refine at the constraint edge when the best node is the last feasible one.
          let lo = bestA;
          let hi = bestA + 1e-5;
          if (!feasible(hi)) {
            for (let k = 0; k < 60; k++) {
              const m = 0.5 * (lo + hi);
              if (feasible(m)) lo = m;
              else hi = m;
            }
          }
          const ref = Math.min(best, kl(lo));
          expect(Math.abs((p as number) - ref)).toBeLessThan(1e-9);
        }
      });
    }
  });

  it('is cut at the MMSE, reaches 0, is non-increasing and convex', () => {
    const sN = 1;
    const m = example1Mmse(sN);
    expect(m.d).toBeCloseTo(0.5, 15);
    expect(m.p).toBeCloseTo(0.5 * (1 - Math.log(2)), 15);
    expect(example1Curve(sN, [m.d]).p[0]).toBeCloseTo(m.p, 15);
    const ds = Array.from({ length: 200 }, (_, i) => 0.45 + i * 0.005);
    const { p } = example1Curve(sN, ds);
    ds.forEach((D, i) => (D < 0.5 ? expect(p[i]).toBeNull() : expect(p[i]).not.toBeNull()));
    const vals = p.filter((v): v is number => v !== null);
    expect(vals[0]).toBeCloseTo(m.p, 4);
    expect(vals[vals.length - 1]).toBe(0);
    for (let i = 1; i < vals.length; i++) expect(vals[i]).toBeLessThanOrEqual(vals[i - 1]);
    for (let i = 1; i + 1 < vals.length; i++) expect(vals[i - 1] + vals[i + 1] - 2 * vals[i]).toBeGreaterThanOrEqual(-1e-12);
    // 0 exactly from where a = 1/sqrt(2) is feasible: MSE(1/sqrt 2) = 2 - sqrt 2.
    expect(example1Curve(sN, [2 - Math.SQRT2 + 1e-12]).p[0]).toBe(0);
    expect(example1Curve(sN, [2 - Math.SQRT2 - 1e-6]).p[0]).toBeGreaterThan(0);
  });

  it('agrees with the toy KL evaluator for a one-component X ~ N(0, 1)', () => {
    const sN = 0.8;
    const ev = divergenceEvaluator({ p1: 0.5, mu1: 0, mu2: 0, sigmaX: 1, sigmaN: sN }, 'kl');
    const D = 0.42; // between the MMSE 0.39 and MSE(1/sqrt(1.64)) = 0.438: KL > 0 here
    const aHi = (1 + Math.sqrt(D * (1 + sN * sN) - sN * sN)) / (1 + sN * sN);
    expect(Math.abs((example1Curve(sN, [D]).p[0] as number) - ev(aHi)[0])).toBeLessThan(1e-13);
  });
});

describe('Blau & Michaeli discrete example (Sec. 3.1, Fig. 3)', () => {
  it('MMSE estimate is the posterior mean, odd and strictly increasing', () => {
    const p0 = 0.4;
    const p1 = 0.3;
    for (const y of [-3, -0.7, 0, 0.2, 1.5, 4]) {
      const w = [p1 * Math.exp(-0.5 * (y + 1) ** 2), p0 * Math.exp(-0.5 * y * y), p1 * Math.exp(-0.5 * (y - 1) ** 2)];
      expect(mmseEstimate(p0, y)).toBeCloseTo((w[2] - w[0]) / (w[0] + w[1] + w[2]), 14);
      expect(mmseEstimate(p0, -y)).toBe(-mmseEstimate(p0, y));
    }
    let prev = -Infinity;
    for (let y = -40; y <= 40; y += 0.01) {
      const v = mmseEstimate(p0, y);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(mmseSlope(p0, y)).toBeGreaterThan(0);
      prev = v;
    }
    for (const x of [-0.999, -0.5, 0, 0.3, 0.97]) expect(mmseEstimate(p0, mmseInverse(p0, x))).toBeCloseTo(x, 13);
    // Slope formula vs central differences.
    for (const y of [-2, 0.1, 1.3]) {
      const fd = (mmseEstimate(p0, y + 1e-6) - mmseEstimate(p0, y - 1e-6)) / 2e-6;
      expect(Math.abs(mmseSlope(p0, y) - fd)).toBeLessThan(1e-8);
    }
  });

  it('MMSE density integrates to 1 and matches a seeded Monte Carlo histogram', () => {
    for (const p0 of [0, 0.2, 0.6]) {
      // The density vanishes at +-1; composite Gauss-Legendre on the open interval.
      const mass = integrate((x) => mmseDensity(p0, x), -1, 1, 200, 10);
      expect(Math.abs(mass - 1)).toBeLessThan(1e-6);
      const n = 200_000;
      const bins = 20;
      const counts = new Array(bins).fill(0);
      const u = mulberry32(17);
      const z = normalSampler(u);
      const p1 = (1 - p0) / 2;
      for (let i = 0; i < n; i++) {
        const r = u();
        const x = r < p1 ? -1 : r < p1 + p0 ? 0 : 1;
        const xh = mmseEstimate(p0, x + z());
        counts[Math.min(bins - 1, Math.floor(((xh + 1) / 2) * bins))]++;
      }
      for (let b = 0; b < bins; b++) {
        const lo = -1 + (2 * b) / bins;
        const prob = integrate((x) => mmseDensity(p0, x), lo, lo + 2 / bins, 8, 10);
        expect(Math.abs(counts[b] / n - prob)).toBeLessThan(5 * Math.sqrt((prob * (1 - prob)) / n) + 1e-9);
      }
    }
  });

  it('MAP pmf matches the decision regions and a seeded Monte Carlo; never 0 when ln(p1/p0) > 1/2', () => {
    for (const p0 of [0.05, 0.2, 0.4, 0.8]) {
      const pmf = mapPmf(p0);
      expect(pmf[0] + pmf[1] + pmf[2]).toBeCloseTo(1, 14);
      const p1 = (1 - p0) / 2;
      if (Math.log(p1 / p0) > 0.5) expect(pmf[1]).toBe(0);
      const n = 200_000;
      const u = mulberry32(23);
      const z = normalSampler(u);
      const counts = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const r = u();
        const x = r < p1 ? -1 : r < p1 + p0 ? 0 : 1;
        counts[mapEstimate(p0, x + z()) + 1]++;
      }
      for (let k = 0; k < 3; k++) expect(Math.abs(counts[k] / n - pmf[k])).toBeLessThan(5 * Math.sqrt((pmf[k] * (1 - pmf[k])) / n) + 1e-9);
    }
    // The paper's case: the MAP is sign(y), 1/2 each.
    expect(mapPmf(0.1)).toEqual([0.5, 0, 0.5]);
  });

  it('discreteExample bundles the three distributions', () => {
    const ex = discreteExample(0.3, 101);
    expect(ex.x).toEqual([-1, 0, 1]);
    expect(ex.pmfX).toEqual([0.35, 0.3, 0.35]);
    expect(ex.mmse.xhat).toHaveLength(101);
    expect(ex.mmse.xhat[0]).toBeGreaterThan(-1);
    expect(ex.mmse.xhat[100]).toBeLessThan(1);
    expect(ex.mmse.density[50]).toBeCloseTo(mmseDensity(0.3, 0), 15);
    expect(ex.map.pmf).toEqual(mapPmf(0.3));
    expect(() => discreteExample(1)).toThrow();
  });
});
