/**
 * What a loss-conditional net is conditioned on: the loss weights, as the
 * ratios beta/alpha and gamma/alpha. The minimiser of
 * alpha*MSE + beta*adv + gamma*CE depends only on those two ratios (scaling
 * the whole loss moves no minimum), so (alpha, beta, gamma) and
 * (1, beta/alpha, gamma/alpha) pick the same restorer; the authors' Exp-3
 * alpha = 0.5 points are therefore reachable by a model trained at alpha = 1.
 *
 * Each ratio r enters the net as a log feature, following Dosovitskiy &
 * Djolonga (ICLR 2020): (ln(r + eps) - centre) / halfWidth, where eps = lo / 2
 * keeps r = 0 (a grid value) finite and distinct from lo, and centre and
 * halfWidth map [0, hi] onto [-1, 1]. No tfjs here: the UI and the
 * experiment files use the same mapping.
 */

export interface RatioRange {
  /** Smallest nonzero value drawn in training. */
  readonly lo: number;
  /** Largest value drawn in training. */
  readonly hi: number;
  /** Probability that a training example draws exactly 0. */
  readonly pZero: number;
}

export interface ConditionRanges {
  readonly beta: RatioRange;
  readonly gamma: RatioRange;
}

export const CONDITION_FEATURES = 2;

export interface LossRatios {
  readonly beta: number;
  readonly gamma: number;
}

/** beta/alpha and gamma/alpha; alpha must be positive. */
export function lossRatios(w: { alpha: number; beta: number; gamma: number }): LossRatios {
  if (!(w.alpha > 0)) throw new Error(`alpha must be positive to condition on beta/alpha and gamma/alpha (got ${w.alpha})`);
  return { beta: w.beta / w.alpha, gamma: w.gamma / w.alpha };
}

export function ratioFeature(r: number, range: RatioRange): number {
  const eps = range.lo / 2;
  const a = Math.log(eps);
  const b = Math.log(range.hi + eps);
  return (2 * (Math.log(Math.max(0, r) + eps) - a)) / (b - a) - 1;
}

/** Whether a ratio lies inside what the model was trained on (0 or [lo, hi], with a little slack for rounding). */
export function ratioInRange(r: number, range: RatioRange): boolean {
  return r === 0 ? range.pZero > 0 : r >= range.lo * (1 - 1e-9) && r <= range.hi * (1 + 1e-9);
}

/** The features of n weight settings, row-major [n, CONDITION_FEATURES]. */
export function conditionFeatures(ranges: ConditionRanges, ratios: readonly LossRatios[]): Float32Array {
  const out = new Float32Array(ratios.length * CONDITION_FEATURES);
  ratios.forEach((r, i) => {
    out[i * CONDITION_FEATURES] = ratioFeature(r.beta, ranges.beta);
    out[i * CONDITION_FEATURES + 1] = ratioFeature(r.gamma, ranges.gamma);
  });
  return out;
}

/** A draw from a ratio's training distribution: 0 with probability pZero, else log-uniform on [lo, hi]. */
export function drawRatio(range: RatioRange, u1: number, u2: number): number {
  if (u1 < range.pZero) return 0;
  return Math.exp(Math.log(range.lo) + u2 * (Math.log(range.hi) - Math.log(range.lo)));
}
