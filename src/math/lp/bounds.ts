// Closed-form end points of the discretized problem, used to label the axes of
// the exact surface and as independent references for the LP.

import type { DiscreteToy } from './grid';

/** Error of the Bayes classifier of the discretized Y: sum_j min_k p(w_k, y_j). */
export function bayesErrorY(toy: DiscreteToy): number {
  let s = 0;
  for (let j = 0; j < toy.n; j++) s += Math.min(toy.pW1Y[j], toy.pW2Y[j]);
  return s;
}

/** Error of the Bayes classifier of the discretized clean X (the floor restoration cannot beat). */
export function bayesErrorX(toy: DiscreteToy): number {
  let s = 0;
  for (let i = 0; i < toy.n; i++) s += Math.min(toy.pW1X[i], toy.pW2X[i]);
  return s;
}

/**
 * min over all q of the error of c0 on X^ with no D or P constraint: per y, pick a
 * grid point whose c0 label is the more probable class. It equals bayesErrorY when
 * c0 says both labels somewhere on the grid; otherwise c0 is constant on the grid.
 */
export function unconstrainedMinError(toy: DiscreteToy): number {
  const has1 = toy.decide.includes(1);
  const has2 = toy.decide.includes(2);
  let s = 0;
  for (let j = 0; j < toy.n; j++) {
    const wrong1 = toy.pW2Y[j];
    const wrong2 = toy.pW1Y[j];
    s += has1 && has2 ? Math.min(wrong1, wrong2) : has1 ? wrong1 : wrong2;
  }
  return s;
}

/** MMSE of the discretized model when X^ may be any real number: sum_j p(y_j) Var(X | y_j). */
export function discreteMmse(toy: DiscreteToy): number {
  let s = 0;
  for (let j = 0; j < toy.n; j++) s += toy.pY[j] * toy.postVar[j];
  return s;
}

/**
 * The smallest MSE any restorer with outputs on the grid reaches, and one restorer
 * that reaches it. MSE = sum_j p(y_j) sum_l q(l|j) [Var(X|y_j) + (E[X|y_j] - x^_l)^2],
 * so for each y the best q puts all its mass on the grid point nearest the posterior
 * mean (the posterior mean itself is generally not a grid point). Hence
 *   D_min = discreteMmse + sum_j p(y_j) dist(E[X|y_j], grid)^2 <= discreteMmse + h^2/4
 * (for posterior means inside [-L, L], which they are, being averages of grid points).
 * This is the minimal D at which the CDP LP is feasible.
 */
export function minFeasibleDistortion(toy: DiscreteToy): { d: number; map: Int32Array } {
  const { n, x, pY, postMean, postVar } = toy;
  const map = new Int32Array(n);
  let s = 0;
  for (let j = 0; j < n; j++) {
    let best = 0;
    let bestD = Infinity;
    for (let l = 0; l < n; l++) {
      const d = Math.abs(postMean[j] - x[l]);
      if (d < bestD) {
        bestD = d;
        best = l;
      }
    }
    map[j] = best;
    s += pY[j] * (postVar[j] + bestD * bestD);
  }
  return { d: s, map };
}
