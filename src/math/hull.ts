// Which points of the C_lin(D, P) surface can a weighted sum reach?
//
// Minimising alpha D + beta P + gamma C (alpha, beta, gamma >= 0) over the
// linear family is minimising a linear function over its achievable set
//   A = {(D, P, C) : some a has D(a) <= D, P(a) <= P, C(a) <= C},
// whose lower boundary is the C_lin surface. A linear function only ever finds
// points of the lower convex hull of A,
//   C_hull(D, P) = min sum_k l_k C(a_k)  s.t.  sum_k l_k D(a_k) <= D,
//                  sum_k l_k P(a_k) <= P,  l in the simplex,
// the convex envelope of C_lin. Where C_lin(D, P) > C_hull(D, P) the surface
// point is optimal for no choice of weights: only the budgets of the CDP
// function reach it.
//
// C_hull is computed here per (D, P) cell as that small linear program (three
// rows) over the gains of the curve table (weighted.ts; spacing ~2e-3 over
// MSE <= 2 E[X^2], Pareto-dominated gains dropped) plus the cell's own exact
// argmin a*, by a dense revised simplex that starts from a* alone (l = 1 at a*,
// objective C_lin). So the height above the hull, C_lin - C_hull, is >= 0 by
// construction, and since every column is a real point of A it never exceeds
// the true height: a cell flagged as above the hull is above it.

import type { ClinSurface } from './surface';
import { curveTable } from './weighted';
import type { Divergence } from './toy';
import type { ToyParams } from './toyParams';

/** Heights below this count as on the hull (the table's own resolution is ~1e-6). */
export const HULL_TOL = 1e-5;

export interface HullGap {
  /** C_lin - C_hull per cell, >= 0; null where C_lin is infeasible. */
  gap: (number | null)[][];
  /** The largest height and its cell (null when no cell is feasible). */
  max: { value: number; i: number; j: number } | null;
  /** Cells above the hull by more than HULL_TOL, and feasible cells. */
  above: number;
  feasible: number;
}

/** The Pareto-minimal points among (d, p, c) triples (finite ones only). */
export function paretoFilter(d: number[], p: number[], c: number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < d.length; i++) if (Number.isFinite(d[i]) && Number.isFinite(p[i]) && Number.isFinite(c[i])) idx.push(i);
  idx.sort((x, y) => d[x] - d[y] || p[x] - p[y] || c[x] - c[y]);
  const keep: number[] = [];
  // Sorted by D: a point is dominated only by one before it.
  for (const i of idx) {
    let dominated = false;
    for (let t = keep.length - 1; t >= 0; t--) {
      const k = keep[t];
      if (p[k] <= p[i] && c[k] <= c[i]) {
        dominated = true;
        break;
      }
    }
    if (!dominated) keep.push(i);
  }
  return keep;
}

/** Points (d_k, p_k, c_k) of the achievable set, as the hull LP's columns. */
export interface HullPoints {
  d: ArrayLike<number>;
  p: ArrayLike<number>;
  c: ArrayLike<number>;
}

/** Whether the basis gives l >= 0 at (D, P). */
function feasibleBasis(pts: HullPoints, start: { d: number; p: number }, basis: number[], D: number, P: number): boolean {
  const n = pts.d.length;
  const m: number[] = [];
  for (const k of basis) {
    if (k < n) m.push(pts.d[k], pts.p[k], 1);
    else if (k === n) m.push(start.d, start.p, 1);
    else m.push(k === n + 1 ? 1 : 0, k === n + 2 ? 1 : 0, 0);
  }
  // m holds the columns one after another; solve B x = (D, P, 1) by Cramer's rule.
  const det3 = (a: number[], b: number[], c: number[]) =>
    a[0] * (b[1] * c[2] - b[2] * c[1]) - b[0] * (a[1] * c[2] - a[2] * c[1]) + c[0] * (a[1] * b[2] - a[2] * b[1]);
  const c0 = m.slice(0, 3);
  const c1 = m.slice(3, 6);
  const c2 = m.slice(6, 9);
  const rhs = [D, P, 1];
  const det = det3(c0, c1, c2);
  if (!(Math.abs(det) > 1e-14)) return false;
  const x = [det3(rhs, c1, c2) / det, det3(c0, rhs, c2) / det, det3(c0, c1, rhs) / det];
  return x.every((v) => v >= -1e-13);
}

