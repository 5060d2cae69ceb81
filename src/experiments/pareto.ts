/**
 * Dominance and admissibility in (D, P, C), after Blau & Michaeli (CVPR 2018)
 * Definitions 2 and 3, with the third axis of the CDP paper. Lower is better
 * on every axis: D is a mean squared error, P a Wasserstein estimate, C an
 * error rate.
 *
 * Def. 2 reads "A dominates B if it has better perceptual quality *and* less
 * distortion": strictly better on every axis ('strict'). With measured error
 * rates ties are common (C moves in steps of 1/n on n test images), and a
 * point that equals another in C but is worse in D and P is not worth
 * keeping, so the default is Pareto dominance ('pareto'): no worse on every
 * axis and strictly better on at least one. Def. 3: a point is admissible
 * among a group if no point of the group dominates it.
 */

export interface DPC {
  readonly D: number;
  readonly P: number;
  readonly C: number;
}

export type DominanceMode = 'pareto' | 'strict';

export const AXES = ['D', 'P', 'C'] as const;
export type Axis = (typeof AXES)[number];

function finite(p: DPC): boolean {
  return Number.isFinite(p.D) && Number.isFinite(p.P) && Number.isFinite(p.C);
}

/** Whether a dominates b. Points with a missing (non-finite) metric neither dominate nor are dominated. */
export function dominates(a: DPC, b: DPC, mode: DominanceMode = 'pareto'): boolean {
  if (!finite(a) || !finite(b)) return false;
  if (mode === 'strict') return a.D < b.D && a.P < b.P && a.C < b.C;
  const noWorse = a.D <= b.D && a.P <= b.P && a.C <= b.C;
  return noWorse && (a.D < b.D || a.P < b.P || a.C < b.C);
}

/**
 * For each point, whether it is admissible among `points`. A point with a
 * non-finite metric cannot be placed in the space and is never admissible,
 * nor does it remove another point.
 */
export function admissibleMask(points: readonly DPC[], mode: DominanceMode = 'pareto'): boolean[] {
  // Sorting by D first would allow O(n log n) in 2-D; sweeps hold at most a
  // few hundred points, so the plain O(n^2) scan is both clear and fast.
  return points.map((p, i) => finite(p) && !points.some((q, j) => j !== i && dominates(q, p, mode)));
}

export function admissibleIndices(points: readonly DPC[], mode: DominanceMode = 'pareto'): number[] {
  const mask = admissibleMask(points, mode);
  const out: number[] = [];
  mask.forEach((m, i) => m && out.push(i));
  return out;
}

/** For each point, the index of one point that dominates it (the first found), or -1. */
export function dominatorOf(points: readonly DPC[], mode: DominanceMode = 'pareto'): number[] {
  return points.map((p, i) => points.findIndex((q, j) => j !== i && dominates(q, p, mode)));
}
