// One-dimensional Gaussian mixtures sum_k w[k] N(m[k], s[k]^2).
//
// A component with s[k] = 0 is a point mass at m[k] (the toy's restored signal
// at a = 0). Densities are then +Infinity at the atom and 0 elsewhere, CDFs are
// right-continuous steps; UIs should draw such a component as a spike of
// height w[k].

import { normCdf, normIsf, normLogPdf, normPdf, normQuantile, normSf } from './normal';

export interface Mixture {
  w: number[];
  m: number[];
  s: number[];
}

const LOG_SQRT_2PI = 0.91893853320467274178;

/** Throws unless weights are positive-or-zero, sum to 1, and scales are >= 0. */
export function validateMixture(mix: Mixture): void {
  const { w, m, s } = mix;
  if (w.length === 0 || w.length !== m.length || w.length !== s.length) throw new RangeError('mixture: length mismatch');
  let total = 0;
  for (let k = 0; k < w.length; k++) {
    if (!(w[k] >= 0) || !Number.isFinite(m[k]) || !(s[k] >= 0) || !Number.isFinite(s[k])) {
      throw new RangeError('mixture: bad component');
    }
    total += w[k];
  }
  if (Math.abs(total - 1) > 1e-12) throw new RangeError('mixture: weights must sum to 1');
}

export function isPointMass(mix: Mixture): boolean {
  return mix.s.every((v) => v === 0);
}

export function mixturePdf(mix: Mixture, x: number): number {
  let p = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const s = mix.s[k];
    if (s === 0) {
      if (x === mix.m[k] && mix.w[k] > 0) return Infinity;
      continue;
    }
    p += (mix.w[k] * normPdf((x - mix.m[k]) / s)) / s;
  }
  return p;
}

/** log density by log-sum-exp: finite wherever any component is, however far out. */
export function mixtureLogPdf(mix: Mixture, x: number): number {
  let max = -Infinity;
  const n = mix.w.length;
  const terms = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const s = mix.s[k];
    let t: number;
    if (mix.w[k] === 0) t = -Infinity;
    else if (s === 0) t = x === mix.m[k] ? Infinity : -Infinity;
    else {
      const z = (x - mix.m[k]) / s;
      t = Math.log(mix.w[k]) - Math.log(s) - 0.5 * z * z - LOG_SQRT_2PI;
    }
    terms[k] = t;
    if (t > max) max = t;
  }
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(terms[k] - max);
  return max + Math.log(sum);
}

/** d/dx log density (score), computed with the same responsibilities as the log-sum-exp. */
export function mixtureScore(mix: Mixture, x: number): number {
  let max = -Infinity;
  const n = mix.w.length;
  const terms = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const z = (x - mix.m[k]) / mix.s[k];
    const t = mix.w[k] > 0 ? Math.log(mix.w[k]) - Math.log(mix.s[k]) - 0.5 * z * z : -Infinity;
    terms[k] = t;
    if (t > max) max = t;
  }
  let sum = 0;
  let score = 0;
  for (let k = 0; k < n; k++) {
    const r = Math.exp(terms[k] - max);
    sum += r;
    score -= (r * (x - mix.m[k])) / (mix.s[k] * mix.s[k]);
  }
  return score / sum;
}

export function mixtureCdf(mix: Mixture, x: number): number {
  let c = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const s = mix.s[k];
    c += mix.w[k] * (s === 0 ? (x >= mix.m[k] ? 1 : 0) : normCdf((x - mix.m[k]) / s));
  }
  return Math.min(1, c);
}

/** 1 - CDF, accurate far in the upper tail. */
export function mixtureSf(mix: Mixture, x: number): number {
  let c = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const s = mix.s[k];
    c += mix.w[k] * (s === 0 ? (x >= mix.m[k] ? 0 : 1) : normSf((x - mix.m[k]) / s));
  }
  return Math.min(1, c);
}

/** G(x) = int_{-inf}^x F(t) dt = sum_k w s [z Phi(z) + phi(z)], z = (x - m)/s. */
export function mixtureCdfIntegral(mix: Mixture, x: number): number {
  let g = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const s = mix.s[k];
    if (s === 0) {
      g += mix.w[k] * Math.max(0, x - mix.m[k]);
      continue;
    }
    const z = (x - mix.m[k]) / s;
    g += mix.w[k] * s * (z * normCdf(z) + normPdf(z));
  }
  return g;
}

