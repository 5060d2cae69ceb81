// Blau & Michaeli (CVPR 2018): Example 1 (Gaussian, linear estimator, KL) and
// the discrete example of Sec. 3.1 / Fig. 3 (MMSE and MAP estimates of a
// three-point X from Y = X + N(0, 1)).

import { normCdf, normPdf, normSf } from './normal';

/** Gain interval {a : MSE(a) <= D} for X ~ N(0,1), Y = X + N(0, sN^2): MSE = 1 - 2a + a^2 (1 + sN^2). */
function example1Interval(sigmaN: number, D: number): [number, number] | null {
  const A = 1 + sigmaN * sigmaN;
  const disc = A * D - sigmaN * sigmaN;
  if (!(disc >= 0)) return null;
  const hi = (1 + Math.sqrt(disc)) / A;
  return [(1 - D) / (A * hi), hi];
}

/** KL(N(0,1) || N(0,v)) = (1/v - 1 + ln v) / 2. */
function klVariance(v: number): number {
  // At v ~ 1 the sum cancels to rounding noise that can fall below zero (~ -1e-18);
  // a divergence is never negative.
  return Math.max(0, 0.5 * (1 / v - 1 + Math.log(v)));
}

/**
 * The perception-distortion curve of Example 1: P(D) = min KL(p_X || p_X^) over
 * linear X^ = aY with MSE <= D. KL depends on a only through v = a^2 (1 + sN^2)
 * and falls as |a| grows towards 1/sqrt(1 + sN^2), so P(D) is KL at the largest
 * feasible gain, and 0 once a = 1/sqrt(1 + sN^2) is feasible. null below the
 * MMSE sN^2/(1 + sN^2), where no gain meets the constraint (the paper's curves
 * are cut there).
 */
export function example1Curve(sigmaN: number, d: number[]): { d: number[]; p: (number | null)[] } {
  if (!(sigmaN >= 0) || !Number.isFinite(sigmaN)) throw new RangeError('sigmaN must be >= 0');
  const A = 1 + sigmaN * sigmaN;
  const aPerfect = 1 / Math.sqrt(A);
  const p = d.map((D) => {
    const iv = example1Interval(sigmaN, D);
    if (!iv) return null;
    if (iv[1] >= aPerfect) return 0;
    return klVariance(iv[1] * iv[1] * A);
  });
  return { d: d.slice(), p };
}

/** The MMSE point of Example 1 (the square in the paper's Fig. 5): a = 1/(1 + sN^2). */
export function example1Mmse(sigmaN: number): { d: number; p: number } {
  const s2 = sigmaN * sigmaN;
  // KL at v = 1/(1 + sN^2): (sN^2 - ln(1 + sN^2)) / 2.
  return { d: s2 / (1 + s2), p: 0.5 * (s2 - Math.log1p(s2)) };
}

// ---- Sec. 3.1: X in {-1, 0, 1}, p(+-1) = p1 = (1 - p0)/2, Y = X + N(0, 1) ----

function checkP0(p0: number): void {
  if (!(p0 >= 0 && p0 < 1)) throw new RangeError('p0 must be in [0, 1)');
}

/**
 * E[X | Y = y] = 2 p1 sinh(y) / (p0 e^{1/2} + 2 p1 cosh(y)): odd and strictly
 * increasing from -1 to 1 (evaluated with sech factors so large |y| cannot overflow).
 */
export function mmseEstimate(p0: number, y: number): number {
  checkP0(p0);
  const p1 = (1 - p0) / 2;
  const c = p0 * Math.exp(0.5);
  const t = Math.tanh(y);
  const sech = 1 / Math.cosh(y);
  return Number.isFinite(sech) && sech > 0 ? (2 * p1 * t) / (c * sech + 2 * p1) : Math.sign(y);
}

/** d/dy E[X | Y = y] = 2 p1 (c sech y + 2 p1 sech^2 y) / (c sech y + 2 p1)^2 > 0. */
export function mmseSlope(p0: number, y: number): number {
  const p1 = (1 - p0) / 2;
  const c = p0 * Math.exp(0.5);
  const sech = 1 / Math.cosh(y);
  return (2 * p1 * (c * sech + 2 * p1 * sech * sech)) / (c * sech + 2 * p1) ** 2;
}

