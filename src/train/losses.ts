import * as tf from '@tensorflow/tfjs';

/** Mean squared error over every element. */
export function mse(a: tf.Tensor, b: tf.Tensor): tf.Scalar {
  return tf.mean(tf.squaredDifference(a, b));
}

/** Mean softmax cross-entropy of logits against integer labels. */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  const logp = tf.logSoftmax(logits as tf.Tensor2D);
  const onehot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1] as number);
  return tf.neg(tf.mean(tf.sum(tf.mul(onehot, logp), 1)));
}

/** Fraction of rows whose argmax differs from the label. */
export function errorRate(logits: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32'));
}

/** WGAN critic loss mean(f(fake)) - mean(f(real)); its negation estimates W1. */
export function criticLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  return tf.sub(tf.mean(fake), tf.mean(real));
}

/**
 * Gradient penalty of WGAN-GP: mean over examples of (|grad f(x~)| - 1)^2 at
 * random points x~ on segments between paired real and fake examples.
 */
export function gradientPenalty(critic: (x: tf.Tensor) => tf.Tensor, real: tf.Tensor, fake: tf.Tensor, seed?: number): tf.Scalar {
  const n = real.shape[0] as number;
  const eps = tf.randomUniform([n, 1, 1, 1], 0, 1, 'float32', seed);
  const mixed = tf.add(real, tf.mul(eps, tf.sub(fake, real)));
  const g = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(mixed);
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(g), [1, 2, 3]), 1e-12));
  return tf.mean(tf.square(tf.sub(norms, 1)));
}
