import { describe, expect, it } from 'vitest';
import { mixtureCdf, mixtureIsf, mixtureLogPdf, mixtureQuantile, mixturePdf } from '../mixture';
import { normCdf } from '../normal';
import { mulberry32 } from '../random';
import { PAPER_TOY, mixtureX, mixtureXhat, sigmaY, type ToyParams } from '../toyParams';
import { tvW1 } from './crossings';
import { DIVERGENCES, divergenceAtZero, divergenceEvaluator } from './index';
import { klGenericForward } from './kl';
import { w2Coefficients, w2FromCoefficients, w2Sublevel } from './w2';

const params = (v: number[]): ToyParams => ({ p1: v[0], mu1: v[1], mu2: v[2], sigmaX: v[3], sigmaN: v[4] });
const TOY_B = [0.4, -2, 0.5, 0.7, 0.3];

// Independent references: mpmath 1.3 (25-30 digits). KL: mp.quad of p (log p - log q) over
// 400 sub-intervals of [min m - 12 s, max m + 12 s]. TV / W1: mp.quad of |p - q| and |F_p - F_q|
// split at their roots (found by a 4000-point scan and mp.findroot).
// Columns: params, a, KL(p_X || p_X^), KL(p_X^ || p_X).
const KL_REF: Array<[number[], number, number, number]> = [
  [[0.7, -1, 1, 1, 1], 0.05, 185.78342589033994195, 2.4689276399788081068],
  [[0.7, -1, 1, 1, 1], 0.2, 8.3519727347073183768, 1.071228809209465535],
  [[0.7, -1, 1, 1, 1], 0.5, 0.40342640972002734529, 0.22157359027997265471],
  [[0.7, -1, 1, 1, 1], 0.8, 0.0063613466695305190653, 0.0064381441166965095252],
  [[0.7, -1, 1, 1, 1], 1.0, 0.050440591183421607366, 0.080974803805199491426],
  [[0.7, -1, 1, 1, 1], 1.7, 0.39520587026582152336, 1.4772297570802352654],
  [[0.7, -1, 1, 1, 1], -0.3, 2.9534272471391832819, 0.75454815013685755889],
  [[0.7, -1, 1, 1, 1], -1.2, 0.25554030816320816478, 0.46420312768742303777],
  [TOY_B, 0.05, 705.68579675036960932, 2.6433805669052047274],
  [TOY_B, 0.2, 31.9211841982040635, 1.3793298264250462067],
  [TOY_B, 0.5, 1.9825037372740621229, 0.54558230057403189299],
  [TOY_B, 0.8, 0.1066097843349583779, 0.077083694297098104728],
  [TOY_B, 1.0, 0.0048942502063054297269, 0.00532744573254874605],
  [TOY_B, 1.7, 0.41395028036662016118, 1.3586724148270723492],
  [TOY_B, -0.3, 14.89022451326205034, 0.86429799293232315524],
  [TOY_B, -1.2, 0.58089549599343784123, 1.3844291577965320089],
];
// Columns: params, a, TV, W1.
const TV_W1_REF: Array<[number[], number, number, number]> = [
  [[0.7, -1, 1, 1, 1], 0.2, 0.631061078574535323, 0.888022962189412247],
  [[0.7, -1, 1, 1, 1], 0.5, 0.268153055601758995, 0.472472082732111135],
  [[0.7, -1, 1, 1, 1], 0.8, 0.0491057097849093001, 0.0876597827239461951],
  [[0.7, -1, 1, 1, 1], 1.3, 0.231855008613994363, 0.665242217292811007],
  [[0.7, -1, 1, 1, 1], -0.4, 0.42258016993223109, 0.772957215585667391],
  [[0.7, -1, 1, 1, 1], -1.1, 0.268205579024250529, 0.90654194639509192],
  [TOY_B, 0.2, 0.725254852706824809, 0.969336430632930035],
  [TOY_B, 0.5, 0.429963585908053338, 0.597267393572529347],
  [TOY_B, 0.8, 0.145535847777907952, 0.226389728831727164],
  [TOY_B, 1.3, 0.200692111321765105, 0.397526774114506962],
  [TOY_B, -0.4, 0.444974871270229835, 0.788154854484644883],
  [TOY_B, -1.1, 0.417171450321014944, 1.05000000000000016],
];

