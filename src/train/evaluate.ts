import * as tf from '@tensorflow/tfjs';
import { createRng } from '../data/rng';
import { buildNet, subSeed, type Net } from '../models/build';
import type { NetSpec } from '../models/spec';
import { Adam } from './adam';
import { criticLoss, gradientPenalty } from './losses';
import { binomialSe, combineSe, diffOfMeansSe } from './standardErrors';
import type { TestSubset } from './taskData';

/**
 * The three axes on the fixed degraded test subset:
 *   D = mean squared error to the clean images,
 *   C = error rate of the frozen classifier c0 on the restored images,
 *   P = mean f(clean) - mean f(restored) for a critic f; P is the estimate of
 *       an evaluation critic trained from scratch after the restorer is
 *       frozen (fixed budget and seed), Ptrain the training critic's.
 * Pse and Cse are their standard errors (standardErrors.ts).
 */

export type PointKind = 'restorer' | 'identity' | 'clean';

export interface EvalPoint {
  readonly kind: PointKind;
  readonly iteration: number;
  readonly D: number;
  readonly C: number;
  /** NaN when no evaluation critic was trained (budget 0). */
  readonly P: number;
  /**
   * Standard error of P: sqrt(se_sample^2 + sd_seed^2), the test images'
   * sample SE given the critic and the critic's seed-to-seed SD at this
   * budget (EvalCriticConfig.seedSd). 0 for the clean baseline, NaN without P.
   */
  readonly Pse: number;
  /** Binomial standard error of C: sqrt(C (1 - C) / n). */
  readonly Cse: number;
  /** Test images evaluated. */
  readonly n: number;
  /** NaN for baselines. */
  readonly Ptrain: number;
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly seconds: number;
}

export interface EvalCriticConfig {
  readonly spec: NetSpec;
  readonly steps: number;
  readonly seed: number;
  readonly lr: number;
  readonly batchSize: number;
  readonly mode: 'clip' | 'gp';
  readonly clip: number;
  readonly gpLambda: number;
  /**
   * Seed-to-seed SD of P at this budget (standardErrors.ts, measured by
   * scripts/eval-critic-study.ts); added to the sample SE in Pse. Absent: 0.
   */
  readonly seedSd?: number;
}

/** P with its standard errors over the n test images. */
export interface CriticStats {
  readonly P: number;
  /** sqrt(var f(real)/n + var f(fake)/n), given the critic. */
  readonly sampleSe: number;
  /** sqrt(sampleSe^2 + seedSd^2). */
  readonly se: number;
  readonly n: number;
}

const EVAL_BATCH = 100;

/**
 * Applies a net to a whole set in batches; the result stays on the device.
 * Never in one call: the paper denoiser's activations for 2,000 MNIST images
 * hold about 4 GB at once, the whole of wasm32's 4 GiB heap, and tfjs-wasm's
 * own kernels then write through a failed allocation ("memory access out of
 * bounds"; measured in Node: 1,600 images peak at 3.5 GB and pass, 2,000
 * fail). A batch of 100 peaks near 200 MB.
 */
export function applyInBatches(f: (x: tf.Tensor4D) => tf.Tensor, images: tf.Tensor4D, batch = EVAL_BATCH): tf.Tensor {
  const n = images.shape[0];
  const parts: tf.Tensor[] = [];
  try {
    for (let s = 0; s < n; s += batch) {
      const size = Math.min(batch, n - s);
      // A gather, not a slice: tfjs-wasm's Slice copies its whole input out of
      // the heap on every call (readSync), 6 MB for 2,000 MNIST images.
      parts.push(tf.tidy(() => f(tf.gather(images, tf.range(s, s + size, 1, 'int32')) as tf.Tensor4D)));
    }
    return parts.length === 1 ? parts[0].clone() : tf.concat(parts, 0);
  } finally {
    tf.dispose(parts);
  }
}

/**
 * mean f(real) - mean f(fake), batch by batch: critics with batch norm use
 * batch statistics, as they did in training.
 */
