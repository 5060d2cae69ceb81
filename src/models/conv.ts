import * as tf from '@tensorflow/tfjs';
import { padAmounts, type Padding } from './spec';

/**
 * conv2d whose gradient is built only from forward convolutions, pads,
 * reverses and transposes, so that backends lacking Conv2DBackpropFilter
 * (tfjs-backend-wasm) can train, and backends whose conv2dTranspose is slow
 * (wasm again: about 10x its forward conv) train fast.
 *
 *   dW[i,j,ci,co] = sum_{n,y,x} xp[n, s*y+i, s*x+j, ci] * dy[n,y,x,co]
 * is a convolution of xp with channels and batch swapped, by dy used as a
 * filter, dilated by the stride s.
 *   dx = conv(zero-dilated and padded dy, W flipped in space with in/out swapped)
 */

export type ConvGradMode = 'auto' | 'custom' | 'native';

let mode: ConvGradMode = 'auto';

/** 'auto' uses the custom gradient where the backend lacks the native kernel or is a CPU one. */
export function setConvGradMode(m: ConvGradMode): void {
  mode = m;
}

export function getConvGradMode(): ConvGradMode {
  return mode;
}

function useCustom(): boolean {
  if (mode !== 'auto') return mode === 'custom';
  const b = tf.getBackend();
  // The cpu backend's own filter gradient is about 3x slower than this one.
  return b === 'wasm' || b === 'cpu' || tf.getKernel('Conv2DBackpropFilter', b) === undefined;
}

type Pads = [[number, number], [number, number]];

function pads(x: tf.Tensor4D, k: number, stride: number, pad: Padding): Pads {
  return [padAmounts(x.shape[1], k, stride, pad), padAmounts(x.shape[2], k, stride, pad)];
}

function padSpatial(x: tf.Tensor4D, p: Pads): tf.Tensor4D {
  if (p[0][0] === 0 && p[0][1] === 0 && p[1][0] === 0 && p[1][1] === 0) return x;
  return tf.pad(x, [[0, 0], p[0], p[1], [0, 0]]);
}

/** Inserts stride-1 zeros between neighbouring pixels: [n,h,w,c] -> [n,(h-1)s+1,(w-1)s+1,c]. */
function dilate(x: tf.Tensor4D, s: number): tf.Tensor4D {
  if (s === 1) return x;
  const [n, h, w, c] = x.shape;
  const spread = tf.pad(tf.reshape(x, [n, h, 1, w, 1, c]), [
    [0, 0],
    [0, 0],
    [0, s - 1],
    [0, 0],
    [0, s - 1],
    [0, 0],
  ]);
  return tf.slice(tf.reshape(spread, [n, h * s, w * s, c]) as tf.Tensor4D, [0, 0, 0, 0], [n, (h - 1) * s + 1, (w - 1) * s + 1, c]);
}

export function filterGrad(xp: tf.Tensor4D, dy: tf.Tensor4D, k: number, stride: number): tf.Tensor4D {
  const xT = tf.transpose(xp, [3, 1, 2, 0]);
  const f = tf.transpose(dy, [1, 2, 0, 3]);
  const full = tf.conv2d(xT, f, 1, 'valid', 'NHWC', stride);
  const [ci, fh, fw, co] = full.shape;
  const cropped = fh === k && fw === k ? full : tf.slice(full, [0, 0, 0, 0], [ci, k, k, co]);
  return tf.transpose(cropped, [1, 2, 0, 3]);
}

export function inputGrad(dy: tf.Tensor4D, w: tf.Tensor4D, xShape: [number, number, number, number], p: Pads, stride: number): tf.Tensor4D {
  const k = w.shape[0];
  const [n, h, wd, c] = xShape;
  const hp = h + p[0][0] + p[0][1];
  const wp = wd + p[1][0] + p[1][1];
  const wRot = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]);
  const dyd = dilate(dy, stride);
  // Through conv2d (custom) itself, so that the input gradient is twice
  // differentiable without Conv2DBackpropFilter (WGAN-GP on wasm).
  const covered = conv2d(tf.pad(dyd, [[0, 0], [k - 1, k - 1], [k - 1, k - 1], [0, 0]]), wRot, 1, 'valid');
  // Rows/cols of the padded input no window reached (stride leftovers) get zero gradient.
  const extraH = hp - covered.shape[1];
  const extraW = wp - covered.shape[2];
  const full = extraH > 0 || extraW > 0 ? tf.pad(covered, [[0, 0], [0, extraH], [0, extraW], [0, 0]]) : covered;
  return tf.slice(full, [0, p[0][0], p[1][0], 0], [n, h, wd, c]);
}

/** Same result as tf.conv2d(x, w, stride, pad), with the gradient above when enabled. */
export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: Padding): tf.Tensor4D {
  const k = w.shape[0];
  if (w.shape[1] !== k) throw new Error('conv2d: square kernels only');
  if (!useCustom()) return tf.conv2d(x, w, stride, pad);
  const p = pads(x, k, stride, pad);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x4, w4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    const xp = padSpatial(x4, p);
    save([xp, w4]);
    const value = tf.conv2d(xp, w4, stride, 'valid');
    return {
      value,
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => {
        const [xps, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        return [inputGrad(dy4, ws, x4.shape, p, stride), filterGrad(xps, dy4, k, stride)];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}
