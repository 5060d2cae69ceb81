import type * as tf from '@tensorflow/tfjs';
import type { CondNet } from '../../models/conditional';
import { foldedAt } from '../../models/foldFilm';
import { conditionFeatures, lossRatios, type ConditionRanges } from '../../models/conditioning';
import { evaluatePoint, sampleGrid, type EvalCriticConfig, type EvalInputs, type EvalPoint, type SampleGrid } from '../evaluate';

/**
 * A loss-conditional restorer measured at one (alpha, beta, gamma) exactly as
 * a sweep measures a fixed-weight point (evaluatePoint: the same test images
 * and noise, an independent evaluation critic of the same budget and seed):
 * the net at that setting is a plain restorer.
 */
export async function evaluateConditionalAt(
  inp: EvalInputs,
  net: CondNet,
  ranges: ConditionRanges,
  weights: { alpha: number; beta: number; gamma: number },
  critic: EvalCriticConfig,
  iteration: number,
): Promise<EvalPoint> {
  const view = net.at(conditionFeatures(ranges, [lossRatios(weights)]));
  return evaluatePoint(inp, { kind: 'restorer', iteration, weights, restorer: view, critic });
}

/**
 * Clean / degraded / restored for the first `count` test images at one
 * setting (what a slider move shows), through the net with batch norm and
 * FiLM folded into its convs (foldFilm.ts: a quarter less work per move,
 * equal up to float rounding). Measurements (evaluateConditionalAt, the
 * exact D and C) keep the unfolded net, so they match the dense grid's.
 */
export async function conditionalSamples(
  inp: EvalInputs,
  net: CondNet,
  ranges: ConditionRanges,
  weights: { alpha: number; beta: number; gamma: number },
  count: number,
): Promise<SampleGrid> {
  const folded = foldedAt(net, conditionFeatures(ranges, [lossRatios(weights)]));
  try {
    return await sampleGrid(inp, { apply: (x) => folded.apply(x as tf.Tensor4D) }, count);
  } finally {
    folded.dispose();
  }
}
