// Sublevel sets {a : P(a) <= level} of a perception measure P over an a-range.
//
// Built once per (params, divergence): P and P' on a table of a (uniform on
// each side of 0, plus geometric points towards 0 where KL blows up), local
// extrema refined to roots of the exact P', and 0 itself (P is finite or
// +Infinity there and may have a kink). Between consecutive breakpoints
// (range ends, 0, extrema) P is monotone, so a level crosses each segment at
// most once: the crossing is located in its table cell by bisection on the
// table, guessed by cubic Hermite interpolation and polished by safeguarded
// Newton on the exact P (usually one or two exact evaluations).

import type { DivergenceEvaluator } from './divergence/index';
import { brentRoot, newtonRoot } from './roots';

export type Interval = [number, number];

export interface ProfileStats {
  /** Exact P evaluations spent building the table and refining extrema. */
  buildEvaluations: number;
  /** Exact P evaluations spent on level crossings so far. */
  crossingEvaluations: number;
}

export interface Profile {
  aLo: number;
  aHi: number;
  /** Sorted nodes of the table (breakpoints included). */
  a: Float64Array;
  p: Float64Array;
  /** Indices into a of the segment breakpoints (range ends, 0, refined extrema). */
  breaks: number[];
  sublevel(level: number): Interval[];
  stats: ProfileStats;
}

/** Interior table cells per unit of a-range (tunable; ~100 cells over the default range). */
const CELLS = 64;
/** Geometric refinement towards 0: h/2, h/4, ..., h/2^6. */
const ZERO_LEVELS = 6;

