import * as tf from '@tensorflow/tfjs';

/**
 * For the finite-difference tests: step sizes for float32 (tfjs has no
 * float64), and the central difference of a scalar loss along one random
 * direction in weight space next to the directional derivative from the
 * gradients the engine computes. The weights are restored afterwards.
 */
export const FD_STEPS = [1e-4, 5e-5, 3e-5];

export async function directional(net: { readonly weights: tf.Variable[] }, loss: () => tf.Scalar, seed: number, h: number): Promise<{ fd: number; analytic: number }> {
  const dirs = net.weights.map((v, i) => tf.randomNormal(v.shape, 0, 1, 'float32', seed + i));
  const { grads } = tf.variableGrads(loss, net.weights);
  const analytic = tf.tidy(() => tf.addN(net.weights.map((v, i) => (grads[v.name] ? tf.sum(tf.mul(grads[v.name], dirs[i])) : tf.scalar(0))))).dataSync()[0];
  tf.dispose(Object.values(grads).filter((g) => g));
  const originals = net.weights.map((v) => v.clone());
  const at = (t: number): number => {
    net.weights.forEach((v, i) => v.assign(tf.tidy(() => tf.add(originals[i], tf.mul(dirs[i], t)))));
    return tf.tidy(() => loss().dataSync()[0]);
  };
  const fd = (at(h) - at(-h)) / (2 * h);
  net.weights.forEach((v, i) => v.assign(originals[i]));
  tf.dispose([...dirs, ...originals]);
  return { fd, analytic };
}