// mpmath (20 digits): W2^2 = int (F_X^{-1}(F_Y(y)) - a y)^2 p_Y(y) dy (antitone pairing for a < 0),
// quantiles by 90-step bisection on log F / log S. Columns: params, a, W2.
const W2_REF: Array<[number[], number, number]> = [
  [[0.7, -1, 1, 1, 1], 0.8, 0.1018252661341359],
  [[0.7, -1, 1, 1, 1], -0.5, 0.7991038656635457],
  [TOY_B, 1.2, 0.3377301363899493],
  [TOY_B, -1.0, 1.050667427901192],
];

/** Random toy params for brute-force comparisons (seeded). */
function randomParams(seed: number, n: number): ToyParams[] {
  const u = mulberry32(seed);
  return Array.from({ length: n }, () => ({
    p1: 0.1 + 0.8 * u(),
    mu1: -3 + 6 * u(),
    mu2: -3 + 6 * u(),
    sigmaX: 0.3 + 1.5 * u(),
    sigmaN: u() < 0.15 ? 0 : 2 * u(),
  }));
}

/** Midpoint Riemann sums of KL, TV and W1 on a grid finer than both mixtures. */
function riemann(p: ToyParams, a: number): { kl: number; tv: number; w1: number } {
  const P = mixtureX(p);
  const Q = mixtureXhat(p, a);
  const lo = Math.min(...P.m.map((m, k) => m - 10 * P.s[k]), ...Q.m.map((m, k) => m - 10 * Q.s[k]));
  const hi = Math.max(...P.m.map((m, k) => m + 10 * P.s[k]), ...Q.m.map((m, k) => m + 10 * Q.s[k]));
  const h = Math.min(P.s[0], Q.s[0]) / 100;
  const n = Math.ceil((hi - lo) / h);
  const dx = (hi - lo) / n;
  let kl = 0;
  let tv = 0;
  let w1 = 0;
  for (let i = 0; i < n; i++) {
    const x = lo + (i + 0.5) * dx;
    const lp = mixtureLogPdf(P, x);
    const pp = Math.exp(lp);
    kl += pp * (lp - mixtureLogPdf(Q, x));
    tv += Math.abs(pp - mixturePdf(Q, x));
    w1 += Math.abs(mixtureCdf(P, x) - mixtureCdf(Q, x));
  }
  return { kl: kl * dx, tv: 0.5 * tv * dx, w1: w1 * dx };
}

describe('KL divergences', () => {
  it('match mpmath in both directions (incl. very narrow and reflected p_X^)', () => {
    let worstRel = 0;
    for (const [v, a, f, r] of KL_REF) {
      const p = params(v);
      const F = divergenceEvaluator(p, 'kl')(a)[0];
      const R = divergenceEvaluator(p, 'kl-reverse')(a)[0];
      worstRel = Math.max(worstRel, Math.abs(F - f) / f, Math.abs(R - r) / r);
      expect(Math.abs(F - f)).toBeLessThan(1e-12 * Math.max(1, f));
      expect(Math.abs(R - r)).toBeLessThan(1e-12 * Math.max(1, r));
    }
    expect(worstRel).toBeLessThan(2e-12); // measured 8.1e-13, at KL ~ 0.005 (absolute 4e-15)
  });

  it('equal the Gaussian closed form when mu1 = mu2', () => {
    for (const [m, sx, sn] of [[0, 1, 1], [1.5, 0.6, 0.3], [-2, 2, 0]]) {
      const p: ToyParams = { p1: 0.3, mu1: m, mu2: m, sigmaX: sx, sigmaN: sn };
      for (const a of [-1.4, -0.2, 0.3, 0.9, 1.6]) {
        const s2 = Math.abs(a) * sigmaY(p);
        const m2 = a * m;
        const fwd = Math.log(s2 / sx) + (sx * sx + (m - m2) ** 2) / (2 * s2 * s2) - 0.5;
        const rev = Math.log(sx / s2) + (s2 * s2 + (m - m2) ** 2) / (2 * sx * sx) - 0.5;
        expect(Math.abs(divergenceEvaluator(p, 'kl')(a)[0] - fwd)).toBeLessThan(1e-12 * Math.max(1, fwd));
        expect(Math.abs(divergenceEvaluator(p, 'kl-reverse')(a)[0] - rev)).toBeLessThan(1e-12 * Math.max(1, rev));
      }
    }
  });

  it('agree with the generic log-sum-exp form and with fine Riemann sums on random params', () => {
    for (const p of randomParams(3, 12)) {
      for (const a of [-0.9, 0.35, 1.2]) {
        const F = divergenceEvaluator(p, 'kl')(a)[0];
        expect(Math.abs(F - klGenericForward(p, a))).toBeLessThan(1e-9 * Math.max(1, F));
        expect(Math.abs(F - riemann(p, a).kl)).toBeLessThan(1e-6 * Math.max(1, F));
      }
    }
  });
});

