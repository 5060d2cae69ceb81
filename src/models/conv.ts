import * as tf from '@tensorflow/tfjs';
import { padAmounts, type Padding } from './spec';
// On wasm, every forward conv (and so both gradients below) runs on CDP Lab's own kernel.
import './wasmConv/fastConv';
import './wasmConv/fastSlice';

/**
 * The gradient of tf.conv2d, re-registered so that backends lacking
 * Conv2DBackpropFilter (tfjs-backend-wasm) can train, and so that backends
 * whose own backward kernels are slow (wasm's Conv2DBackpropInput is about 10x
 * its forward conv; cpu's filter gradient about 3x) train on their fast
 * forward convolution (XNNPACK on wasm) instead.
 *
 * It is registered as the kernel's gradient, not as a tf.customGrad, because
 * a registered gradient returns one thunk per input and the tape only calls
 * those it needs: the input gradient of a first layer (whose input is data)
 * and the filter gradient of a frozen net are never computed.
 *
 *   dW[i,j,ci,co] = sum_{n,y,x} xp[n, s*y+i, s*x+j, ci] * dy[n,y,x,co]
 * is a convolution of xp with channels and batch swapped, by dy used as a
 * filter dilated by the stride s.
 *   dxp[n, s*q+a, s*p+b, ci] = sum_{m,l,co} dy[n, q-m, p-l, co] W[a+s*m, b+s*l, ci, co]
 * is, for each of the s*s phases (a, b), a full correlation of the undilated
 * dy with the phase's sub-kernel flipped. All phases run as one convolution
 * with s*s*ci output channels and are interleaved by a reshape; unlike a
 * convolution of the zero-dilated dy, no multiply lands on an inserted zero
 * (4x fewer FLOPs at stride 2 than the dilated form).
 */

export type ConvGradMode = 'auto' | 'custom' | 'native';

let mode: ConvGradMode = 'auto';

/** 'auto' uses this gradient where the backend lacks the native kernel or is a CPU one. */
export function setConvGradMode(m: ConvGradMode): void {
  mode = m;
}

export function getConvGradMode(): ConvGradMode {
  return mode;
}

function useCustom(): boolean {
  if (mode !== 'auto') return mode === 'custom';
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu' || tf.getKernel('Conv2DBackpropFilter', b) === undefined;
}

type Pads = [[number, number], [number, number]];

function padSpatial(x: tf.Tensor4D, p: Pads): tf.Tensor4D {
  if (p[0][0] === 0 && p[0][1] === 0 && p[1][0] === 0 && p[1][1] === 0) return x;
  return tf.pad(x, [[0, 0], p[0], p[1], [0, 0]]);
}

/** dW from the padded input xp, for a k x k kernel. */
export function filterGrad(xp: tf.Tensor4D, dy: tf.Tensor4D, k: number, stride: number): tf.Tensor4D {
  const xT = tf.transpose(xp, [3, 1, 2, 0]);
  const f = tf.transpose(dy, [1, 2, 0, 3]);
  const full = tf.conv2d(xT, f, 1, 'valid', 'NHWC', stride);
  const [ci, fh, fw, co] = full.shape;
  const cropped = fh === k && fw === k ? full : tf.slice(full, [0, 0, 0, 0], [ci, k, k, co]);
  return tf.transpose(cropped, [1, 2, 0, 3]);
}

/**
 * The rows [lo, lo + len) of a length-n axis padded by `before` zeros and
 * however many after: a pad where the window leaves the data, a slice where
 * it stays inside.
 */
function window1d(n: number, lo: number, len: number): { pad: [number, number]; begin: number; size: number } {
  const begin = Math.max(lo, 0);
  const end = Math.min(lo + len, n);
  return { pad: [Math.max(-lo, 0), Math.max(lo + len - n, 0)], begin, size: Math.max(end - begin, 0) };
}

/**
 * x's rows in reverse order, as a product with the exchange matrix: exact for
 * finite values (each output is one input times 1 plus zeros), and on wasm
 * a GEMM of a few rows takes well under a millisecond where tf.reverse of a
 * 3x3x128x256 kernel took 10-15 ms (it was 6% of a fast-preset iteration).
 */
function reverseRows(x: tf.Tensor2D): tf.Tensor2D {
  const n = x.shape[0];
  if (n === 1) return x;
  // Not disposed here: WGAN-GP differentiates this product again, and its
  // gradient needs the matrix; the step's tidy frees it.
  return tf.matMul(tf.reverse(tf.eye(n), [0]) as tf.Tensor2D, x);
}