/** Iterations at which the entering rule turns from Dantzig's to Bland's (no cycling). */
const BLAND_AFTER = 50;
const MAX_ITER = 500;

/**
 * min sum l_k c_k s.t. sum l_k d_k <= D, sum l_k p_k <= P, sum l_k = 1, l >= 0,
 * by a dense revised simplex on its three rows, from the feasible start l = 1 at
 * `start` (which must meet D and P). Columns: 0..n-1 the points, n the start,
 * n+1 and n+2 the slacks of the D and P rows. Returns the optimal value (the
 * start's c if the iteration cap were ever hit).
 */
export function hullValue(
  pts: HullPoints,
  start: { d: number; p: number; c: number },
  D: number,
  P: number,
  warm?: number[],
): number {
  const n = pts.d.length;
  const { d: pd, p: pp, c: pc } = pts;
  // A warm basis (the optimum of an earlier call with the same start point) is kept
  // when it is primal feasible here; its reduced costs do not depend on (D, P), so it
  // is then optimal at once. Otherwise the simplex starts from the start point alone.
  const basis = warm && warm.length === 3 && feasibleBasis(pts, start, warm, D, P) ? warm.slice() : [n, n + 1, n + 2];
  const out = warm;
  const B = new Float64Array(9); // B[3 * row + col]
  const inv = new Float64Array(9);
  const colOf = (k: number, out: Float64Array, at: number) => {
    if (k < n) {
      out[at] = pd[k];
      out[3 + at] = pp[k];
      out[6 + at] = 1;
    } else if (k === n) {
      out[at] = start.d;
      out[3 + at] = start.p;
      out[6 + at] = 1;
    } else {
      out[at] = k === n + 1 ? 1 : 0;
      out[3 + at] = k === n + 2 ? 1 : 0;
      out[6 + at] = 0;
    }
  };
  const costOf = (k: number) => (k < n ? pc[k] : k === n ? start.c : 0);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    for (let t = 0; t < 3; t++) colOf(basis[t], B, t);
    const det =
      B[0] * (B[4] * B[8] - B[5] * B[7]) - B[1] * (B[3] * B[8] - B[5] * B[6]) + B[2] * (B[3] * B[7] - B[4] * B[6]);
    if (!(Math.abs(det) > 1e-300)) break;
    inv[0] = (B[4] * B[8] - B[5] * B[7]) / det;
    inv[1] = (B[2] * B[7] - B[1] * B[8]) / det;
    inv[2] = (B[1] * B[5] - B[2] * B[4]) / det;
    inv[3] = (B[5] * B[6] - B[3] * B[8]) / det;
    inv[4] = (B[0] * B[8] - B[2] * B[6]) / det;
    inv[5] = (B[2] * B[3] - B[0] * B[5]) / det;
    inv[6] = (B[3] * B[7] - B[4] * B[6]) / det;
    inv[7] = (B[1] * B[6] - B[0] * B[7]) / det;
    inv[8] = (B[0] * B[4] - B[1] * B[3]) / det;
    const x0 = inv[0] * D + inv[1] * P + inv[2];
    const x1 = inv[3] * D + inv[4] * P + inv[5];
    const x2 = inv[6] * D + inv[7] * P + inv[8];
    const c0 = costOf(basis[0]);
    const c1 = costOf(basis[1]);
    const c2 = costOf(basis[2]);
    // duals y = c_B B^-1
    const y0 = c0 * inv[0] + c1 * inv[3] + c2 * inv[6];
    const y1 = c0 * inv[1] + c1 * inv[4] + c2 * inv[7];
    const y2 = c0 * inv[2] + c1 * inv[5] + c2 * inv[8];
    const bland = iter >= BLAND_AFTER;
    let enter = -1;
    let best = -1e-13;
    for (let k = 0; k < n; k++) {
      const r = pc[k] - y0 * pd[k] - y1 * pp[k] - y2;
      if (r < best && k !== basis[0] && k !== basis[1] && k !== basis[2]) {
        enter = k;
        best = r;
        if (bland) break;
      }
    }
    if (enter < 0 || !bland) {
      const extra = [start.c - y0 * start.d - y1 * start.p - y2, -y0, -y1];
      for (let t = 0; t < 3; t++) {
        const k = n + t;
        if (extra[t] < best && k !== basis[0] && k !== basis[1] && k !== basis[2]) {
          enter = k;
          best = extra[t];
          if (bland) break;
        }
      }
    }
    if (enter < 0) {
      if (out) out.splice(0, out.length, ...basis);
      return c0 * x0 + c1 * x1 + c2 * x2;
    }
    const a = new Float64Array(9);
    colOf(enter, a, 0);
    const x = [x0, x1, x2];
    let leave = -1;
    let theta = Infinity;
    for (let t = 0; t < 3; t++) {
      const dir = inv[3 * t] * a[0] + inv[3 * t + 1] * a[3] + inv[3 * t + 2] * a[6];
      if (dir > 1e-12) {
        const ratio = Math.max(0, x[t]) / dir;
        if (ratio < theta || (ratio === theta && basis[t] < basis[leave])) {
          theta = ratio;
          leave = t;
        }
      }
    }
    if (leave < 0) break; // unbounded cannot happen: l lies in the simplex
    basis[leave] = enter;
  }
  return start.c;
}

