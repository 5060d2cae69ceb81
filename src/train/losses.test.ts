import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { criticLoss, crossEntropy, errorRate, gradientPenalty, mse } from './losses';
import { eta, mseWeight, restorerLr } from './schedule';

describe('losses', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('mse and cross-entropy match hand computations', () => {
    expect(mse(tf.tensor1d([0, 1, 2]), tf.tensor1d([1, 1, 0])).dataSync()[0]).toBeCloseTo(5 / 3, 6);
    const logits = tf.tensor2d([
      [2, 0, 0],
      [0, 0, 3],
    ]);
    const labels = tf.tensor1d([0, 1], 'int32');
    const lse = (xs: number[]) => Math.log(xs.reduce((a, x) => a + Math.exp(x), 0));
    const expected = ((lse([2, 0, 0]) - 2) + (lse([0, 0, 3]) - 0)) / 2;
    expect(crossEntropy(logits, labels).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(errorRate(logits, labels).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it('critic loss is mean f(fake) - mean f(real)', () => {
    expect(criticLoss(tf.tensor1d([1, 3]), tf.tensor1d([0, -2])).dataSync()[0]).toBeCloseTo(-3, 6);
  });

  it('gradient penalty of a linear critic is (|w| - 1)^2 exactly', () => {
    const w = tf.tensor4d([0.5, -1, 2, 0.25], [1, 2, 2, 1]);
    const critic = (x: tf.Tensor) => tf.sum(tf.mul(x, w), [1, 2, 3]);
    const real = tf.randomNormal([5, 2, 2, 1], 0, 1, 'float32', 1);
    const fake = tf.randomNormal([5, 2, 2, 1], 0, 1, 'float32', 2);
    const norm = Math.sqrt(0.25 + 1 + 4 + 0.0625);
    expect(gradientPenalty(critic, real, fake, 3).dataSync()[0]).toBeCloseTo((norm - 1) ** 2, 4);
  });
});

describe('schedule', () => {
  it('MSE weight: max(alpha, 1 - i/299), as in the authors code', () => {
    expect(mseWeight(0, 0.2)).toBe(1);
    expect(mseWeight(299, 0.2)).toBe(0.2);
    expect(mseWeight(100, 0.2)).toBeCloseTo(1 - 100 / 299, 12);
    expect(mseWeight(5000, 0.2)).toBe(0.2);
    expect(mseWeight(10, 1)).toBe(1);
    expect(mseWeight(10, 3)).toBe(3);
  });

  it('restorer lr: 1e-3 divided by 5 every 10k iterations', () => {
    expect(restorerLr(0)).toBe(1e-3);
    expect(restorerLr(9999)).toBe(1e-3);
    expect(restorerLr(10000)).toBeCloseTo(2e-4, 15);
    expect(restorerLr(39999)).toBeCloseTo(1e-3 / 125, 15);
  });

  it('ETA', () => {
    expect(eta(100, 1100, 10)).toBe(100);
    expect(eta(5, 10, 0)).toBeUndefined();
  });
});

describe('Adam', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('matches the closed form of the first two steps', () => {
    const x = tf.variable(tf.tensor1d([1, -2]));
    const adam = new Adam([x], { lr: 0.1, beta1: 0.5, beta2: 0.9, epsilon: 0 });
    // Step 1: m^ = g, v^ = g^2 -> update lr * sign(g).
    adam.apply([tf.tensor1d([3, -0.5])]);
    expect(Array.from(x.dataSync())).toEqual([expect.closeTo(0.9, 6), expect.closeTo(-1.9, 6)]);
    // Step 2 with g2: m = 0.5 m1 + 0.5 g2 ... bias-corrected.
    const g1 = 3;
    const g2 = 1;
    const m = (0.5 * 0.5 * g1 + 0.5 * g2) / (1 - 0.25);
    const v = (0.9 * 0.1 * g1 * g1 + 0.1 * g2 * g2) / (1 - 0.81);
    adam.apply([tf.tensor1d([g2, 1])]);
    expect(x.dataSync()[0]).toBeCloseTo(0.9 - (0.1 * m) / Math.sqrt(v), 5);
    adam.reset();
    expect(adam.steps).toBe(0);
    adam.dispose();
    x.dispose();
  });
});
