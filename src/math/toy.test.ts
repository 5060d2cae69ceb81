import { describe, expect, it } from 'vitest';
import { mixtureAbsMean } from './mixture';
import { normalSampler, mulberry32 } from './random';
import { goldenMin } from './roots';
import {
  PAPER_TOY,
  bayesErrorX,
  bayesErrorY,
  bayesThresholdY,
  classifierThreshold,
  classify,
  errorRate,
  linearMmse,
  linearMmseA,
  mixtureX,
  mixtureXhat,
  mse,
  mseInterval,
  stationaryA,
  toyPoint,
  type ToyParams,
} from './toy';

/** Seeded Monte Carlo of (MSE, error rate of c0) for X^ = aY. */
function simulate(p: ToyParams, a: number, n: number, seed: number): { mse: number; err: number } {
  const u = mulberry32(seed);
  const z = normalSampler(u);
  const rule = classifierThreshold(p);
  let se = 0;
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const cls = u() < p.p1 ? 1 : 2;
    const x = (cls === 1 ? p.mu1 : p.mu2) + p.sigmaX * z();
    const xhat = a * (x + p.sigmaN * z());
    se += (x - xhat) ** 2;
    if (classify(rule, xhat) !== cls) errors++;
  }
  return { mse: se / n, err: errors / n };
}

describe('toy classifier', () => {
  it('is the paper threshold ln(P1/P2)/2 for the paper toy', () => {
    const r = classifierThreshold(PAPER_TOY);
    expect('t' in r && r.w1Below).toBe(true);
    if ('t' in r) expect(r.t).toBeCloseTo(Math.log(0.7 / 0.3) / 2, 15);
  });
  it('mirrors when mu1 > mu2 and is constant for equal means', () => {
    const r = classifierThreshold({ ...PAPER_TOY, mu1: 1, mu2: -1 });
    expect('t' in r && !r.w1Below).toBe(true);
    if ('t' in r) expect(r.t).toBeCloseTo(-Math.log(0.7 / 0.3) / 2, 15);
    expect(classifierThreshold({ ...PAPER_TOY, mu2: -1 })).toEqual({ constant: 1 });
    expect(classifierThreshold({ ...PAPER_TOY, p1: 0.2, mu2: -1 })).toEqual({ constant: 2 });
    expect(classifierThreshold({ ...PAPER_TOY, p1: 0.5, mu2: -1 })).toEqual({ constant: 1 });
  });
  it('sends a point exactly at the threshold to w2', () => {
    expect(classify({ t: 0.3, w1Below: true }, 0.3)).toBe(2);
    expect(classify({ t: 0.3, w1Below: false }, 0.3)).toBe(2);
  });
  it('rejects invalid params', () => {
    expect(() => classifierThreshold({ ...PAPER_TOY, p1: 1 })).toThrow();
    expect(() => classifierThreshold({ ...PAPER_TOY, sigmaX: 0 })).toThrow();
    expect(() => classifierThreshold({ ...PAPER_TOY, sigmaN: -1 })).toThrow();
  });
});

describe('toy distortion', () => {
  it('matches the paper formula (2 + sN^2) a^2 - 4a + 2', () => {
    for (const sN of [0, 0.5, 1, 2]) {
      for (const a of [-1, -0.2, 0, 0.4, 0.8, 1.5]) {
        expect(mse({ ...PAPER_TOY, sigmaN: sN }, a)).toBeCloseTo((2 + sN * sN) * a * a - 4 * a + 2, 13);
      }
    }
  });
  it('is minimised by the linear MMSE gain, and the D-interval is exact', () => {
    const p = { p1: 0.35, mu1: 0.5, mu2: -1.5, sigmaX: 0.8, sigmaN: 0.6 };
    const a0 = linearMmseA(p);
    expect(mse(p, a0)).toBeCloseTo(linearMmse(p), 14);
    expect(mse(p, a0 + 1e-4)).toBeGreaterThan(mse(p, a0));
    expect(mse(p, a0 - 1e-4)).toBeGreaterThan(mse(p, a0));
    for (const D of [linearMmse(p) + 1e-9, 0.9, 2, 7]) {
      const iv = mseInterval(p, D);
      expect(iv).not.toBeNull();
      if (iv) for (const a of iv) expect(Math.abs(mse(p, a) - D)).toBeLessThan(1e-12 * Math.max(1, D));
    }
    expect(mseInterval(p, linearMmse(p) * (1 - 1e-9))).toBeNull();
  });
  it('agrees with seeded Monte Carlo', () => {
    const p = { ...PAPER_TOY, sigmaN: 0.7 };
    for (const a of [-0.6, 0.8]) {
      const mc = simulate(p, a, 200_000, 7);
      expect(Math.abs(mc.mse - mse(p, a))).toBeLessThan(0.02);
    }
  });
});

