import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPenalty } from '../train/losses';
import { buildNet, type Net } from './build';
import { directional, FD_STEPS as STEPS } from './directional';
import { classifierSpec, criticSpec, restorerSpec } from './zoo';

/**
 * Central finite differences of a scalar loss along one random direction in
 * weight space, against the directional derivative from the gradients the
 * engine computes (the re-registered conv gradient, the closed-form batch
 * norm, and for the gradient penalty the second derivative through both).
 * float64 is not available in tfjs, so h suits float32: small enough that
 * few ReLU / max-pool kinks fall inside [-h, h], large enough that rounding
 * (about 1e-7 of the loss) stays well below the derivative. The best of three
 * step sizes must agree within 3% (the kinks that remain cost about 1%); a
 * wrong gradient (a missing term, a flipped or misplaced kernel) is off by
 * far more at every step size.
 */
const shape: [number, number, number] = [12, 12, 1];

function fixedInputs(seed: number) {
  const x = tf.randomUniform([3, ...shape], 0, 1, 'float32', seed) as tf.Tensor4D;
  return { x, y: tf.add(x, tf.randomNormal(x.shape, 0, 0.3, 'float32', seed + 1)) as tf.Tensor4D };
}

describe('finite-difference check per network (cpu and wasm)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  const cases: Array<{ name: string; build: () => Net; loss: (net: Net, x: tf.Tensor4D, y: tf.Tensor4D) => tf.Scalar }> = [
    {
      // Without the output clip (a plain tfjs op, not replaced here): at init
      // about half of the outputs sit on its flat part, a kink at every pixel.
      name: 'denoiser (convs, batch norm in training mode)',
      build: () => {
        const spec = restorerSpec('denoiser', 'tiny', shape);
        return buildNet({ ...spec, layers: spec.layers.filter((l) => l.kind !== 'clip') }, 3);
      },
      loss: (net, x, y) => tf.mean(tf.square(tf.sub(net.apply(y, { training: true }), x))),
    },
    {
      name: 'super-resolver',
      build: () => buildNet(restorerSpec('sr', 'tiny', shape), 4),
      loss: (net, x, y) => tf.mean(tf.square(tf.sub(net.apply(y, { training: true }), x))),
    },
    {
      name: 'WGAN critic with batch norm (stride-2 convs)',
      build: () => buildNet(criticSpec('tiny', 'clip', shape), 5),
      loss: (net, x, y) => tf.sub(tf.mean(net.apply(y, { training: true })), tf.mean(net.apply(x, { training: true }))),
    },
    {
      name: 'WGAN-GP critic: the gradient penalty (second derivative of the convs)',
      build: () => buildNet(criticSpec('tiny', 'gp', shape), 6),
      loss: (net, x, y) => gradientPenalty((z) => net.apply(z, { training: true }), x, y, 17),
    },
    {
      name: 'CNN-1 classifier (valid convs, max-pool, dense)',
      build: () => buildNet(classifierSpec('cnn1'), 7),
      loss: (net) => {
        const img = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 8);
        return tf.sum(tf.mul(net.apply(img, { training: false }), tf.linspace(-1, 1, 10))) as tf.Scalar;
      },
    },
  ];

  for (const c of cases) {
    for (const backend of ['cpu', 'wasm']) {
      it(`${c.name} on ${backend}`, async () => {
        await tf.setBackend(backend);
        const net = c.build();
        const { x, y } = fixedInputs(11);
        try {
          let best = { fd: NaN, analytic: NaN, err: Infinity };
          for (const h of STEPS) {
            const { fd, analytic } = await directional(net, () => c.loss(net, x, y), 100, h);
            const err = Math.abs(fd - analytic) / Math.abs(analytic);
            if (err < best.err) best = { fd, analytic, err };
          }
          expect(Math.abs(best.analytic)).toBeGreaterThan(1e-3); // the check is not vacuous
          expect(best.err, `fd ${best.fd} analytic ${best.analytic}`).toBeLessThan(3e-2);
        } finally {
          net.dispose();
          tf.dispose([x, y]);
        }
      });
    }
  }
});
