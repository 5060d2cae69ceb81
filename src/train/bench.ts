import * as tf from '@tensorflow/tfjs';
import { buildNet } from '../models/build';
import { classifierSpec, criticSpec, restorerSpec, type Preset } from '../models/zoo';
import { DEFAULT_CONFIG } from './config';
import { squaresSet } from './fixtures';
import { iterationFlops } from './flops';
import { makeTaskData } from './taskData';
import { Trainer } from './trainer';

/**
 * One benchmark cell: ms per restorer iteration (with its critic steps) of
 * the MNIST denoiser on the active backend, and the achieved GFLOP/s from
 * iterationFlops. Shared by the Node script and the browser bench page.
 */

export interface BenchRequest {
  readonly preset: Preset;
  readonly batch: number;
  readonly criticSteps: number;
  /** Timed iterations after one warm-up iteration. */
  readonly reps: number;
}

export interface BenchResult extends BenchRequest {
  readonly backend: string;
  readonly msPerIteration: number;
  readonly warmupMs: number;
  readonly gflopPerIteration: number;
  readonly gflops: number;
}

export function benchFlops(preset: Preset, batch: number, criticSteps: number): number {
  const input: [number, number, number] = [28, 28, 1];
  return iterationFlops({
    restorer: restorerSpec('denoiser', preset, input),
    critic: criticSpec(preset, 'clip', input),
    classifier: classifierSpec('cnn1'),
    batch,
    criticSteps,
  }).total;
}

export async function benchIteration(req: BenchRequest): Promise<BenchResult> {
  const train = squaresSet(Math.max(2 * req.batch, 64), 28, 10, 1);
  const test = squaresSet(16, 28, 10, 2);
  const data = makeTaskData(train, test, { task: 'denoise', sigma: 1, srPad: 1, srFactor: 6, evalCount: 16 });
  const classifier = buildNet(classifierSpec('cnn1'), 1, false);
  const trainer = new Trainer({ ...DEFAULT_CONFIG, preset: req.preset, batchSize: req.batch, criticSteps: req.criticSteps, iterations: 1_000_000 }, data, classifier);
  try {
    const t0 = performance.now();
    trainer.step('both');
    await trainer.readLosses();
    const warmupMs = performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < req.reps; i++) {
      trainer.step('both');
      await trainer.readLosses();
    }
    const ms = req.reps > 0 ? (performance.now() - t1) / req.reps : warmupMs;
    const flops = benchFlops(req.preset, req.batch, req.criticSteps);
    return { ...req, backend: tf.getBackend(), msPerIteration: ms, warmupMs, gflopPerIteration: flops / 1e9, gflops: flops / 1e9 / (ms / 1000) };
  } finally {
    trainer.dispose();
    classifier.dispose();
  }
}