/**
 * C_lin - C_hull on a surface grid of the linear family (see the top of this file).
 * `surface` is model.surface(d, p) of the same (params, divergence).
 */
export function hullGap(params: ToyParams, divergence: Divergence, d: number[], p: number[], surface: ClinSurface): HullGap {
  const table = curveTable(params, divergence);
  const model = table.model;
  const keep = paretoFilter(table.d, table.p, table.c);
  const pts: HullPoints = {
    d: Float64Array.from(keep, (k) => table.d[k]),
    p: Float64Array.from(keep, (k) => table.p[k]),
    c: Float64Array.from(keep, (k) => table.c[k]),
  };
  let cMin = Infinity;
  for (let k = 0; k < pts.c.length; k++) cMin = Math.min(cMin, pts.c[k]);
  const gap: (number | null)[][] = [];
  let max: HullGap['max'] = null;
  let above = 0;
  let feasible = 0;
  const starts = new Map<number, { d: number; p: number; c: number }>();
  // The last optimal basis per start point (cells with the same argmin share one; see hullValue).
  const warmByA = new Map<number, number[]>();
  for (let i = 0; i < d.length; i++) {
    const row: (number | null)[] = [];
    for (let j = 0; j < p.length; j++) {
      const c = surface.c[i][j];
      const a = surface.a[i][j];
      if (c === null || a === null) {
        row.push(null);
        continue;
      }
      feasible++;
      // No point of the table has a lower C: nothing mixes below C_lin (the flat floor of the surface).
      if (c <= cMin) {
        row.push(0);
        if (!max) max = { value: 0, i, j };
        continue;
      }
      let start = starts.get(a);
      if (!start) {
        start = { d: model.D(a), p: model.P(a), c };
        starts.set(a, start);
      }
      // The argmin meets the budgets up to its own rounding: clamp so the start stays feasible.
      const D = Math.max(d[i], start.d);
      const P = Math.max(p[j], start.p);
      let warm = warmByA.get(a);
      if (!warm) {
        warm = [];
        warmByA.set(a, warm);
      }
      const v = Math.max(0, c - hullValue(pts, start, D, P, warm));
      row.push(v);
      if (v > HULL_TOL) above++;
      if (!max || v > max.value) max = { value: v, i, j };
    }
    gap.push(row);
  }
  return { gap, max, above, feasible };
}