/** dx of an input of shape xShape (before padding p) through a k x k conv with stride s. */
export function inputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, xShape: readonly [number, number, number, number], p: Pads, s: number): tf.Tensor4D {
  const k = w.shape[0];
  const [n, h, wd, c] = xShape;
  const co = w.shape[3];
  const kk = Math.ceil(k / s); // sub-kernel size of every phase
  // Sub-kernels V[m', l', co, (a*s + b)*c + ci] = W[a + s*(kk-1-m'), b + s*(kk-1-l'), ci, co]
  // (zero where that tap is beyond k).
  const wPad = k === kk * s ? w : tf.pad(w, [[0, kk * s - k], [0, kk * s - k], [0, 0], [0, 0]]);
  // [m, a, l, (b, ci, co)] -> [m, l, (a, b, ci), co] -> [(m, l), co, (a, b, ci)]: two transposes of
  // rank <= 4, which wasm runs in a fraction of the time of one rank-6 transpose.
  const mla = tf.transpose(tf.reshape(wPad, [kk, s, kk, s * c * co]), [0, 2, 1, 3]);
  const phases = tf.transpose(tf.reshape(mla, [kk * kk, s * s * c, co]), [0, 2, 1]);
  const v = tf.reshape(reverseRows(tf.reshape(phases, [kk * kk, co * s * s * c])), [kk, kk, co, s * s * c]) as tf.Tensor4D;
  // Output rows q cover dxp rows s*q .. s*q + s - 1; only rows [pt, pt + h) are x's.
  const rows = (pt: number, len: number) => {
    const q0 = Math.floor(pt / s);
    return { q0, count: Math.ceil((pt + len) / s) - q0 };
  };
  const rh = rows(p[0][0], h);
  const rw = rows(p[1][0], wd);
  // out[q] = sum_m' dy[q + m' - (kk-1)] V[m']: dy rows from q0 - (kk-1), count + kk - 1 of them.
  const wh = window1d(dy.shape[1], rh.q0 - (kk - 1), rh.count + kk - 1);
  const ww = window1d(dy.shape[2], rw.q0 - (kk - 1), rw.count + kk - 1);
  const inside = wh.begin === 0 && ww.begin === 0 && wh.size === dy.shape[1] && ww.size === dy.shape[2] ? dy : tf.slice(dy, [0, wh.begin, ww.begin, 0], [n, wh.size, ww.size, co]);
  const dyp = padSpatial(inside, [wh.pad, ww.pad]);
  const out = tf.conv2d(dyp, v, 1, 'valid');
  const interleaved =
    s === 1
      ? out
      : // [(n, q), p, a, (b, c)] -> [(n, q), a, p, (b, c)] = [n, (q, a), (p, b), c]
        (tf.reshape(tf.transpose(tf.reshape(out, [n * rh.count, rw.count, s, s * c]), [0, 2, 1, 3]), [n, rh.count * s, rw.count * s, c]) as tf.Tensor4D);
  const top = p[0][0] - s * rh.q0;
  const left = p[1][0] - s * rw.q0;
  if (top === 0 && left === 0 && interleaved.shape[1] === h && interleaved.shape[2] === wd) return interleaved;
  return tf.slice(interleaved, [0, top, left, 0], [n, h, wd, c]);
}

interface Conv2DAttrs {
  strides: number | [number, number];
  pad: unknown;
  dataFormat: string;
  dilations: number | [number, number];
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

const nativeGradient = tf.getGradient('Conv2D');

tf.registerGradient({
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const a = attrs as unknown as Conv2DAttrs;
    const [sh, sw] = pair(a.strides);
    const [dh, dw] = pair(a.dilations);
    const [x, w] = saved as [tf.Tensor4D, tf.Tensor4D];
    const simple = sh === sw && dh === 1 && dw === 1 && a.dataFormat === 'NHWC' && (a.pad === 'same' || a.pad === 'valid') && w.shape[0] === w.shape[1];
    if (!simple || !useCustom()) return nativeGradient.gradFunc(dy, saved, attrs);
    const k = w.shape[0];
    const pad = a.pad as Padding;
    const p: Pads = [padAmounts(x.shape[1], k, sh, pad), padAmounts(x.shape[2], k, sh, pad)];
    const dy4 = dy as tf.Tensor4D;
    return {
      x: () => inputGrad(dy4, w, x.shape, p, sh),
      filter: () => filterGrad(padSpatial(x, p), dy4, k, sh),
    };
  },
});

/** tf.conv2d, square kernels only; importing this module installs the gradient above. */
export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: Padding): tf.Tensor4D {
  if (w.shape[1] !== w.shape[0]) throw new Error('conv2d: square kernels only');
  return tf.conv2d(x, w, stride, pad);
}
