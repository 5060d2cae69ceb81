import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from './config';
import type { TaskData } from './taskData';
import { Trainer } from './trainer';
import type { Net } from '../models/build';

/**
 * The shared warm start of a sweep: one restorer trained on MSE alone
 * (beta = gamma = 0, no critic) for cfg.warmStart iterations, from which every
 * point of the sweep starts. The classification term only pays off once the
 * restorer already denoises; from scratch it needs over a thousand iterations
 * before it lowers C at all, which a browser cannot give every point. Like
 * SRGAN's MSE-pretrained generator, the base is trained once per sweep.
 */

export interface WarmProgress {
  readonly iteration: number;
  readonly total: number;
  readonly itersPerSecond: number;
  /** Why it trains although a sweep could load a shipped base (none matches, or it failed to load); set by TrainService. */
  readonly note?: string;
}

export interface WarmControl {
  stopped: boolean;
  paused: boolean;
}

/** Everything the base restorer depends on: a matching key means the same weights. */
export function warmStartKey(dataset: string, cfg: TrainConfig): string {
  return [dataset, cfg.task, cfg.sigma, cfg.preset, cfg.seed, cfg.batchSize, cfg.restorerLr, cfg.warmStart].join('|');
}

/** The config of the base run itself: MSE only, the base learning rate throughout. */
export function warmStartConfig(cfg: TrainConfig): TrainConfig {
  return { ...cfg, alpha: 1, beta: 0, gamma: 0, criticSteps: 0, iterations: cfg.warmStart, lrDecayEvery: 0, mseWarmup: 0, warmStart: 0 };
}

const CHUNK = 10;

/**
 * Trains the base and returns copies of its restorer's variables (weights and
 * BN statistics) by name; the caller owns them. Yields to the event loop
 * every few iterations so stop and pause messages get through.
 */
export async function trainWarmStart(
  cfg: TrainConfig,
  data: TaskData,
  classifier: Net,
  control: WarmControl,
  onProgress?: (p: WarmProgress) => void,
): Promise<Map<string, tf.Tensor>> {
  const base = warmStartConfig(cfg);
  const trainer = new Trainer(base, data, classifier);
  try {
    let activeMs = 0;
    while (trainer.iteration < base.iterations) {
      if (control.stopped) throw new Error('stopped');
      if (control.paused) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const start = performance.now();
      const n = Math.min(CHUNK, base.iterations - trainer.iteration);
      for (let i = 0; i < n; i++) trainer.step('restorer');
      // One read-back per chunk: a NaN stops the base here, not in every point.
      const reading = await trainer.readLosses();
      if (!reading.finite) throw new Error(`the warm start's MSE became NaN at iteration ${trainer.iteration}`);
      activeMs += performance.now() - start;
      onProgress?.({ iteration: trainer.iteration, total: base.iterations, itersPerSecond: activeMs > 0 ? (1000 * trainer.iteration) / activeMs : 0 });
      await new Promise((r) => setTimeout(r, 0));
    }
    return new Map([...trainer.restorer.named].map(([k, v]) => [k, tf.clone(v)]));
  } finally {
    trainer.dispose();
  }
}
