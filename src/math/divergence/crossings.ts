// Total variation and W1 between p_X and p_X^ without quadrature across kinks.
//
// TV = 1/2 int |p - q|: the crossings of p and q split the line into pieces on
// which p - q has one sign, and on each piece the integral is a difference of
// closed-form mixture CDFs. The crossings are the roots of log p - log q,
// found by a sign scan (plus a scan of its derivative, so a touching pair of
// roots inside one cell is not missed) and refined by safeguarded Newton.
//
// W1 = int |F_p - F_q|: E = F_p - F_q has E' = p - q, so E is monotone
// between consecutive crossings and has at most one root there; on the
// pieces between roots of E the integral is a difference of the closed-form
// antiderivatives of the mixture CDFs.
//
// Both values are stationary in the breakpoints (the integrands vanish
// there), so root errors enter only quadratically.

import {
  mixtureCdf,
  mixtureCdfIntegral,
  mixturePdf,
  mixtureSf,
  mixtureSfIntegral,
  mixtureSupport,
  mixtureAbsMean,
  mixtureMean,
  type Mixture,
} from '../mixture';
import { normCdf, normPdf, normSf } from '../normal';
import { brentRoot, newtonRoot } from '../roots';
import { mixtureX, mixtureXhat, mixtureY, type ToyParams } from '../toyParams';

export interface TvW1 {
  tv: number;
  /** dTV/da (NaN at a = 0). */
  dtv: number;
  w1: number;
  /** dW1/da (NaN at a = 0). */
  dw1: number;
  /** Crossings of p_X and p_X^ (sorted). */
  crossings: number[];
}

/**
 * A two-component, common-scale Gaussian mixture in softplus form:
 * log p(x) = c - (x - m1)^2 / (2 s^2) + softplus(alpha + beta x). Evaluating
 * log p and its score this way costs one exp and one log1p, allocation-free.
 */
interface TwoGauss {
  c: number;
  m1: number;
  v: number;
  alpha: number;
  beta: number;
  s: number;
  lo: number;
  hi: number;
}

const LOG_SQRT_2PI = 0.91893853320467274178;

function twoGauss(mix: Mixture): TwoGauss {
  const [w1, w2] = mix.w;
  const [m1, m2] = mix.m;
  const s = mix.s[0];
  if (mix.w.length !== 2 || mix.s[1] !== s || !(s > 0)) throw new RangeError('twoGauss: needs two components with one positive scale');
  const v = s * s;
  return {
    c: Math.log(w1) - Math.log(s) - LOG_SQRT_2PI,
    m1,
    v,
    alpha: Math.log(w2 / w1) - (m2 * m2 - m1 * m1) / (2 * v),
    beta: (m2 - m1) / v,
    s,
    lo: Math.min(m1, m2) - 9 * s,
    hi: Math.max(m1, m2) + 9 * s,
  };
}

/** log p(x) into out[0], d/dx log p(x) into out[1]. */
function logPdfScore(g: TwoGauss, x: number, out: Float64Array): void {
  const d = x - g.m1;
  const u = g.alpha + g.beta * x;
  const e = Math.exp(-Math.abs(u));
  const sp = (u > 0 ? u : 0) + Math.log1p(e);
  const sig = u > 0 ? 1 / (1 + e) : e / (1 + e);
  out[0] = g.c - (d * d) / (2 * g.v) + sp;
  out[1] = -d / g.v + g.beta * sig;
}

/** Scan spacing as a fraction of each mixture's component scale. */
const SCAN_FRACTION = 0.5;
/** Offsets (in units of 1/|beta|) of extra scan points around each softplus bend. */
const BEND_OFFSETS = [-8, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 8];

