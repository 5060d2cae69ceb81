import { z } from 'zod';
import { PAPER_SCHEDULE } from './schedule';

/** Everything a training run is made of; the zod schema guards the worker boundary. */
export const TrainConfigSchema = z.object({
  task: z.enum(['denoise', 'sr']),
  /** Noise level of the denoising task (pixels in [0, 1]). */
  sigma: z.number().positive().max(10),
  preset: z.enum(['paper', 'fast', 'tiny']),
  criticMode: z.enum(['clip', 'gp']),
  alpha: z.number().min(0).max(100),
  beta: z.number().min(0).max(100),
  gamma: z.number().min(0).max(100),
  iterations: z.number().int().positive(),
  batchSize: z.number().int().positive().max(1024),
  criticSteps: z.number().int().min(0).max(100),
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  restorerLr: z.number().positive(),
  criticLr: z.number().positive(),
  lrDecayEvery: z.number().int().min(0),
  mseWarmup: z.number().int().min(0),
  clip: z.number().positive(),
  gpLambda: z.number().min(0),
  /** Evaluate D/P/C every this many iterations (0: only on demand and at the end). */
  evalEvery: z.number().int().min(0),
  /** Size of the fixed degraded test subset used by every evaluation. */
  evalCount: z.number().int().positive(),
  /** Budget of the independent evaluation critic, in critic steps. */
  evalCriticSteps: z.number().int().min(0),
  evalSeed: z.number().int().min(0).max(2 ** 31 - 1),
  /** Iterations of a shared MSE-only restorer this run starts from (0: from the seed's initial weights). */
  warmStart: z.number().int().min(0).max(1_000_000),
});
export type TrainConfig = z.infer<typeof TrainConfigSchema>;

export const DEFAULT_CONFIG: TrainConfig = {
  task: 'denoise',
  sigma: 1,
  preset: 'fast',
  criticMode: 'clip',
  alpha: 1,
  beta: 0.3,
  gamma: 0.5,
  iterations: PAPER_SCHEDULE.iterations,
  batchSize: PAPER_SCHEDULE.batchSize,
  criticSteps: PAPER_SCHEDULE.criticSteps,
  seed: 1,
  restorerLr: PAPER_SCHEDULE.restorerLr,
  criticLr: PAPER_SCHEDULE.criticLr,
  lrDecayEvery: PAPER_SCHEDULE.lrDecayEvery,
  mseWarmup: PAPER_SCHEDULE.mseWarmup,
  clip: PAPER_SCHEDULE.clip,
  gpLambda: PAPER_SCHEDULE.gpLambda,
  evalEvery: 0,
  evalCount: 1000,
  evalCriticSteps: 200,
  evalSeed: 7,
  warmStart: 0,
};

export interface LossWeights {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}
