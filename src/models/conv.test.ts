import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, setConvGradMode } from './conv';
import type { Padding } from './spec';
import { relErr } from './relErr';

// The reference is the cpu backend's own Conv2DBackpropInput/Filter kernels.
function nativeGrads(x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor4D, stride: number, pad: Padding) {
  return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), dy))([x, w]);
}

function customGrads(x: tf.Tensor4D, w: tf.Tensor4D, dy: tf.Tensor4D, stride: number, pad: Padding) {
  return tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mul(conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), dy))([x, w]);
}


const cases: Array<{ n: number; h: number; w: number; cin: number; cout: number; k: number; stride: number; pad: Padding }> = [
  { n: 2, h: 7, w: 7, cin: 3, cout: 4, k: 3, stride: 1, pad: 'same' },
  { n: 3, h: 12, w: 10, cin: 2, cout: 5, k: 5, stride: 1, pad: 'valid' },
  { n: 2, h: 14, w: 14, cin: 1, cout: 3, k: 9, stride: 1, pad: 'same' },
  { n: 2, h: 28, w: 28, cin: 2, cout: 3, k: 5, stride: 2, pad: 'same' },
  { n: 2, h: 7, w: 7, cin: 4, cout: 2, k: 5, stride: 2, pad: 'same' },
  { n: 1, h: 8, w: 9, cin: 2, cout: 2, k: 3, stride: 2, pad: 'valid' },
  { n: 2, h: 9, w: 9, cin: 3, cout: 2, k: 4, stride: 3, pad: 'same' },
];

