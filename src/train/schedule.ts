/**
 * The paper's schedule (authors' code, EXP1_2): the MSE weight falls linearly
 * from 1 to alpha over the first 300 iterations, max(alpha, 1 - i/299); the
 * restorer's learning rate is 1e-3, divided by 5 every 10k iterations.
 */

export const PAPER_SCHEDULE = {
  criticSteps: 5,
  batchSize: 50,
  iterations: 40_000,
  restorerLr: 1e-3,
  criticLr: 1e-4,
  beta1: 0.5,
  beta2: 0.9,
  lrDecayEvery: 10_000,
  lrDecayFactor: 5,
  mseWarmup: 300,
  clip: 0.01,
  gpLambda: 10,
} as const;

export function mseWeight(iteration: number, alpha: number, warmup: number = PAPER_SCHEDULE.mseWarmup): number {
  if (warmup <= 1) return alpha;
  return Math.max(alpha, 1 - iteration / (warmup - 1));
}

export function restorerLr(
  iteration: number,
  base: number = PAPER_SCHEDULE.restorerLr,
  every: number = PAPER_SCHEDULE.lrDecayEvery,
  factor: number = PAPER_SCHEDULE.lrDecayFactor,
): number {
  if (every <= 0) return base;
  return base / factor ** Math.floor(iteration / every);
}

/** Seconds left at the current rate, or undefined before there is a rate. */
export function eta(iteration: number, total: number, itersPerSecond: number): number | undefined {
  if (!(itersPerSecond > 0) || !Number.isFinite(itersPerSecond)) return undefined;
  return Math.max(0, total - iteration) / itersPerSecond;
}
