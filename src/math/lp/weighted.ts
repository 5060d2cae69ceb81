// The paper's loss weights over ALL randomised restorers on the grid:
//   min over q of  alpha MSE(q) + beta Perc(q) + gamma Err(q),
// the same variables and rows as the CDP bound (lpModel.ts) without the D and P
// constraint rows: every term is linear in q (TV and W1 through their auxiliary
// variables), so this too is a linear program. By LP duality its value is the
// minimum of alpha D + beta P + gamma C(D, P) over the exact surface, and its
// optimum is a point of that (convex) surface: weights pick points of the
// convex C(D, P), and over all restorers every point of it is some weights' pick.

import type { LossWeights } from '../weighted';
import type { DiscreteToy } from './grid';
import { buildLp, ROW_MSE, ROW_PERCEPTION, toCplexLp, type LpProblem, type Perception } from './lpModel';
import { conditionalCosts } from './restorer';

export function validateLpWeights(w: LossWeights): void {
  for (const k of ['alpha', 'beta', 'gamma'] as const) {
    if (!(w[k] >= 0) || !Number.isFinite(w[k])) throw new RangeError(`${k} must be finite and >= 0`);
  }
}

/** Column costs of the weighted objective, in buildLp's column order. */
export function weightedCosts(toy: DiscreteToy, perception: Perception, w: LossWeights): Float64Array {
  const { n, h } = toy;
  const costs = conditionalCosts(toy);
  const numZ = n * n;
  const numAux = perception === 'tv' ? n : n - 1;
  const out = new Float64Array(numZ + n + numAux);
  for (let k = 0; k < numZ; k++) out[k] = w.alpha * costs.mse[k] + w.gamma * costs.error[k];
  // r_l carry no cost; the perception expression is sum s_l (TV) or h sum u_l (W1).
  const auxWeight = perception === 'tv' ? 1 : h;
  for (let l = 0; l < numAux; l++) out[numZ + n + l] = w.beta * auxWeight;
  return out;
}

/** The weighted LP: buildLp's variables and rows, less the D and P rows, with the weighted costs. */
export function buildWeightedLp(toy: DiscreteToy, perception: Perception, w: LossWeights): LpProblem {
  validateLpWeights(w);
  const base = buildLp(toy, perception, 'error');
  return {
    ...base,
    colCost: weightedCosts(toy, perception, w),
    rows: base.rows.filter((r) => r.name !== ROW_MSE && r.name !== ROW_PERCEPTION),
  };
}

/** CPLEX LP text of the weighted problem (for inspection and the one-shot cross-check). */
export function weightedLpText(toy: DiscreteToy, perception: Perception, w: LossWeights): string {
  return toCplexLp(buildWeightedLp(toy, perception, w));
}
