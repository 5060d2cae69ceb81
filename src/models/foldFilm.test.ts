import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCondNet, condSpec, type CondNet } from './conditional';
import { foldedAt } from './foldFilm';
import { criticSpec, restorerSpec } from './zoo';

const shape: [number, number, number] = [12, 12, 1];

/** Trained-looking FiLM heads and batch-norm statistics (at init the heads are zero and BN is the identity). */
function perturb(net: CondNet, seed: number): void {
  let i = 0;
  for (const [name, v] of net.named) {
    if (name.startsWith('film/head')) v.assign(tf.tidy(() => tf.randomNormal(v.shape, 0, 0.3, 'float32', seed + i++)));
    else if (name.endsWith('/moving_mean') || name.endsWith('/beta') || name.endsWith('/bias')) v.assign(tf.tidy(() => tf.randomNormal(v.shape, 0, 0.2, 'float32', seed + i++)));
    else if (name.endsWith('/moving_variance') || name.endsWith('/gamma')) v.assign(tf.tidy(() => tf.randomUniform(v.shape, 0.5, 2, 'float32', seed + i++)));
  }
}

describe('foldedAt: batch norm and FiLM folded into the convs', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const nets = [
    ['denoiser (conv, batch norm, FiLM, clip)', () => restorerSpec('denoiser', 'fast', shape), false],
    ['SR net (conv with bias, FiLM)', () => restorerSpec('sr', 'fast', shape), false],
    ['clip critic body (bounded FiLM scale, leaky ReLU)', () => ({ ...criticSpec('tiny', 'clip', shape), layers: criticSpec('tiny', 'clip', shape).layers.filter((l) => l.kind !== 'flatten' && l.kind !== 'dense' && l.kind !== 'maxpool') }), true],
  ] as const;

  for (const [what, spec, bounded] of nets) {
    it(`equals the conditional net at that setting in inference: ${what}`, () => {
      const base = spec();
      const net = buildCondNet(condSpec(base, { boundedScale: bounded }), 3);
      perturb(net, 11);
      const before = tf.memory().numTensors;
      const x = tf.randomUniform([5, ...shape], 0, 1, 'float32', 5) as tf.Tensor4D;
      for (const features of [new Float32Array([-1, -1]), new Float32Array([0.3, -0.6]), new Float32Array([1, 1])]) {
        const folded = foldedAt(net, features);
        const a = folded.apply(x);
        const b = net.at(features).apply(x, { training: false });
        const scale = Math.max(1e-3, tf.tidy(() => tf.max(tf.abs(b)).dataSync()[0]));
        const err = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
        expect(err / scale, `features ${Array.from(features)}`).toBeLessThan(2e-5);
        tf.dispose([a, b]);
        folded.dispose();
      }
      // Not a vacuous comparison: the setting changes the output.
      const a0 = foldedAt(net, new Float32Array([-1, -1]));
      const a1 = foldedAt(net, new Float32Array([1, 1]));
      const y0 = a0.apply(x);
      const y1 = a1.apply(x);
      expect(tf.tidy(() => tf.max(tf.abs(tf.sub(y0, y1))).dataSync()[0])).toBeGreaterThan(1e-3);
      tf.dispose([y0, y1, x]);
      a0.dispose();
      a1.dispose();
      expect(tf.memory().numTensors).toBe(before);
      net.dispose();
    });
  }

  it('refuses a net it cannot fold, and the wrong number of features', () => {
    const net = buildCondNet(condSpec(criticSpec('tiny', 'clip', shape), { boundedScale: true }), 1);
    const before = tf.memory().numTensors;
    expect(() => foldedAt(net, new Float32Array([0, 0]))).toThrow(/cannot fold/);
    expect(() => foldedAt(net, new Float32Array([0]))).toThrow(/features/);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });
});