export function buildProfile(P: DivergenceEvaluator, pAtZero: number, aLo: number, aHi: number): Profile {
  if (!(aLo < 0 && aHi > 0)) throw new RangeError('buildProfile: the range must contain 0 inside');
  const stats: ProfileStats = { buildEvaluations: 0, crossingEvaluations: 0 };
  const h = (aHi - aLo) / CELLS;
  const xs: number[] = [];
  const nNeg = Math.max(2, Math.ceil(-aLo / h));
  const nPos = Math.max(2, Math.ceil(aHi / h));
  for (let i = 0; i < nNeg; i++) xs.push(aLo + (-aLo * i) / nNeg);
  const hn = -aLo / nNeg;
  for (let k = 1; k <= ZERO_LEVELS; k++) xs.push(-hn / 2 ** k);
  xs.push(0);
  const hp = aHi / nPos;
  for (let k = ZERO_LEVELS; k >= 1; k--) xs.push(hp / 2 ** k);
  for (let i = 1; i <= nPos; i++) xs.push(i === nPos ? aHi : (aHi * i) / nPos);

  const vals: number[] = [];
  const ders: number[] = [];
  for (const x of xs) {
    if (x === 0) {
      vals.push(pAtZero);
      ders.push(NaN);
    } else {
      const [v, d] = P(x);
      stats.buildEvaluations++;
      vals.push(v);
      ders.push(d);
    }
  }

  // Insert refined extrema (roots of P' between table nodes on the same side of 0).
  const A: number[] = [xs[0]];
  const V: number[] = [vals[0]];
  const Dd: number[] = [ders[0]];
  const breaks: number[] = [0];
  const dOnly = (x: number) => {
    stats.buildEvaluations++;
    return P(x)[1];
  };
  for (let i = 1; i < xs.length; i++) {
    const x0 = xs[i - 1];
    const x1 = xs[i];
    const d0 = ders[i - 1];
    const d1 = ders[i];
    if (x0 !== 0 && x1 !== 0 && Number.isFinite(d0) && Number.isFinite(d1) && d0 !== 0 && d1 !== 0 && Math.sign(d0) !== Math.sign(d1)) {
      const xe = brentRoot(dOnly, x0, x1, d0, d1);
      if (xe > x0 && xe < x1) {
        const [ve] = P(xe);
        stats.buildEvaluations++;
        A.push(xe);
        V.push(ve);
        Dd.push(0);
        breaks.push(A.length - 1);
      }
    }
    A.push(x1);
    V.push(vals[i]);
    Dd.push(ders[i]);
    if (x1 === 0 || (ders[i] === 0 && i < xs.length - 1)) breaks.push(A.length - 1);
  }
  breaks.push(A.length - 1);
  const a = Float64Array.from(A);
  const p = Float64Array.from(V);
  const dp = Float64Array.from(Dd);
  const cache = new Map<number, Interval[]>();

  const crossing = (j: number, level: number): number => {
    // Root of P - level in the cell [a[j], a[j+1]] where it changes sign.
    const x0 = a[j];
    const x1 = a[j + 1];
    const f0 = p[j] - level;
    const f1 = p[j + 1] - level;
    let guess = 0.5 * (x0 + x1);
    // Newton's error after a step dx is ~ dx^2 |P''| / (2 |P'|): stop once that is below 1e-13.
    let accept = 0;
    if (Number.isFinite(f0) && Number.isFinite(f1)) {
      guess = x0 - (f0 * (x1 - x0)) / (f1 - f0);
      const d0 = dp[j];
      const d1 = dp[j + 1];
      if (Number.isFinite(d0) && Number.isFinite(d1)) {
        guess = hermiteRoot(x0, x1, f0, f1, d0, d1, guess);
        const curvature = Math.abs(d1 - d0) / (x1 - x0) / (2 * Math.min(Math.abs(d0), Math.abs(d1)));
        accept = Math.min(1e-6, Math.sqrt(1e-13 / Math.max(curvature, 1e-300)));
      }
    }
    const fdf = (x: number): [number, number] => {
      stats.crossingEvaluations++;
      const [v, d] = P(x);
      return [v - level, d];
    };
    return newtonRoot(fdf, x0, x1, f0, f1, guess, { acceptStep: accept });
  };

  const sublevel = (level: number): Interval[] => {
    const hit = cache.get(level);
    if (hit) return hit;
    const out: Interval[] = [];
    const push = (lo: number, hi: number) => {
      const last = out[out.length - 1];
      if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
      else out.push([lo, hi]);
    };
    for (let s = 0; s + 1 < breaks.length; s++) {
      const i0 = breaks[s];
      const i1 = breaks[s + 1];
      const v0 = p[i0];
      const v1 = p[i1];
      if (v0 <= level && v1 <= level) {
        push(a[i0], a[i1]);
        continue;
      }
      if (!(v0 <= level) && !(v1 <= level)) continue;
      // Monotone segment crossing the level once: find the table cell by bisection.
      const increasing = v1 > v0;
      let lo = i0;
      let hi = i1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if ((p[mid] <= level) === increasing) lo = mid;
        else hi = mid;
      }
      const root = p[lo] === level ? a[lo] : p[hi] === level ? a[hi] : crossing(lo, level);
      if (increasing) push(a[i0], root);
      else push(root, a[i1]);
    }
    if (cache.size > 4096) cache.clear();
    cache.set(level, out);
    return out;
  };

  return { aLo, aHi, a, p, breaks, sublevel, stats };
}

/** Root of the cubic Hermite interpolant of (f0, d0) -> (f1, d1) on [x0, x1], near `guess`. */
function hermiteRoot(x0: number, x1: number, f0: number, f1: number, d0: number, d1: number, guess: number): number {
  const h = x1 - x0;
  let t = (guess - x0) / h;
  for (let it = 0; it < 8; it++) {
    const t2 = t * t;
    const t3 = t2 * t;
    const h00 = 2 * t3 - 3 * t2 + 1;
    const h10 = t3 - 2 * t2 + t;
    const h01 = -2 * t3 + 3 * t2;
    const h11 = t3 - t2;
    const val = h00 * f0 + h10 * h * d0 + h01 * f1 + h11 * h * d1;
    const der = ((6 * t2 - 6 * t) * f0 + (3 * t2 - 4 * t + 1) * h * d0 + (-6 * t2 + 6 * t) * f1 + (3 * t2 - 2 * t) * h * d1) / h;
    if (!(der !== 0)) break;
    const nt = t - val / der / h;
    if (!(nt > 0 && nt < 1)) break;
    if (Math.abs(nt - t) < 1e-15) {
      t = nt;
      break;
    }
    t = nt;
  }
  return x0 + t * h;
}