/** H(x) = int_x^inf (1 - F(t)) dt = sum_k w s [phi(z) - z (1 - Phi(z))]; the right-tail twin of G. */
export function mixtureSfIntegral(mix: Mixture, x: number): number {
  let h = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const s = mix.s[k];
    if (s === 0) {
      h += mix.w[k] * Math.max(0, mix.m[k] - x);
      continue;
    }
    const z = (x - mix.m[k]) / s;
    h += mix.w[k] * s * (normPdf(z) - z * normSf(z));
  }
  return h;
}

export function mixtureMean(mix: Mixture): number {
  let mu = 0;
  for (let k = 0; k < mix.w.length; k++) mu += mix.w[k] * mix.m[k];
  return mu;
}

export function mixtureSecondMoment(mix: Mixture): number {
  let m2 = 0;
  for (let k = 0; k < mix.w.length; k++) m2 += mix.w[k] * (mix.m[k] * mix.m[k] + mix.s[k] * mix.s[k]);
  return m2;
}

/** E|X| in closed form: per component m (1 - 2 Phi(-m/s)) + 2 s phi(m/s). */
export function mixtureAbsMean(mix: Mixture): number {
  let e = 0;
  for (let k = 0; k < mix.w.length; k++) {
    const m = mix.m[k];
    const s = mix.s[k];
    if (s === 0) {
      e += mix.w[k] * Math.abs(m);
      continue;
    }
    e += mix.w[k] * (m * (1 - 2 * normCdf(-m / s)) + 2 * s * normPdf(m / s));
  }
  return e;
}

/** Union of [m - k s, m + k s] over components: where all but ~1e-19 of the mass lies for k = 9. */
export function mixtureSupport(mix: Mixture, k = 9): Array<[number, number]> {
  const ivs: Array<[number, number, number]> = [];
  for (let i = 0; i < mix.w.length; i++) {
    if (mix.w[i] > 0) ivs.push([mix.m[i] - k * mix.s[i], mix.m[i] + k * mix.s[i], mix.s[i]]);
  }
  ivs.sort((p, q) => p[0] - q[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of ivs) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Smallest component scale (with positive weight): sets panel widths and scan spacing. */
export function mixtureMinScale(mix: Mixture): number {
  let s = Infinity;
  for (let k = 0; k < mix.w.length; k++) if (mix.w[k] > 0) s = Math.min(s, mix.s[k]);
  return s;
}

/**
 * Quantile by safeguarded Newton on log F (lower half) or log S (upper half):
 * in the log domain the tails are close to quadratic, so Newton converges in a
 * handful of steps even at p = 1e-300. The bracket [min_k, max_k] of the
 * component quantiles always contains the answer.
 */
function solveTail(mix: Mixture, target: number, upper: boolean, x0?: number): number {
  const n = mix.w.length;
  const zq = upper ? normIsf(target) : normQuantile(target);
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    if (mix.w[k] === 0) continue;
    const q = mix.m[k] + mix.s[k] * zq;
    lo = Math.min(lo, q);
    hi = Math.max(hi, q);
  }
  if (lo === hi) return lo;
  const logT = Math.log(target);
  // g(x) = log F(x) - log p (increasing) or log S(x) - log q (decreasing, negated to increase).
  const g = (x: number): [number, number] => {
    const tail = upper ? mixtureSf(mix, x) : mixtureCdf(mix, x);
    const dens = mixturePdf(mix, x);
    const val = Math.log(tail) - logT;
    return upper ? [-val, dens / tail] : [val, dens / tail];
  };
  let x = x0 !== undefined && x0 > lo && x0 < hi ? x0 : 0.5 * (lo + hi);
  let a = lo; // g(a) <= 0
  let b = hi; // g(b) >= 0
  for (let iter = 0; iter < 100; iter++) {
    const [v, dv] = g(x);
    if (v === 0) return x;
    if (v < 0) a = x;
    else b = x;
    let next = x - v / dv;
    if (!Number.isFinite(next) || next <= a || next >= b) next = 0.5 * (a + b);
    if (Math.abs(next - x) <= 2e-16 * Math.max(1, Math.abs(x)) || b - a <= 4e-16 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/** Mixture quantile F^{-1}(p); for p near 1 use mixtureIsf(1 - p) computed without rounding. */
export function mixtureQuantile(mix: Mixture, p: number, x0?: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p <= 0.5 ? solveTail(mix, p, false, x0) : solveTail(mix, 1 - p, true, x0);
}

/** Inverse survival function: x with 1 - F(x) = q, accurate for tiny q. */
export function mixtureIsf(mix: Mixture, q: number, x0?: number): number {
  if (!(q >= 0 && q <= 1)) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  return q <= 0.5 ? solveTail(mix, q, true, x0) : solveTail(mix, 1 - q, false, x0);
}
