/**
 * Bicubic resizing as separable linear maps. TF.js has no bicubic resize, and
 * the paper's inputs were made with one, so the weights are computed here:
 * Keys' cubic convolution kernel with a = -0.5 (PIL's choice). When shrinking,
 * the kernel is stretched by the scale factor (support 2 * scale) and
 * renormalised, which is how PIL antialiases. Out-of-range taps read the
 * nearest edge pixel (replicate padding) rather than being dropped as PIL does.
 */

export const KEYS_A = -0.5;

/** Keys' cubic convolution kernel. */
export function keys(t: number, a: number = KEYS_A): number {
  const x = Math.abs(t);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}

/** A dense rows x cols matrix, row-major. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matMul: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const c = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k];
      if (v === 0) continue;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j] += v * b.data[k * b.cols + j];
    }
  }
  return c;
}

/**
 * outSize x inSize weights of a 1-D bicubic resize. Output pixel i has its
 * centre at (i + 0.5) * in/out in input coordinates, input pixel j at j + 0.5.
 */
export function resizeWeights(inSize: number, outSize: number): Matrix {
  const w = matrix(outSize, inSize);
  const scale = inSize / outSize;
  const stretch = Math.max(scale, 1);
  const support = 2 * stretch;
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const lo = Math.ceil(center - 0.5 - support);
    const hi = Math.floor(center - 0.5 + support);
    let sum = 0;
    const row = i * inSize;
    for (let j = lo; j <= hi; j++) {
      const k = keys((j + 0.5 - center) / stretch);
      if (k === 0) continue;
      const jj = Math.min(inSize - 1, Math.max(0, j));
      w.data[row + jj] += k;
      sum += k;
    }
    for (let j = 0; j < inSize; j++) w.data[row + j] /= sum;
  }
  return w;
}

/** (n + 2 * pad) x n: replicate padding. */
export function padMatrix(n: number, pad: number): Matrix {
  const m = matrix(n + 2 * pad, n);
  for (let i = 0; i < n + 2 * pad; i++) m.data[i * n + Math.min(n - 1, Math.max(0, i - pad))] = 1;
  return m;
}

/** n x (n + 2 * pad): keeps the middle n. */
export function cropMatrix(n: number, pad: number): Matrix {
  const m = matrix(n, n + 2 * pad);
  for (let i = 0; i < n; i++) m.data[i * (n + 2 * pad) + i + pad] = 1;
  return m;
}

/** Float32 copy of a matrix for the per-image loops. */
export function toF32(m: Matrix): Float32Array {
  return Float32Array.from(m.data);
}

/**
 * out = Wy * X * Wx^T for every channel of every image; images are HWC.
 * src may be uint8 (read as v/255) or floats. Written for speed: the inner
 * loops run over contiguous rows.
 */
export function applySeparable(
  src: Float32Array | Uint8Array,
  count: number,
  inH: number,
  inW: number,
  channels: number,
  wy: Matrix,
  wx: Matrix,
  out: Float32Array = new Float32Array(count * wy.rows * wx.rows * channels),
): Float32Array {
  const outH = wy.rows;
  const outW = wx.rows;
  if (wy.cols !== inH || wx.cols !== inW) throw new Error('applySeparable: weights do not match the image size');
  const scale = src instanceof Uint8Array ? 1 / 255 : 1;
  const wyf = toF32(wy);
  const wxf = toF32(wx);
  // tmp[y][x'][c] = sum_x X[y][x][c] * Wx[x'][x]
  const tmp = new Float32Array(inH * outW * channels);
  const inStride = inH * inW * channels;
  const outStride = outH * outW * channels;
  for (let n = 0; n < count; n++) {
    const base = n * inStride;
    tmp.fill(0);
    for (let y = 0; y < inH; y++) {
      for (let xo = 0; xo < outW; xo++) {
        const t = (y * outW + xo) * channels;
        for (let x = 0; x < inW; x++) {
          const wv = wxf[xo * inW + x] * scale;
          if (wv === 0) continue;
          const s = base + (y * inW + x) * channels;
          for (let c = 0; c < channels; c++) tmp[t + c] += wv * src[s + c];
        }
      }
    }
    const ob = n * outStride;
    const rowLen = outW * channels;
    for (let yo = 0; yo < outH; yo++) {
      const o = ob + yo * rowLen;
      for (let i = 0; i < rowLen; i++) out[o + i] = 0;
      for (let y = 0; y < inH; y++) {
        const wv = wyf[yo * inH + y];
        if (wv === 0) continue;
        const t = y * rowLen;
        for (let i = 0; i < rowLen; i++) out[o + i] += wv * tmp[t + i];
      }
    }
  }
  return out;
}

/** Bicubic resize of a batch of HWC images. */
export function resizeBicubic(
  src: Float32Array | Uint8Array,
  count: number,
  inH: number,
  inW: number,
  channels: number,
  outH: number,
  outW: number,
): Float32Array {
  return applySeparable(src, count, inH, inW, channels, resizeWeights(inH, outH), resizeWeights(inW, outW));
}