function scanGrid(g: TwoGauss, mix: Mixture): number[] {
  const h = SCAN_FRACTION * g.s;
  const pts: number[] = [];
  // Component supports only: across a gap between well-separated components both
  // densities are negligible, and the gap is one scan cell.
  for (const [lo, hi] of mixtureSupport(mix, 9)) {
    const n = Math.ceil((hi - lo) / h);
    for (let i = 0; i <= n; i++) pts.push(lo + ((hi - lo) * i) / n);
  }
  // Where the two components trade dominance the log density bends on a scale 1/|beta|,
  // which can be far finer than s when the components are well separated.
  if (g.beta !== 0) {
    const xb = -g.alpha / g.beta;
    const w = 1 / Math.abs(g.beta);
    const bend: number[] = [];
    for (const o of BEND_OFFSETS) {
      const x = xb + o * w;
      if (x > g.lo && x < g.hi) bend.push(x);
    }
    return mergeSorted(pts, bend);
  }
  return pts;
}

function mergeSorted(u: number[], v: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < u.length || j < v.length) {
    const next = j >= v.length || (i < u.length && u[i] <= v[j]) ? u[i++] : v[j++];
    if (out.length === 0 || next > out[out.length - 1]) out.push(next);
  }
  return out;
}

/**
 * Roots of f = log p - log q over the union of the supports. Between scan
 * points f is a quadratic plus smooth bends that the scan resolves, so each
 * cell holds either a sign change (one root, refined by safeguarded Newton) or,
 * if f' changes sign, an extremum that is checked for a pair of roots.
 */
export function densityCrossings(p: Mixture, q: Mixture): number[] {
  const gp = twoGauss(p);
  const gq = twoGauss(q);
  const grid = mergeSorted(scanGrid(gp, p), scanGrid(gq, q));
  const op = new Float64Array(2);
  const oq = new Float64Array(2);
  const fdf = (x: number): [number, number] => {
    logPdfScore(gp, x, op);
    logPdfScore(gq, x, oq);
    return [op[0] - oq[0], op[1] - oq[1]];
  };
  const df = (x: number) => fdf(x)[1];
  const roots: number[] = [];
  let x0 = grid[0];
  let [f0, d0] = fdf(x0);
  for (let i = 1; i < grid.length; i++) {
    const x1 = grid[i];
    const [f1, d1] = fdf(x1);
    if (f0 === 0) {
      if (roots.length === 0 || roots[roots.length - 1] !== x0) roots.push(x0);
    } else if (f1 !== 0 && Math.sign(f0) !== Math.sign(f1)) {
      roots.push(newtonRoot(fdf, x0, x1, f0, f1, x0 - (f0 * (x1 - x0)) / (f1 - f0), { acceptStep: 1e-12 }));
    } else if (f1 !== 0 && Math.sign(d0) !== Math.sign(d1) && d0 !== 0 && d1 !== 0) {
      // An extremum of f inside the cell: it may dip through zero and back.
      const xe = brentRoot(df, x0, x1, d0, d1);
      const fe = fdf(xe)[0];
      if (Math.sign(fe) !== Math.sign(f0)) {
        if (fe === 0) roots.push(xe);
        else {
          roots.push(newtonRoot(fdf, x0, xe, f0, fe, 0.5 * (x0 + xe), { acceptStep: 1e-12 }));
          roots.push(newtonRoot(fdf, xe, x1, fe, f1, 0.5 * (xe + x1), { acceptStep: 1e-12 }));
        }
      }
    }
    x0 = x1;
    f0 = f1;
    d0 = d1;
  }
  return roots;
}

/** F_p - F_q evaluated from whichever tail keeps it accurate. */
function cdfDiff(p: Mixture, q: Mixture, x: number): number {
  const fp = mixtureCdf(p, x);
  const fq = mixtureCdf(q, x);
  if (fp + fq <= 1) return fp - fq;
  return mixtureSf(q, x) - mixtureSf(p, x);
}

/** An antiderivative A of F_p - F_q with A(-inf) = 0 (so A(+inf) = mean q - mean p). */
function antiderivative(p: Mixture, q: Mixture, x: number): number {
  if (x === -Infinity) return 0;
  if (x === Infinity) return mixtureMean(q) - mixtureMean(p);
  if (mixtureCdf(p, x) + mixtureCdf(q, x) <= 1) return mixtureCdfIntegral(p, x) - mixtureCdfIntegral(q, x);
  return mixtureMean(q) - mixtureMean(p) - (mixtureSfIntegral(q, x) - mixtureSfIntegral(p, x));
}

