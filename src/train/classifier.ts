import * as tf from '@tensorflow/tfjs';
import { createRng, permutation } from '../data/rng';
import type { Net } from '../models/build';
import { Adam } from './adam';
import { gather, gatherLabels, randomShift, type ImageSet } from './images';
import { crossEntropy } from './losses';

/**
 * Supervised training of a classifier c0 on clean images (Node pretraining
 * and in-browser retraining share it). Adam with a cosine learning-rate decay
 * to zero over the whole run, so the number of epochs fixes the result
 * without looking at the test split.
 */

export interface ClassifierTrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly seed: number;
  /** Random translation of up to this many pixels (0 = none). */
  readonly maxShift: number;
  /** L2 penalty on kernels (0 = none). */
  readonly weightDecay: number;
}

export interface EpochReport {
  readonly epoch: number;
  readonly loss: number;
  readonly seconds: number;
}

export function cosineLr(base: number, step: number, total: number): number {
  return 0.5 * base * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}

export async function trainClassifier(
  net: Net,
  data: ImageSet,
  cfg: ClassifierTrainConfig,
  onEpoch?: (r: EpochReport) => void | Promise<void>,
): Promise<void> {
  const rng = createRng(cfg.seed);
  const adam = new Adam(net.weights, { lr: cfg.lr, beta1: 0.9, beta2: 0.999 });
  const kernels = [...net.named].filter(([k]) => k.endsWith('/kernel')).map(([, v]) => v);
  const perEpoch = Math.floor(data.count / cfg.batchSize);
  const total = perEpoch * cfg.epochs;
  const [h, w, c] = [data.height, data.width, data.channels];
  let step = 0;
  try {
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      const t0 = performance.now();
      const order = permutation(data.count, rng);
      let lossSum: tf.Scalar = tf.scalar(0);
      for (let b = 0; b < perEpoch; b++) {
        const idx = order.subarray(b * cfg.batchSize, (b + 1) * cfg.batchSize);
        const xs = gather(data, idx);
        randomShift(xs, idx.length, h, w, c, cfg.maxShift, rng);
        const labels = gatherLabels(data, idx);
        const seed = Math.floor(rng.uniform() * 2 ** 31);
        const lr = cosineLr(cfg.lr, step, total);
        const newSum = tf.tidy(() => {
          const x = tf.tensor4d(xs, [idx.length, h, w, c]);
          const y = tf.tensor1d(labels, 'int32');
          const { value, grads } = tf.variableGrads(() => {
            const ce = crossEntropy(net.apply(x, { training: true, updateStats: true, seed }), y);
            if (cfg.weightDecay <= 0) return ce;
            const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k))));
            return tf.add(ce, tf.mul(l2, cfg.weightDecay));
          }, net.weights);
          adam.apply(
            net.weights.map((v) => grads[v.name]),
            lr,
          );
          return tf.add(lossSum, value) as tf.Scalar;
        });
        lossSum.dispose();
        lossSum = newSum;
        step++;
      }
      const loss = (await lossSum.data())[0] / perEpoch;
      lossSum.dispose();
      await onEpoch?.({ epoch: epoch + 1, loss, seconds: (performance.now() - t0) / 1000 });
    }
  } finally {
    adam.dispose();
  }
}

/** Logits of the frozen net for a whole set, in batches. */
export function predictLogits(net: Net, data: ImageSet, batchSize = 250): tf.Tensor2D {
  const parts: tf.Tensor[] = [];
  try {
    for (let s = 0; s < data.count; s += batchSize) {
      const idx = Array.from({ length: Math.min(batchSize, data.count - s) }, (_, i) => s + i);
      const xs = gather(data, idx);
      parts.push(tf.tidy(() => net.apply(tf.tensor4d(xs, [idx.length, data.height, data.width, data.channels]), { training: false })));
    }
    return tf.concat(parts, 0) as tf.Tensor2D;
  } finally {
    tf.dispose(parts);
  }
}

/** Accuracy of the frozen net on a set. */
export async function classifierAccuracy(net: Net, data: ImageSet, batchSize = 250): Promise<number> {
  const logits = predictLogits(net, data, batchSize);
  try {
    const arg = tf.argMax(logits, 1);
    const pred = await arg.data();
    arg.dispose();
    let ok = 0;
    for (let i = 0; i < data.count; i++) if (pred[i] === data.labels[i]) ok++;
    return ok / data.count;
  } finally {
    logits.dispose();
  }
}
