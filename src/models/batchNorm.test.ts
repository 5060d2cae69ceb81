import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrain, channelMean } from './batchNorm';
import { relErr } from './relErr';

// The reference: the textbook formula through tf.moments, differentiated by tfjs itself.
function reference(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, x.shape.slice(0, -1).map((_, i) => i));
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))), g), b);
}


async function compare(backend: string, shape: number[], seed: number): Promise<{ value: number; dx: number; dg: number; db: number; stats: number }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const c = shape[shape.length - 1];
    const x = tf.add(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), 3), 0.5);
    const g = tf.randomNormal([c], 1, 0.3, 'float32', seed + 1);
    const b = tf.randomNormal([c], 0, 0.3, 'float32', seed + 2);
    // A weighting that is not constant per channel, so every term of dx counts.
    const wgt = tf.randomNormal(shape, 0, 1, 'float32', seed + 3);
    let stats: tf.Tensor[] = [];
    const ours = tf.grads((xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(xi, gi, bi, 1e-5, (m, v) => (stats = [tf.keep(m.clone()), tf.keep(v.clone())])), wgt)))([x, g, b]);
    const ref = tf.grads((xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.mul(reference(xi, gi, bi, 1e-5), wgt)))([x, g, b]);
    const { mean, variance } = tf.moments(x, shape.slice(0, -1).map((_, i) => i));
    const out = {
      value: relErr(batchNormTrain(x, g, b, 1e-5).dataSync(), reference(x, g, b, 1e-5).dataSync()),
      dx: relErr(ours[0].dataSync(), ref[0].dataSync()),
      dg: relErr(ours[1].dataSync(), ref[1].dataSync()),
      db: relErr(ours[2].dataSync(), ref[2].dataSync()),
      stats: Math.max(relErr(stats[0].dataSync(), mean.dataSync()), relErr(stats[1].dataSync(), variance.dataSync())),
    };
    tf.dispose(stats);
    return out;
  });
}

describe('batch norm with its closed-form gradient', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('matches tf.moments and tfjs autodiff on random NHWC shapes (cpu and wasm)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 }), async (n, h, w, c, seed) => {
        if (n * h * w < 2) return; // one value per channel has no variance to normalise by
        for (const backend of ['cpu', 'wasm']) {
          const e = await compare(backend, [n, h, w, c], seed);
          expect(e.value, `${backend} value`).toBeLessThan(1e-5);
          expect(e.dx, `${backend} dx`).toBeLessThan(1e-5);
          expect(e.dg, `${backend} dgamma`).toBeLessThan(1e-5);
          expect(e.db, `${backend} dbeta`).toBeLessThan(1e-5);
          expect(e.stats, `${backend} batch mean/variance`).toBeLessThan(1e-5);
        }
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });

  it('matches at the restorer size and on 2-D inputs', async () => {
    for (const shape of [
      [50, 28, 28, 16],
      [8, 20],
    ]) {
      const e = await compare('wasm', shape, 11);
      expect(Math.max(e.value, e.dg, e.db, e.stats)).toBeLessThan(1e-4);
      expect(e.dx).toBeLessThan(1e-4);
    }
  });

  it('channelMean is the mean over all but the last axis', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([3, 5, 7, 4], 2, 1, 'float32', 9);
    expect(relErr(channelMean(x).dataSync(), tf.mean(x, [0, 1, 2]).dataSync())).toBeLessThan(1e-6);
    x.dispose();
  });

  it('leaves no tensor behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([4, 6, 6, 3]);
    const g = tf.ones([3]);
    const b = tf.zeros([3]);
    const before = tf.memory().numTensors;
    const grads = tf.grads((xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => tf.sum(tf.square(batchNormTrain(xi, gi, bi, 1e-5))))([x, g, b]);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, g, b]);
  });
});
