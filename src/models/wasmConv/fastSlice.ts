import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * tfjs-wasm's Slice copies a rank-4 slice one innermost row at a time (a
 * typed-array set per row): cropping a 50x16x16x32 phase image to 14x14 made
 * 9,800 copies of 32 floats and took 4-5 ms, 50 ms of a paper iteration.
 * Here trailing axes the slice keeps whole are merged first, so each copy is
 * one contiguous run (700 copies of 448 floats in that case). Numeric dtypes
 * only; strings go to the backend's own kernel.
 */

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

const original = tf.getKernel('Slice', 'wasm');

/** Shape, begin and size with the axes after the last partial one merged into it. */
export function mergeTrailing(shape: readonly number[], begin: readonly number[], size: readonly number[]): { shape: number[]; begin: number[]; size: number[] } {
  let k = shape.length - 1;
  let inner = 1;
  // Axes kept whole (from the end) fold into one run with the first partial axis before them.
  while (k > 0 && begin[k] === 0 && size[k] === shape[k]) {
    inner *= shape[k];
    k--;
  }
  return {
    shape: [...shape.slice(0, k), shape[k] * inner],
    begin: [...begin.slice(0, k), begin[k] * inner],
    size: [...size.slice(0, k), size[k] * inner],
  };
}

function fastSlice(args: KernelArgs): tf.TensorInfo {
  const { x } = args.inputs as { x: tf.TensorInfo };
  const a = args.attrs as unknown as tf.SliceAttrs;
  if (!original) throw new Error('tfjs-wasm has no Slice kernel');
  if (x.dtype === 'string' || x.shape.length === 0) return original.kernelFunc(args) as tf.TensorInfo;
  const b = args.backend as unknown as WasmBackend;
  const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, a.begin, a.size);
  const out = b.makeOutput(size, x.dtype);
  if (size.some((s) => s === 0)) return out;
  const m = mergeTrailing(x.shape, begin, size);
  const strides = tf.util.computeStrides(m.shape);
  // A view of the heap (readSync, which the backend's kernel uses, copies the whole input first).
  const src = b.typedArrayFromHeap(x);
  const dst = b.typedArrayFromHeap(out);
  const rank = m.shape.length;
  const run = m.size[rank - 1];
  const outer = m.size.slice(0, rank - 1);
  const count = outer.reduce((p, s) => p * s, 1);
  const idx = new Array<number>(rank - 1).fill(0);
  for (let r = 0; r < count; r++) {
    let off = m.begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) off += (m.begin[d] + idx[d]) * strides[d];
    dst.set(src.subarray(off, off + run), r * run);
    for (let d = rank - 2; d >= 0; d--) {
      if (++idx[d] < outer[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

if (original) {
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: fastSlice as tf.KernelFunc });
}