describe('conv2d custom gradient', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const c of cases) {
    it(`matches the cpu kernels: ${JSON.stringify(c)}`, async () => {
      await tf.setBackend('cpu');
      const x = tf.randomNormal([c.n, c.h, c.w, c.cin], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.randomNormal([c.k, c.k, c.cin, c.cout], 0, 1, 'float32', 2) as tf.Tensor4D;
      const yShape = tf.conv2d(x, w, c.stride, c.pad).shape;
      const dy = tf.randomNormal(yShape, 0, 1, 'float32', 3) as tf.Tensor4D;
      setConvGradMode('custom');
      const value = conv2d(x, w, c.stride, c.pad);
      expect(relErr(value.dataSync(), tf.conv2d(x, w, c.stride, c.pad).dataSync())).toBeLessThan(1e-6);
      const [cx, cw] = customGrads(x, w, dy, c.stride, c.pad);
      setConvGradMode('native');
      const [nx, nw] = nativeGrads(x, w, dy, c.stride, c.pad);
      setConvGradMode('auto');
      expect(cx.shape).toEqual(x.shape);
      expect(cw.shape).toEqual(w.shape);
      expect(relErr(cx.dataSync(), nx.dataSync())).toBeLessThan(1e-5);
      expect(relErr(cw.dataSync(), nw.dataSync())).toBeLessThan(1e-5);

      // The same gradient computed on wasm, which has no native filter gradient.
      const xs = x.arraySync();
      const ws = w.arraySync();
      const dys = dy.arraySync();
      const expectX = nx.dataSync().slice();
      const expectW = nw.dataSync().slice();
      await tf.setBackend('wasm');
      const [wx, ww] = tf.tidy(() => customGrads(tf.tensor4d(xs), tf.tensor4d(ws), tf.tensor4d(dys), c.stride, c.pad));
      expect(relErr(wx.dataSync(), expectX)).toBeLessThan(1e-5);
      expect(relErr(ww.dataSync(), expectW)).toBeLessThan(1e-5);
      tf.dispose([wx, ww]);
      await tf.setBackend('cpu');
    });
  }

  it('matches the cpu kernels on random shapes, strides 1 and 2, same and valid', async () => {
    await tf.setBackend('cpu');
    await fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 3 }),
          h: fc.integer({ min: 1, max: 13 }),
          w: fc.integer({ min: 1, max: 13 }),
          cin: fc.integer({ min: 1, max: 4 }),
          cout: fc.integer({ min: 1, max: 4 }),
          k: fc.integer({ min: 1, max: 6 }),
          stride: fc.constantFrom(1, 2),
          pad: fc.constantFrom<Padding>('same', 'valid'),
          seed: fc.integer({ min: 1, max: 10_000 }),
        }),
        (c) => {
          if (c.pad === 'valid' && (c.k > c.h || c.k > c.w)) return; // no output
          tf.tidy(() => {
            const x = tf.randomNormal([c.n, c.h, c.w, c.cin], 0, 1, 'float32', c.seed) as tf.Tensor4D;
            const w = tf.randomNormal([c.k, c.k, c.cin, c.cout], 0, 1, 'float32', c.seed + 1) as tf.Tensor4D;
            const dy = tf.randomNormal(tf.conv2d(x, w, c.stride, c.pad).shape, 0, 1, 'float32', c.seed + 2) as tf.Tensor4D;
            setConvGradMode('custom');
            const [cx, cw] = customGrads(x, w, dy, c.stride, c.pad);
            setConvGradMode('native');
            const [nx, nw] = nativeGrads(x, w, dy, c.stride, c.pad);
            setConvGradMode('auto');
            expect(cx.shape).toEqual(x.shape);
            expect(cw.shape).toEqual(w.shape);
            expect(relErr(cx.dataSync(), nx.dataSync()), `dx ${JSON.stringify(c)}`).toBeLessThan(1e-5);
            expect(relErr(cw.dataSync(), nw.dataSync()), `dW ${JSON.stringify(c)}`).toBeLessThan(1e-5);
          });
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('skips the gradients nobody asked for', async () => {
    await tf.setBackend('wasm');
    setConvGradMode('auto');
    const x = tf.randomNormal([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([3, 3, 3, 4]));
    // With the filter as the only variable, the backward pass runs one conv (dW), not two.
    const info = await tf.profile(() => {
      const { grads } = tf.variableGrads(() => tf.sum(conv2d(x, w as unknown as tf.Tensor4D, 1, 'same')) as tf.Scalar, [w]);
      tf.dispose(grads);
    });
    expect(info.kernels.filter((k) => k.name === 'Conv2D').length).toBe(2); // forward + dW
    tf.dispose([x, w]);
    await tf.setBackend('cpu');
  });

  it('supports second derivatives (needed by the gradient penalty)', async () => {
    await tf.setBackend('cpu');
    // d/dw of |d conv(x,w)/dx|^2 compared with the native path.
    const x = tf.randomNormal([2, 8, 8, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
    const w = tf.randomNormal([5, 5, 2, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const penaltyGrad = (conv: typeof conv2d) =>
      tf.grad((wi: tf.Tensor) => {
        const gx = tf.grad((xi: tf.Tensor) => tf.sum(tf.square(conv(xi as tf.Tensor4D, wi as tf.Tensor4D, 2, 'same'))))(x);
        return tf.sum(tf.square(gx));
      })(w);
    setConvGradMode('custom');
    const custom = penaltyGrad(conv2d);
    setConvGradMode('native');
    const native = penaltyGrad(conv2d);
    setConvGradMode('auto');
    expect(relErr(custom.dataSync(), native.dataSync())).toBeLessThan(1e-4);
    // wasm has no Conv2DBackpropFilter: the second derivative must avoid it too.
    const xs = x.arraySync();
    const ws = w.arraySync();
    const expected = native.dataSync().slice();
    await tf.setBackend('wasm');
    const onWasm = tf.tidy(() => {
      const xw = tf.tensor4d(xs);
      return tf.grad((wi: tf.Tensor) => {
        const gx = tf.grad((xi: tf.Tensor) => tf.sum(tf.square(conv2d(xi as tf.Tensor4D, wi as tf.Tensor4D, 2, 'same'))))(xw);
        return tf.sum(tf.square(gx));
      })(tf.tensor4d(ws));
    });
    expect(relErr(onWasm.dataSync(), expected)).toBeLessThan(1e-4);
    onWasm.dispose();
    await tf.setBackend('cpu');
  });
});