describe('TV and W1 by crossings', () => {
  it('match mpmath', () => {
    let worst = 0;
    for (const [v, a, tv, w1] of TV_W1_REF) {
      const r = tvW1(params(v), a);
      worst = Math.max(worst, Math.abs(r.tv - tv), Math.abs(r.w1 - w1));
    }
    expect(worst).toBeLessThan(1e-14); // measured ~3e-16
  });

  it('give the two-Gaussian TV from the closed-form crossing points, and W1 = |1 - c| E|X| for scaled Gaussians', () => {
    for (const [m, sx, sn, a] of [[0.5, 1, 1, 0.6], [-1, 0.5, 0.2, -1.7], [2, 1.2, 0.4, 0.9]]) {
      const p: ToyParams = { p1: 0.6, mu1: m, mu2: m, sigmaX: sx, sigmaN: sn };
      const s2 = Math.abs(a) * sigmaY(p);
      const m2 = a * m;
      // log N(x; m, sx) - log N(x; m2, s2) = A x^2 + B x + C
      const A = 1 / (2 * s2 * s2) - 1 / (2 * sx * sx);
      const B = m / (sx * sx) - m2 / (s2 * s2);
      const C = (m2 * m2) / (2 * s2 * s2) - (m * m) / (2 * sx * sx) + Math.log(s2 / sx);
      const disc = Math.sqrt(B * B - 4 * A * C);
      const roots = [(-B - disc) / (2 * A), (-B + disc) / (2 * A)].sort((x, y) => x - y);
      const E = (x: number) => normCdf((x - m) / sx) - normCdf((x - m2) / s2);
      const tvRef = 0.5 * (Math.abs(E(roots[0])) + Math.abs(E(roots[1]) - E(roots[0])) + Math.abs(E(roots[1])));
      expect(Math.abs(tvW1(p, a).tv - tvRef)).toBeLessThan(1e-14);
    }
    for (const [sx, sn, a] of [[1, 1, 0.5], [0.7, 0.3, -1.9], [2, 0, 1.3]]) {
      const p: ToyParams = { p1: 0.6, mu1: 0, mu2: 0, sigmaX: sx, sigmaN: sn };
      const ref = Math.abs(sx - Math.abs(a) * sigmaY(p)) * Math.sqrt(2 / Math.PI);
      expect(Math.abs(tvW1(p, a).w1 - ref)).toBeLessThan(1e-14);
    }
  });

  it('agree with fine Riemann sums on random params (crossing search never misses a root)', () => {
    let worst = 0;
    for (const p of randomParams(5, 25)) {
      for (const a of [-1.1, -0.15, 0.1, 0.55, 1.4]) {
        const r = tvW1(p, a);
        const ref = riemann(p, a);
        worst = Math.max(worst, Math.abs(r.tv - ref.tv), Math.abs(r.w1 - ref.w1));
      }
    }
    // The gap is the O(h^2) error of the midpoint sums at the kinks of |p - q| (measured 3.3e-6;
    // with a 10x finer grid it drops to 2.4e-8). A missed crossing would show as a much larger gap.
    expect(worst).toBeLessThan(5e-6);
  });

  it('are 0 for identical laws and take their point-mass values at a = 0', () => {
    const p = { ...PAPER_TOY, sigmaN: 0 };
    const r = tvW1(p, 1);
    expect(r.tv).toBeLessThan(1e-15);
    expect(r.w1).toBeLessThan(1e-15);
    expect(divergenceAtZero(PAPER_TOY, 'tv')).toBe(1);
    expect(tvW1(PAPER_TOY, 1e-7).tv).toBeGreaterThan(1 - 1e-6);
    expect(Math.abs(tvW1(PAPER_TOY, 1e-7).w1 - divergenceAtZero(PAPER_TOY, 'w1'))).toBeLessThan(1e-6);
  });
});

