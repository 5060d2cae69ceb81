import type { Divergence, ToyParams } from '../math';
import type { LossWeights, WeightedResult } from '../math/weighted';

/** One request to the toy worker: everything the heavy plots depend on. */
export interface ToyRequest {
  params: ToyParams;
  div: Divergence;
  /** Constraint point for the feasible set and C_lin(D, P). */
  D: number;
  P: number;
  /** Grid of a for the D(a), P(a), C(a) curves. */
  aMin: number;
  aMax: number;
  aCount: number;
  /** Points per axis of the C_lin surface. */
  gridSize: number;
  /** Loss weights: the response carries the gain minimising alpha D + beta P + gamma C. */
  weights?: LossWeights;
}

export interface ToyModelResult {
  /** Identifies params + divergence + grids: equal keys mean identical arrays below. */
  key: string;
  curves: { a: number[]; d: number[]; p: number[]; c: number[] };
  surface: { d: number[]; p: number[]; c: ArrayLike<number | null>[]; a: ArrayLike<number | null>[] };
  /**
   * Height of the surface above its lower convex hull, per cell (src/math/hull.ts):
   * cells above `tol` are (D, P, C) that no weighted sum alpha D + beta P + gamma C reaches.
   */
  hull: { gap: (number | null)[][]; max: { value: number; i: number; j: number } | null; above: number; feasible: number; tol: number };
}

export interface ToyPointResult {
  D: number;
  P: number;
  /** C_lin(D, P) and its minimiser; null when infeasible. */
  c: number | null;
  a: number | null;
  /** The feasible set of a: D(a) <= D and P(a) <= P, as closed intervals. */
  feasible: [number, number][];
}

export interface ToyResponse {
  model: ToyModelResult;
  point: ToyPointResult;
  /** The weighted minimiser for the request's weights; null without weights or when all are 0. */
  weighted: WeightedResult | null;
  /** Milliseconds spent in the worker per part (0 when served from its cache). */
  ms: { model: number; curves: number; surface: number; hull: number; point: number; weighted: number };
}

export function modelKey(r: ToyRequest): string {
  const { p1, mu1, mu2, sigmaX, sigmaN } = r.params;
  return JSON.stringify([p1, mu1, mu2, sigmaX, sigmaN, r.div, r.aMin, r.aMax, r.aCount, r.gridSize]);
}