/** The y with E[X | Y = y] = xhat, |xhat| < 1 (root of a quadratic in e^y; odd symmetry avoids cancellation). */
export function mmseInverse(p0: number, xhat: number): number {
  checkP0(p0);
  if (!(Math.abs(xhat) < 1)) return xhat > 0 ? Infinity : xhat < 0 ? -Infinity : NaN;
  const p1 = (1 - p0) / 2;
  const c = p0 * Math.exp(0.5);
  const x = Math.abs(xhat);
  // p1 (1 - x) u^2 - x c u - p1 (1 + x) = 0, u = e^y.
  const u = (x * c + Math.sqrt(x * x * c * c + 4 * p1 * p1 * (1 - x * x))) / (2 * p1 * (1 - x));
  const y = Math.log(u);
  return xhat < 0 ? -y : y;
}

/** Density of Y: p0 phi(y) + p1 phi(y - 1) + p1 phi(y + 1). */
export function discretePdfY(p0: number, y: number): number {
  const p1 = (1 - p0) / 2;
  return p0 * normPdf(y) + p1 * (normPdf(y - 1) + normPdf(y + 1));
}

/** Density of the MMSE estimate at xhat in (-1, 1), by change of variables. */
export function mmseDensity(p0: number, xhat: number): number {
  if (!(Math.abs(xhat) < 1)) return 0;
  const y = mmseInverse(p0, xhat);
  const slope = mmseSlope(p0, y);
  return slope > 0 ? discretePdfY(p0, y) / slope : 0;
}

/** MAP estimate argmax_n p_n phi(y - n); ties (a null set) go to the smaller |n|, then to +1. */
export function mapEstimate(p0: number, y: number): -1 | 0 | 1 {
  checkP0(p0);
  const p1 = (1 - p0) / 2;
  const s0 = p0 * normPdf(y);
  const sp = p1 * normPdf(y - 1);
  const sm = p1 * normPdf(y + 1);
  if (s0 >= sp && s0 >= sm) return 0;
  return sp >= sm ? 1 : -1;
}

/** P(MAP = -1), P(MAP = 0), P(MAP = 1) from the exact decision regions. */
export function mapPmf(p0: number): [number, number, number] {
  checkP0(p0);
  const p1 = (1 - p0) / 2;
  // 1 beats 0 iff y > b and -1 beats 0 iff y < -b, b = 1/2 + ln(p0/p1); 1 beats -1 iff y > 0.
  const b = p0 === 0 ? -Infinity : 0.5 + Math.log(p0 / p1);
  if (b <= 0) return [0.5, 0, 0.5]; // ln(p1/p0) >= 1/2: the MAP is sign(y), never 0
  const up = p0 * normSf(b) + p1 * (normSf(b - 1) + normSf(b + 1));
  const zero = p0 * (normCdf(b) - normCdf(-b)) + p1 * (normCdf(b - 1) - normCdf(-b - 1) + normCdf(b + 1) - normCdf(-b + 1));
  return [up, zero, up];
}

/** Everything Fig. 3 of the paper shows, for one p0. xhat is an open-interval midpoint grid on (-1, 1). */
export function discreteExample(
  p0: number,
  nGrid = 401,
): {
  x: number[];
  pmfX: number[];
  mmse: { xhat: number[]; density: number[] };
  map: { x: number[]; pmf: number[] };
} {
  checkP0(p0);
  if (!Number.isInteger(nGrid) || nGrid < 2) throw new RangeError('nGrid must be an integer >= 2');
  const p1 = (1 - p0) / 2;
  const xhat = Array.from({ length: nGrid }, (_, i) => -1 + (2 * (i + 0.5)) / nGrid);
  return {
    x: [-1, 0, 1],
    pmfX: [p1, p0, p1],
    mmse: { xhat, density: xhat.map((v) => mmseDensity(p0, v)) },
    map: { x: [-1, 0, 1], pmf: mapPmf(p0) },
  };
}
