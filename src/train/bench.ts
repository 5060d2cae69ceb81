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

/** The bench's trainer: the MNIST-sized denoiser on fixed synthetic squares, CNN-1 as c0. */
function benchTrainer(req: Omit<BenchRequest, 'reps'>): { trainer: Trainer; dispose(): void } {
  const train = squaresSet(Math.max(2 * req.batch, 64), 28, 10, 1);
  const test = squaresSet(16, 28, 10, 2);
  const data = makeTaskData(train, test, { task: 'denoise', sigma: 1, srPad: 1, srFactor: 6, evalCount: 16 });
  const classifier = buildNet(classifierSpec('cnn1'), 1, false);
  const trainer = new Trainer({ ...DEFAULT_CONFIG, preset: req.preset, batchSize: req.batch, criticSteps: req.criticSteps, iterations: 1_000_000 }, data, classifier);
  return {
    trainer,
    dispose() {
      trainer.dispose();
      classifier.dispose();
    },
  };
}

export async function benchIteration(req: BenchRequest): Promise<BenchResult> {
  const { trainer, dispose } = benchTrainer(req);
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
    dispose();
  }
}

/** One row of a per-kernel profile: a tfjs kernel at one set of input shapes. */
export interface KernelRow {
  readonly kernel: string;
  readonly shapes: string;
  readonly calls: number;
  readonly ms: number;
}

export interface ProfileResult {
  readonly backend: string;
  /** Wall time of the profiled iteration (profiling adds a sync per kernel). */
  readonly wallMs: number;
  readonly kernelMs: number;
  readonly calls: number;
  readonly rows: readonly KernelRow[];
}

/**
 * Where one iteration (the bench's setup) spends its time, per tfjs kernel and
 * input shapes, from tf.profile's kernel times. Shared by `npm run
 * bench:profile` on Node and in Chromium (the bench page).
 */
export async function profileIteration(req: Omit<BenchRequest, 'reps'>): Promise<ProfileResult> {
  const { trainer, dispose } = benchTrainer(req);
  try {
    trainer.step('both');
    await trainer.readLosses();
    const t0 = performance.now();
    const info = await tf.profile(async () => {
      trainer.step('both');
      await trainer.readLosses();
    });
    const wallMs = performance.now() - t0;
    const by = new Map<string, { kernel: string; shapes: string; calls: number; ms: number }>();
    let kernelMs = 0;
    let calls = 0;
    for (const k of info.kernels) {
      // Scopes (customGrad's forward/backward) nest real kernels: count kernels only.
      if (tf.getKernel(k.name, tf.getBackend()) === undefined) continue;
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      kernelMs += ms;
      calls++;
      const shapes = k.inputShapes.map((s) => (s ? s.join('x') : '-')).join(' , ');
      const key = `${k.name} | ${shapes}`;
      const e = by.get(key) ?? { kernel: k.name, shapes, calls: 0, ms: 0 };
      e.ms += ms;
      e.calls++;
      by.set(key, e);
    }
    return { backend: tf.getBackend(), wallMs, kernelMs, calls, rows: [...by.values()].sort((a, b) => b.ms - a.ms) };
  } finally {
    dispose();
  }
}
