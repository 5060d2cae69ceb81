import * as tf from '@tensorflow/tfjs';
import type { HostBatch } from './taskData';

/**
 * What both trainers (trainer.ts, conditional/trainer.ts) share about a
 * batch and a warm start, so their degradation and loading cannot drift
 * apart: call inside a tidy, the batch's tensors die with it.
 */
export function batchToDevice(b: HostBatch, inputShape: [number, number, number], sigma: number): { x: tf.Tensor4D; y: tf.Tensor4D; labels: tf.Tensor1D } {
  const shape: [number, number, number, number] = [b.count, ...inputShape];
  const x = tf.tensor4d(b.clean, shape);
  // Denoising draws its noise on the device, seeded per batch; SR brings its inputs.
  const y = b.degraded ? tf.tensor4d(b.degraded, shape) : tf.add(x, tf.randomNormal(shape, 0, sigma, 'float32', b.noiseSeed));
  return { x, y: y as tf.Tensor4D, labels: tf.tensor1d(b.labels, 'int32') };
}

/** Assigns every variable of `named` from the warm start's tensor of the same name and shape. */
export function assignWarmStart(named: ReadonlyMap<string, tf.Variable>, from: ReadonlyMap<string, tf.Tensor>): void {
  for (const [name, v] of named) {
    const w = from.get(name);
    if (!w || w.shape.join('x') !== v.shape.join('x')) throw new Error(`the warm start has no ${name} of shape ${v.shape.join('x')}`);
    v.assign(w);
  }
}