describe('W2 by the quantile coupling', () => {
  it('matches mpmath', () => {
    for (const [v, a, ref] of W2_REF) {
      expect(Math.abs(divergenceEvaluator(params(v), 'w2')(a)[0] - ref)).toBeLessThan(1e-12); // measured 5.3e-14
    }
  });

  it('is the Gaussian closed form when mu1 = mu2', () => {
    for (const [m, sx, sn] of [[0, 1, 1], [1.5, 0.6, 0.3], [-2, 2, 0]]) {
      const p: ToyParams = { p1: 0.3, mu1: m, mu2: m, sigmaX: sx, sigmaN: sn };
      const c = w2Coefficients(p);
      for (const a of [-1.4, -0.2, 0.3, 0.9, 1.6]) {
        const ref = Math.hypot(m - a * m, sx - Math.abs(a) * sigmaY(p));
        expect(Math.abs(w2FromCoefficients(c, a)[0] - ref)).toBeLessThan(1e-13);
      }
    }
  });

  it('vanishes at a = 1 when Y = X (rho+ = E[X^2])', () => {
    const c = w2Coefficients({ ...PAPER_TOY, sigmaN: 0 });
    expect(Math.abs(c.rhoPlus - 2)).toBeLessThan(1e-14);
    expect(w2FromCoefficients(c, 1)[0]).toBeLessThan(1e-12); // vertex form: no cancellation residue
  });

  it('agrees with a brute-force quantile sum on random params', () => {
    for (const p of randomParams(9, 4)) {
      const c = w2Coefficients(p);
      const X = mixtureX(p);
      for (const a of [-0.8, 0.6, 1.3]) {
        const Q = mixtureXhat(p, a);
        const n = 10000;
        let s = 0;
        for (let i = 0; i < n; i++) {
          const u = (i + 0.5) / n;
          const qx = u <= 0.5 ? mixtureQuantile(X, u) : mixtureIsf(X, 1 - u);
          const qq = u <= 0.5 ? mixtureQuantile(Q, u) : mixtureIsf(Q, 1 - u);
          s += (qx - qq) ** 2;
        }
        const ref = Math.sqrt(s / n);
        expect(Math.abs(w2FromCoefficients(c, a)[0] - ref)).toBeLessThan(2e-4 * Math.max(1, ref));
      }
    }
  });

  it('has closed-form sublevel sets whose ends sit on the level', () => {
    const c = w2Coefficients(PAPER_TOY);
    for (const level of [0.15, 0.6, 1.2, 1.5]) {
      for (const [lo, hi] of w2Sublevel(c, level)) {
        for (const a of [lo, hi]) {
          if (a !== 0) expect(Math.abs(w2FromCoefficients(c, a)[0] - level)).toBeLessThan(1e-12);
        }
        expect(w2FromCoefficients(c, 0.5 * (lo + hi))[0]).toBeLessThanOrEqual(level + 1e-12);
      }
    }
  });
});

describe('a-derivatives', () => {
  it('match central differences for every divergence', () => {
    for (const p of [PAPER_TOY, params(TOY_B)]) {
      for (const d of DIVERGENCES) {
        const ev = divergenceEvaluator(p, d);
        for (const a of [-1.3, -0.4, 0.25, 0.7, 1.5]) {
          const h = 1e-6;
          const fd = (ev(a + h)[0] - ev(a - h)[0]) / (2 * h);
          expect(Math.abs(ev(a)[1] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    }
  });
});
