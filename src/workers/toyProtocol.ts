import type { Divergence, ToyParams } from '../math';

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
}

export interface ToyModelResult {
  /** Identifies params + divergence + grids: equal keys mean identical arrays below. */
  key: string;
  curves: { a: number[]; d: number[]; p: number[]; c: number[] };
  surface: { d: number[]; p: number[]; c: ArrayLike<number | null>[]; a: ArrayLike<number | null>[] };
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
  /** Milliseconds spent in the worker per part (0 when served from its cache). */
  ms: { model: number; curves: number; surface: number; point: number };
}

export function modelKey(r: ToyRequest): string {
  const { p1, mu1, mu2, sigmaX, sigmaN } = r.params;
  return JSON.stringify([p1, mu1, mu2, sigmaX, sigmaN, r.div, r.aMin, r.aMax, r.aCount, r.gridSize]);
}