export function criticEstimate(critic: Net, real: tf.Tensor4D, fake: tf.Tensor4D, batch = EVAL_BATCH): tf.Scalar {
  return tf.tidy(() => {
    const f = (x: tf.Tensor4D) => critic.apply(x, { training: true });
    const r = applyInBatches(f, real, batch);
    const g = applyInBatches(f, fake, batch);
    return tf.sub(tf.mean(r), tf.mean(g)) as tf.Scalar;
  });
}

/**
 * mean f(real) - mean f(fake) from the per-image critic values, with its
 * sample SE sqrt(var f(real)/n + var f(fake)/n) given the critic. For critics
 * without batch norm (the evaluation critic) the values are per image; with
 * batch norm they use batch statistics, as criticEstimate does.
 */
export async function criticStats(critic: Net, real: tf.Tensor4D, fake: tf.Tensor4D, batch = EVAL_BATCH): Promise<{ P: number; sampleSe: number }> {
  const f = (x: tf.Tensor4D) => critic.apply(x, { training: true });
  const r = applyInBatches(f, real, batch);
  const g = applyInBatches(f, fake, batch);
  try {
    const [rv, gv] = await Promise.all([r.data(), g.data()]);
    const m = (v: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < v.length; i++) s += v[i];
      return s / v.length;
    };
    return { P: m(rv) - m(gv), sampleSe: diffOfMeansSe(rv, gv) };
  } finally {
    tf.dispose([r, g]);
  }
}

/** Trains a fresh critic on clean vs restored and returns its estimate. */
export async function evaluationCriticP(clean: tf.Tensor4D, restored: tf.Tensor4D, cfg: EvalCriticConfig): Promise<number> {
  return (await evaluationCritic(clean, restored, cfg)).P;
}

/** Trains a fresh critic on clean vs restored; its estimate P and P's standard errors. */
export async function evaluationCritic(clean: tf.Tensor4D, restored: tf.Tensor4D, cfg: EvalCriticConfig): Promise<CriticStats> {
  if (cfg.steps <= 0) return { P: NaN, sampleSe: NaN, se: NaN, n: clean.shape[0] };
  const critic = buildNet(cfg.spec, cfg.seed);
  const adam = new Adam(critic.weights, { lr: cfg.lr, beta1: 0.5, beta2: 0.9 });
  const rng = createRng(subSeed(cfg.seed, 11));
  const n = clean.shape[0];
  const b = Math.min(cfg.batchSize, n);
  const clipAll = () =>
    tf.tidy(() => {
      for (const v of critic.weights) v.assign(tf.clipByValue(v, -cfg.clip, cfg.clip));
    });
  try {
    if (cfg.mode === 'clip') clipAll();
    for (let step = 0; step < cfg.steps; step++) {
      // Independent draws: the critic compares distributions, not pairs.
      const ri = new Int32Array(b);
      const fi = new Int32Array(b);
      for (let i = 0; i < b; i++) {
        ri[i] = Math.floor(rng.uniform() * n);
        fi[i] = Math.floor(rng.uniform() * n);
      }
      const gpSeed = subSeed(cfg.seed, 1000 + step);
      tf.tidy(() => {
        const real = tf.gather(clean, tf.tensor1d(ri, 'int32')) as tf.Tensor4D;
        const fake = tf.gather(restored, tf.tensor1d(fi, 'int32')) as tf.Tensor4D;
        const apply = (z: tf.Tensor) => critic.apply(z, { training: true });
        const { grads } = tf.variableGrads(() => {
          const loss = criticLoss(apply(real), apply(fake));
          if (cfg.mode !== 'gp') return loss;
          return tf.add(loss, tf.mul(gradientPenalty(apply, real, fake, gpSeed), cfg.gpLambda)) as tf.Scalar;
        }, critic.weights);
        adam.apply(critic.weights.map((v) => grads[v.name]));
      });
      if (cfg.mode === 'clip') clipAll();
      // Let the event loop breathe (pause/stop messages) during a long budget.
      if (step % 20 === 19) await new Promise((r) => setTimeout(r, 0));
    }
    const { P, sampleSe } = await criticStats(critic, clean, restored);
    return { P, sampleSe, se: combineSe(sampleSe, cfg.seedSd ?? 0), n };
  } finally {
    critic.dispose();
    adam.dispose();
  }
}

