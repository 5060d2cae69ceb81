import { scaledSchedule } from '../presets';
import type { ExperimentConfig } from '../config';
import type { Metrics } from '../records';
import { DEFAULT_CONFIG, type TrainConfig } from '../../train/config';
import type { EvalPoint } from '../../train/evaluate';

/**
 * From an experiment point to what the training engine runs, and from an
 * evaluation back to what a sweep stores: shared by the worker engine and
 * the scripts (pretraining, sweeps), so neither imports the other's room.
 */

/**
 * The training engine's config for one point of an experiment. With beta = 0
 * the training critic cannot reach the restorer's loss, so its steps are
 * skipped (about three quarters of an iteration's work): P comes from the
 * evaluation critic either way, and Ptrain is left out for such points.
 */
export function trainConfigFor(c: ExperimentConfig, w: { alpha: number; beta: number; gamma: number }): TrainConfig {
  return {
    ...DEFAULT_CONFIG,
    task: c.task,
    sigma: c.sigma,
    preset: c.restorer,
    criticMode: c.critic,
    alpha: w.alpha,
    beta: w.beta,
    gamma: w.gamma,
    iterations: c.iterations,
    batchSize: c.batchSize,
    criticSteps: w.beta > 0 ? c.criticSteps : 0,
    seed: c.seed,
    ...scaledSchedule(c.iterations),
    evalEvery: c.evalEvery,
    evalCount: c.evalCount,
    evalCriticSteps: c.evalCriticSteps,
    warmStart: c.warmStart,
  };
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

export function metricsOf(p: EvalPoint): Metrics {
  return {
    D: p.D,
    P: orNull(p.P),
    C: p.C,
    Ptrain: orNull(p.Ptrain),
    iteration: p.iteration,
    seconds: Math.max(0, p.seconds),
    Pse: orNull(p.Pse),
    Cse: orNull(p.Cse),
    n: p.n,
  };
}
