// Private stand-ins for the toy's public API (src/math/toy.ts), kept structurally
// identical so the LP code can switch to the shared module without changes.
// TODO(lp): replace with imports from '../toy' once that module lands.

export interface ToyParams {
  p1: number;
  mu1: number;
  mu2: number;
  sigmaX: number;
  sigmaN: number;
}

export const PAPER_TOY_LOCAL: ToyParams = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };

export type ThresholdRule = { t: number; w1Below: boolean } | { constant: 1 | 2 };

/** Bayes classifier of the clean X (equal component variances): a threshold rule. */
export function classifierThresholdLocal(params: ToyParams): ThresholdRule {
  const { p1, mu1, mu2, sigmaX } = params;
  const p2 = 1 - p1;
  // Equal means: both classes look alike, so c0 always says the larger prior (w1 on a tie).
  if (mu1 === mu2) return { constant: p1 >= p2 ? 1 : 2 };
  const t = (mu1 + mu2) / 2 + (sigmaX * sigmaX * Math.log(p1 / p2)) / (mu2 - mu1);
  return { t, w1Below: mu1 < mu2 };
}