/** dF_q(x)/da for q = law of aY (components a m_k, |a| s_k of the Y mixture). */
function dCdfXhat(y: Mixture, a: number, x: number): number {
  if (!Number.isFinite(x)) return 0;
  let d = 0;
  for (let k = 0; k < y.w.length; k++) {
    const sk = Math.abs(a) * y.s[k];
    const z = (x - a * y.m[k]) / sk;
    d += y.w[k] * normPdf(z) * (-y.m[k] / sk - z / a);
  }
  return d;
}

/** dA(x)/da = -dG_q(x)/da, with dG_q/da = sum_k w (sign(a) s_k phi(z) - m_k Phi(z)). */
function dAntiderivative(y: Mixture, a: number, x: number): number {
  if (x === -Infinity) return 0;
  const sgn = Math.sign(a);
  let left = 0;
  let right = 0;
  let mean = 0;
  for (let k = 0; k < y.w.length; k++) {
    if (x === Infinity) {
      mean += y.w[k] * y.m[k];
      continue;
    }
    const z = (x - a * y.m[k]) / (Math.abs(a) * y.s[k]);
    const phi = normPdf(z);
    left += y.w[k] * (sgn * y.s[k] * phi - y.m[k] * normCdf(z));
    right += y.w[k] * (sgn * y.s[k] * phi + y.m[k] * normSf(z));
    mean += y.w[k] * y.m[k];
  }
  if (x === Infinity) return mean;
  // Same value two ways; pick the one without cancellation.
  return x <= a * mean ? -left : mean - right;
}

/** TV and W1 between p_X and p_X^ with their a-derivatives. */
export function tvW1(params: ToyParams, a: number): TvW1 {
  const p = mixtureX(params);
  if (a === 0) return { tv: 1, dtv: NaN, w1: mixtureAbsMean(p), dw1: NaN, crossings: [] };
  const q = mixtureXhat(params, a);
  const y = mixtureY(params);
  const crossings = densityCrossings(p, q);
  const pts = [-Infinity, ...crossings, Infinity];
  let tv = 0;
  let dtv = 0;
  const e = pts.map((x) => (Number.isFinite(x) ? cdfDiff(p, q, x) : 0));
  for (let i = 1; i < pts.length; i++) {
    const dE = e[i] - e[i - 1];
    tv += Math.abs(dE);
    dtv -= Math.sign(dE) * (dCdfXhat(y, a, pts[i]) - dCdfXhat(y, a, pts[i - 1]));
  }
  // Roots of E = F_p - F_q: at most one per interior piece, E being monotone there.
  const w1Breaks: number[] = [-Infinity];
  for (let i = 1; i + 2 < pts.length; i++) {
    const lo = pts[i];
    const hi = pts[i + 1];
    if (e[i] !== 0 && e[i + 1] !== 0 && Math.sign(e[i]) !== Math.sign(e[i + 1])) {
      const edf = (x: number): [number, number] => [cdfDiff(p, q, x), mixturePdf(p, x) - mixturePdf(q, x)];
      w1Breaks.push(newtonRoot(edf, lo, hi, e[i], e[i + 1], lo - (e[i] * (hi - lo)) / (e[i + 1] - e[i]), { acceptStep: 1e-12 }));
    } else if (e[i] === 0) w1Breaks.push(lo);
  }
  w1Breaks.push(Infinity);
  let w1 = 0;
  let dw1 = 0;
  let aPrev = 0;
  let dPrev = 0;
  for (let i = 1; i < w1Breaks.length; i++) {
    const A = antiderivative(p, q, w1Breaks[i]);
    const dA = dAntiderivative(y, a, w1Breaks[i]);
    const piece = A - aPrev;
    w1 += Math.abs(piece);
    dw1 += Math.sign(piece) * (dA - dPrev);
    aPrev = A;
    dPrev = dA;
  }
  return { tv: 0.5 * tv, dtv: 0.5 * dtv, w1, dw1, crossings };
}
