import { applySeparable, cropMatrix, matMul, padMatrix, resizeWeights, type Matrix } from './bicubic';

/**
 * The paper's super-resolution input: replicate-pad by `pad`, bicubic down by
 * `factor`, bicubic up by `factor`, crop the padding, clip to [0, 1]. Before
 * the clip the whole chain is linear, so padding and cropping fold into the
 * resize weights: per axis a (small x size) down matrix D = R_down * Pad and a
 * (size x small) up matrix U = Crop * R_up. An image costs two passes of two
 * small matrix products (MNIST: 28 -> 5 -> 28).
 */

export interface SrOperator {
  readonly height: number;
  readonly width: number;
  readonly pad: number;
  readonly factor: number;
  /** Side lengths of the low-resolution image. */
  readonly lowH: number;
  readonly lowW: number;
  readonly downY: Matrix;
  readonly downX: Matrix;
  readonly upY: Matrix;
  readonly upX: Matrix;
}

function axis(size: number, pad: number, factor: number): { down: Matrix; up: Matrix; low: number } {
  const padded = size + 2 * pad;
  if (padded % factor !== 0) throw new Error(`super-resolution: ${size} + 2 * ${pad} is not divisible by ${factor}`);
  const low = padded / factor;
  return {
    down: matMul(resizeWeights(padded, low), padMatrix(size, pad)),
    up: matMul(cropMatrix(size, pad), resizeWeights(low, padded)),
    low,
  };
}

export function srOperator(height: number, width: number, pad: number, factor: number): SrOperator {
  const y = axis(height, pad, factor);
  const x = axis(width, pad, factor);
  return { height, width, pad, factor, lowH: y.low, lowW: x.low, downY: y.down, downX: x.down, upY: y.up, upX: x.up };
}

/** Low-resolution images (count x lowH x lowW x C), before upsampling; not clipped. */
export function srDownsample(op: SrOperator, src: Float32Array | Uint8Array, count: number, channels: number): Float32Array {
  return applySeparable(src, count, op.height, op.width, channels, op.downY, op.downX);
}

/** The degraded input Y of the SR task, same shape as the input, in [0, 1]. */
export function srDegrade(
  op: SrOperator,
  src: Float32Array | Uint8Array,
  count: number,
  channels: number,
  out?: Float32Array,
): Float32Array {
  const low = srDownsample(op, src, count, channels);
  const y = applySeparable(low, count, op.lowH, op.lowW, channels, op.upY, op.upX, out);
  for (let i = 0; i < y.length; i++) y[i] = y[i] < 0 ? 0 : y[i] > 1 ? 1 : y[i];
  return y;
}