export interface EvalInputs {
  readonly test: TestSubset;
  readonly inputShape: [number, number, number];
  readonly classifier: Net;
}

/** Uploads the fixed test subset once; callers dispose the result. */
export function testTensors(inp: EvalInputs): { clean: tf.Tensor4D; degraded: tf.Tensor4D; labels: tf.Tensor1D } {
  const shape: [number, number, number, number] = [inp.test.count, ...inp.inputShape];
  return {
    clean: tf.tensor4d(inp.test.clean, shape),
    degraded: tf.tensor4d(inp.test.degraded, shape),
    labels: tf.tensor1d(inp.test.labels, 'int32'),
  };
}

export interface EvalRequest {
  readonly kind: PointKind;
  readonly iteration: number;
  readonly weights: { alpha: number; beta: number; gamma: number };
  /** The restorer for kind 'restorer'; ignored otherwise. */
  readonly restorer?: Net;
  readonly trainingCritic?: Net;
  readonly critic: EvalCriticConfig;
}

export async function evaluatePoint(inp: EvalInputs, req: EvalRequest): Promise<EvalPoint> {
  const t0 = performance.now();
  const t = testTensors(inp);
  let restored: tf.Tensor4D | null = null;
  try {
    if (req.kind === 'restorer') {
      if (!req.restorer) throw new Error('evaluatePoint: no restorer');
      const r = req.restorer;
      restored = applyInBatches((x) => r.apply(x, { training: false }), t.degraded) as tf.Tensor4D;
    } else {
      restored = (req.kind === 'identity' ? t.degraded : t.clean).clone();
    }
    const out = restored;
    const dc = tf.tidy(() => {
      const d = tf.mean(tf.squaredDifference(out, t.clean));
      const logits = applyInBatches((x) => inp.classifier.apply(x, { training: false }), out);
      const c = tf.mean(tf.cast(tf.notEqual(tf.argMax(logits, 1), t.labels), 'float32'));
      const pt = req.trainingCritic ? criticEstimate(req.trainingCritic, t.clean, out) : tf.scalar(NaN);
      return tf.stack([d, c, pt]);
    });
    const [D, C, Ptrain] = await dc.data();
    dc.dispose();
    // P of the clean input against itself is 0 by definition (same distribution).
    const n = inp.test.count;
    const crit = req.kind === 'clean' ? { P: 0, se: 0 } : await evaluationCritic(t.clean, out, req.critic);
    return {
      kind: req.kind,
      iteration: req.iteration,
      D,
      C,
      P: crit.P,
      Pse: crit.se,
      Cse: binomialSe(C, n),
      n,
      Ptrain: req.kind === 'restorer' ? Ptrain : NaN,
      ...req.weights,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    restored?.dispose();
    tf.dispose([t.clean, t.degraded, t.labels]);
  }
}

export interface SampleGrid {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly clean: Float32Array;
  readonly degraded: Float32Array;
  readonly restored: Float32Array;
  /** Where measured: ms the worker spent producing it. */
  readonly computeMs?: number;
}

/** Clean / degraded / restored for the first `count` test images. */
export async function sampleGrid(inp: EvalInputs, restorer: Pick<Net, 'apply'> | null, count: number): Promise<SampleGrid> {
  const n = Math.min(count, inp.test.count);
  const [h, w, c] = inp.inputShape;
  const per = h * w * c;
  const clean = inp.test.clean.slice(0, n * per);
  const degraded = inp.test.degraded.slice(0, n * per);
  let restored: Float32Array = degraded.slice();
  if (restorer) {
    const out = tf.tidy(() => restorer.apply(tf.tensor4d(degraded, [n, h, w, c]), { training: false }));
    restored = (await out.data()) as Float32Array;
    out.dispose();
  }
  return { count: n, height: h, width: w, channels: c, clean, degraded, restored };
}
