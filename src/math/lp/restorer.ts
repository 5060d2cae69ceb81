// Linear functionals of a discrete restorer q(x^_l | y_j) on a discretized toy:
// distortion (MSE), error rate of c0 on X^, and the law of X^ with its TV and W1
// distances to p_X. The LP's rows are built from the same conditional costs, so
// evaluating an LP solution here is an independent check of the solver's output.

import type { DiscreteToy } from './grid';

export interface RestorerScores {
  mse: number;
  error: number;
  tv: number;
  w1: number;
  pXhat: Float64Array;
}

export interface ConditionalCosts {
  /** E[(X - x^_l)^2 | y_j], row-major [j * n + l] */
  mse: Float64Array;
  /** P(c0(x^_l) != w | y_j), row-major [j * n + l] */
  error: Float64Array;
}

const costCache = new WeakMap<DiscreteToy, ConditionalCosts>();

export function conditionalCosts(toy: DiscreteToy): ConditionalCosts {
  const hit = costCache.get(toy);
  if (hit) return hit;
  const { n, x, pY, pW1Y, pW2Y, postMean, postVar, decide } = toy;
  const mse = new Float64Array(n * n);
  const error = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const wrongIf1 = pY[j] > 0 ? pW2Y[j] / pY[j] : 0;
    const wrongIf2 = pY[j] > 0 ? pW1Y[j] / pY[j] : 0;
    for (let l = 0; l < n; l++) {
      const d = postMean[j] - x[l];
      mse[j * n + l] = postVar[j] + d * d;
      error[j * n + l] = decide[l] === 1 ? wrongIf1 : wrongIf2;
    }
  }
  const costs = { mse, error };
  costCache.set(toy, costs);
  return costs;
}

export function tvDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let l = 0; l < p.length; l++) s += Math.abs(p[l] - q[l]);
  return s / 2;
}

/** W1 between two laws on a uniform grid of step h: h * sum |F_p - F_q|. */
export function w1Distance(p: ArrayLike<number>, q: ArrayLike<number>, h: number): number {
  let fp = 0;
  let fq = 0;
  let s = 0;
  for (let l = 0; l < p.length - 1; l++) {
    fp += p[l];
    fq += q[l];
    s += Math.abs(fp - fq);
  }
  return h * s;
}

/** Scores of a randomized restorer given as q[j * n + l] = q(x^_l | y_j), rows summing to 1. */
export function scoreRestorer(toy: DiscreteToy, q: ArrayLike<number>): RestorerScores {
  const { n, pY, pX, h } = toy;
  const c = conditionalCosts(toy);
  const pXhat = new Float64Array(n);
  let mse = 0;
  let error = 0;
  for (let j = 0; j < n; j++) {
    const w = pY[j];
    for (let l = 0; l < n; l++) {
      const k = j * n + l;
      const m = w * q[k];
      mse += m * c.mse[k];
      error += m * c.error[k];
      pXhat[l] += m;
    }
  }
  return { mse, error, tv: tvDistance(pX, pXhat), w1: w1Distance(pX, pXhat, h), pXhat };
}

/** Scores of a deterministic restorer y_j -> x^_{map[j]} (O(n) instead of O(n^2)). */
export function scoreMap(toy: DiscreteToy, map: ArrayLike<number>): RestorerScores {
  const { n, pY, pX, h } = toy;
  const c = conditionalCosts(toy);
  const pXhat = new Float64Array(n);
  let mse = 0;
  let error = 0;
  for (let j = 0; j < n; j++) {
    const k = j * n + map[j];
    mse += pY[j] * c.mse[k];
    error += pY[j] * c.error[k];
    pXhat[map[j]] += pY[j];
  }
  return { mse, error, tv: tvDistance(pX, pXhat), w1: w1Distance(pX, pXhat, h), pXhat };
}

export function mapToConditional(n: number, map: ArrayLike<number>): Float64Array {
  const q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) q[j * n + map[j]] = 1;
  return q;
}