describe('toy error rate', () => {
  const cases: ToyParams[] = [
    PAPER_TOY,
    { p1: 0.3, mu1: 2, mu2: -0.5, sigmaX: 0.7, sigmaN: 1.3 },
    { p1: 0.5, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 0.5 },
  ];
  it('matches seeded Monte Carlo for positive, negative and zero gains', () => {
    for (const [k, p] of cases.entries()) {
      for (const a of [-1.3, -0.2, 0, 0.3, 0.9, 2]) {
        const mc = simulate(p, a, 100_000, 11 + k);
        const c = errorRate(p, a);
        // 5 binomial standard deviations
        expect(Math.abs(mc.err - c)).toBeLessThan(5 * Math.sqrt((c * (1 - c)) / 100_000) + 1e-12);
      }
    }
  });
  it('at a = 0 is p2 or p1 by the side of t* and the tie rule', () => {
    expect(errorRate(PAPER_TOY, 0)).toBeCloseTo(0.3, 15); // 0 < t*: decide w1, wrong for w2
    expect(errorRate({ ...PAPER_TOY, p1: 0.3 }, 0)).toBeCloseTo(0.3, 15); // t* < 0: decide w2
    expect(errorRate({ ...PAPER_TOY, p1: 0.5 }, 0)).toBe(0.5); // t* = 0: tie goes to w2
    // Continuous through 0 when t* != 0.
    expect(Math.abs(errorRate(PAPER_TOY, 1e-9) - 0.3)).toBeLessThan(1e-12);
    expect(Math.abs(errorRate(PAPER_TOY, -1e-9) - 0.3)).toBeLessThan(1e-12);
  });
  it('is unchanged by mirroring the problem (x -> -x)', () => {
    const p = { p1: 0.62, mu1: -0.4, mu2: 1.7, sigmaX: 0.9, sigmaN: 0.8 };
    const m = { ...p, mu1: -p.mu1, mu2: -p.mu2 };
    for (const a of [-2, -0.5, 0, 0.5, 2]) expect(errorRate(m, a)).toBeCloseTo(errorRate(p, a), 15);
  });
  it('is minimised on a > 0 at t*/a = Bayes threshold of Y, where it equals the Bayes error of Y', () => {
    for (const p of [PAPER_TOY, { p1: 0.2, mu1: 0.5, mu2: 2.5, sigmaX: 0.6, sigmaN: 1.1 }]) {
      const aStar = stationaryA(p);
      expect(aStar).not.toBeNull();
      const ty = bayesThresholdY(p);
      const t0 = classifierThreshold(p);
      if ('t' in ty && 't' in t0 && aStar !== null) expect(t0.t / aStar).toBeCloseTo(ty.t, 12);
      // Independent search: dense scan, then golden section around the best node.
      let best = 0;
      for (let i = 1; i <= 5000; i++) if (errorRate(p, i / 1000) < errorRate(p, best || 1e-3)) best = i / 1000;
      const refined = goldenMin((a) => errorRate(p, a), best - 2e-3, best + 2e-3, 1e-9);
      expect(Math.abs(refined - (aStar as number))).toBeLessThan(1e-4);
      expect(Math.abs(errorRate(p, refined) - bayesErrorY(p))).toBeLessThan(1e-12);
      // Slides' Theorem 2: restoration cannot beat the clean-signal Bayes error.
      expect(bayesErrorY(p)).toBeGreaterThanOrEqual(bayesErrorX(p));
    }
  });
  it('has no interior minimum on a < 0 (quasi-concave there)', () => {
    const p = PAPER_TOY;
    const a = Array.from({ length: 2001 }, (_, i) => -3 + (3 * i) / 2000 - 1e-9);
    const c = a.map((x) => errorRate(p, x));
    // Once decreasing it never increases again.
    let turned = false;
    for (let i = 1; i < c.length; i++) {
      if (c[i] < c[i - 1] - 1e-15) turned = true;
      else if (turned) expect(c[i]).toBeLessThanOrEqual(c[i - 1] + 1e-15);
    }
  });
  it('with sigmaN = 0 the clean Bayes error is reached at a = 1', () => {
    const p = { ...PAPER_TOY, sigmaN: 0 };
    expect(stationaryA(p)).toBeCloseTo(1, 14);
    expect(errorRate(p, 1)).toBeCloseTo(bayesErrorX(p), 15);
  });
  it('has no stationary point when t* = 0 (C constant on each side)', () => {
    const p = { ...PAPER_TOY, p1: 0.5 };
    expect(stationaryA(p)).toBeNull();
    expect(errorRate(p, 0.3)).toBeCloseTo(errorRate(p, 1.7), 15);
  });
});

describe('toyPoint', () => {
  it('handles a = 0 as a point mass', () => {
    const pt = toyPoint(PAPER_TOY, 0);
    expect(pt.klXXhat).toBe(Infinity);
    expect(pt.klXhatX).toBe(Infinity);
    expect(pt.tv).toBe(1);
    expect(pt.w1).toBeCloseTo(mixtureAbsMean(mixtureX(PAPER_TOY)), 15);
    expect(pt.w2).toBeCloseTo(Math.SQRT2, 15);
    expect(mixtureXhat(PAPER_TOY, 0)).toEqual({ w: [0.7, 0.30000000000000004], m: [0, 0], s: [0, 0] });
  });
  it('reports the paper-toy point a = 0.8', () => {
    const pt = toyPoint(PAPER_TOY, 0.8);
    expect(pt.mse).toBeCloseTo(0.72, 14);
    expect(pt.klXXhat).toBeCloseTo(0.0063613466695305190653, 14); // mpmath, see divergence tests
    expect(pt.tv).toBeCloseTo(0.0491057097849093001, 14);
  });
});
