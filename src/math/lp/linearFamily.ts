// The toy's linear family X^ = aY on the same grid as the LP: y_j -> the grid point
// nearest a*y_j, clamped to [-L, L]. Each a gives a deterministic (so LP-feasible)
// restorer, and the assignment only changes where a*y_j crosses a midpoint between
// two grid points, i.e. at a = m_k / y_j. Enumerating one a inside every cell between
// consecutive breakpoints plus the breakpoints themselves (where rounding ties can
// produce a mixed assignment) therefore visits every restorer the family contains:
// C_lin and P_lin below are exact minima over a, not samples of a.

import type { DiscreteToy } from './grid';
import type { Perception } from './lpModel';
import { scoreMap } from './restorer';

export interface LinearCandidate {
  a: number;
  mse: number;
  error: number;
  tv: number;
  w1: number;
}

export interface LinearFamily {
  toy: DiscreteToy;
  /** one entry per evaluated a, sorted by a */
  candidates: LinearCandidate[];
}

/** Index of the grid point nearest v (ties go up, as Math.round does), clamped to the grid. */
export function roundToGrid(toy: DiscreteToy, v: number): number {
  const k = Math.round((v + toy.L) / toy.h);
  return k < 0 ? 0 : k > toy.n - 1 ? toy.n - 1 : k;
}

export function linearMap(toy: DiscreteToy, a: number): Int32Array {
  const map = new Int32Array(toy.n);
  for (let j = 0; j < toy.n; j++) map[j] = roundToGrid(toy, a * toy.x[j]);
  return map;
}

export function scoreLinear(toy: DiscreteToy, a: number): LinearCandidate {
  const s = scoreMap(toy, linearMap(toy, a));
  return { a, mse: s.mse, error: s.error, tv: s.tv, w1: s.w1 };
}

/** Every a at which some y_j's assignment can change, sorted and deduplicated. */
export function linearBreakpoints(toy: DiscreteToy): number[] {
  const { n, x, L, h } = toy;
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    if (x[j] === 0) continue;
    for (let k = 0; k < n - 1; k++) out.push((-L + h * (k + 0.5)) / x[j]);
  }
  out.sort((u, v) => u - v);
  const dedup: number[] = [];
  for (const v of out) if (dedup.length === 0 || v - dedup[dedup.length - 1] > 1e-12 * Math.max(1, Math.abs(v))) dedup.push(v);
  return dedup;
}

const familyCache = new WeakMap<DiscreteToy, LinearFamily>();

export function linearFamily(toy: DiscreteToy): LinearFamily {
  const hit = familyCache.get(toy);
  if (hit) return hit;
  const bp = linearBreakpoints(toy);
  const as: number[] = [0];
  if (bp.length > 0) {
    as.push(bp[0] - 1, bp[bp.length - 1] + 1);
    for (let k = 0; k < bp.length; k++) {
      as.push(bp[k]);
      if (k + 1 < bp.length) as.push((bp[k] + bp[k + 1]) / 2);
    }
  }
  as.sort((u, v) => u - v);
  const candidates = as.map((a) => scoreLinear(toy, a));
  const fam = { toy, candidates };
  familyCache.set(toy, fam);
  return fam;
}

function perceptionOf(c: LinearCandidate, perception: Perception): number {
  return perception === 'tv' ? c.tv : c.w1;
}

export interface LinearPoint {
  value: number | null;
  a: number | null;
}

/** C_lin(D, P) on the grid: min error over the family s.t. MSE <= D, perception <= P. */
export function linearCdp(fam: LinearFamily, perception: Perception, d: number, p: number): LinearPoint {
  let best: LinearCandidate | null = null;
  for (const c of fam.candidates) {
    if (c.mse <= d && perceptionOf(c, perception) <= p && (best === null || c.error < best.error)) best = c;
  }
  return best ? { value: best.error, a: best.a } : { value: null, a: null };
}

/** P_lin(D) on the grid: min perception over the family s.t. MSE <= D. */
export function linearPd(fam: LinearFamily, perception: Perception, d: number): LinearPoint {
  let best: LinearCandidate | null = null;
  for (const c of fam.candidates) {
    if (c.mse <= d && (best === null || perceptionOf(c, perception) < perceptionOf(best, perception))) best = c;
  }
  return best ? { value: perceptionOf(best, perception), a: best.a } : { value: null, a: null };
}

export function linearSurface(fam: LinearFamily, perception: Perception, d: number[], p: number[]): LinearPoint[][] {
  // Sorting by error once turns each cell into a scan to the first feasible candidate.
  const byError = [...fam.candidates].sort((u, v) => u.error - v.error);
  return d.map((dv) =>
    p.map((pv) => {
      for (const c of byError) if (c.mse <= dv && perceptionOf(c, perception) <= pv) return { value: c.error, a: c.a };
      return { value: null, a: null };
    }),
  );
}
