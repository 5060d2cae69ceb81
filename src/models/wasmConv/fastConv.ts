import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { CONV_WASM } from './convWasm.generated';
import { ConvPool, spawnBrowserHelper, startHelper, type HelperHandle, type WorkerLike } from './convPool';

/**
 * tfjs-wasm's Conv2D replaced by conv.c's kernel (about 1.5x XNNPACK's speed
 * per core on the training step's convs), for float32 NHWC convolutions; any
 * other call goes to the backend's own kernel. The registered Conv2D gradient
 * (../conv.ts) expresses both gradients as forward convs, so training runs on
 * this kernel throughout. The module is instantiated on the backend's own
 * memory: it reads the tensors where they are and writes the output in place.
 */

interface EmscriptenModule {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

interface WasmBackend {
  wasm: EmscriptenModule;
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  disposeData?(dataId: object): boolean;
}

interface Exports {
  conv_valid(...args: number[]): void;
  conv_valid_c1(...args: number[]): void;
  pack_kernel(w: number, kh: number, kw: number, cin: number, cout: number, out: number): void;
  pad_copy(x: number, n: number, h: number, w: number, c: number, top: number, left: number, hp: number, wp: number, dst: number): void;
  packed_kernel_size(kh: number, kw: number, cin: number, cout: number): number;
}

interface Instance {
  readonly exports: Exports;
  readonly memory: WebAssembly.Memory;
  readonly shared: boolean;
  pool?: ConvPool;
}

/** Below this many multiply-adds a conv runs on the calling thread alone: waking helpers costs more. */
const MIN_PARALLEL_MACS = 2e6;

/**
 * The padded copy of the input is made for at most this many bytes of
 * images at a time: padding all 2,000 test images at once for the paper
 * denoiser's 5x5 convs needs 262 MB on top of the tensors, and a heap that
 * cannot grow that far made _malloc return 0 and the pad write out of bounds.
 */
let scratchLimit = 32 << 20;

/** Tests: a small limit, so that small inputs run in several batch slices. */
export function setScratchLimit(bytes: number): void {
  scratchLimit = Math.max(1, Math.floor(bytes));
}

function mallocOrThrow(b: WasmBackend, bytes: number, what: string): number {
  const p = b.wasm._malloc(bytes);
  if (!p) throw new Error(`CDP Lab's conv: the wasm heap could not grow by ${(bytes / 2 ** 20).toFixed(1)} MB for ${what}; use smaller batches`);
  return p;
}

let enabled = true;
const instances = new WeakMap<object, Instance | null>();

export function decodeModule(shared: boolean): Uint8Array<ArrayBuffer> {
  const s = atob(shared ? CONV_WASM.shared : CONV_WASM.plain);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

function memoryOf(b: WasmBackend): WebAssembly.Memory | undefined {
  return b.wasm.wasmMemory ?? b.wasm.asm?.memory;
}

function instanceFor(b: WasmBackend): Instance | null {
  let inst = instances.get(b);
  if (inst !== undefined) return inst;
  inst = null;
  try {
    const memory = memoryOf(b);
    if (memory) {
      const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
      // Synchronous: the module is 3.4 KB, under the main thread's 4 KB limit for sync compiles.
      const module = new WebAssembly.Module(decodeModule(shared));
      const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Exports;
      inst = { exports, memory, shared };
    }
  } catch {
    inst = null; // the backend's own kernel then runs every conv
  }
  instances.set(b, inst);
  return inst;
}

/** Turns the kernel off (tests and the bench compare it with the backend's own) or on again. */
export function setFastConv(on: boolean): void {
  enabled = on;
}

type KernelArgs = Parameters<tf.KernelFunc>[0];

const original = tf.getKernel('Conv2D', 'wasm');

function fastConv2D(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const b = args.backend as unknown as WasmBackend;
  const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as tf.Conv2DAttrs;
  const inst = enabled && x.dtype === 'float32' && filter.dtype === 'float32' && a.dataFormat !== 'NCHW' ? instanceFor(b) : null;
  if (!inst || !original) {
    if (!original) throw new Error('tfjs-wasm has no Conv2D kernel');
    return original.kernelFunc(args);
  }
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filter.shape as [number, number, number, number], a.strides, a.dilations, a.pad, a.dimRoundingMode, false, 'channelsLast');
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: ho, outWidth: wo, outChannels: cout } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  if (ho <= 0 || wo <= 0) return original.kernelFunc(args); // let the backend report it
  const out = b.makeOutput([n, ho, wo, cout], 'float32');
  const pixels = n * ho * wo;
  if (pixels === 0 || cout === 0) return out;
  const E = inst.exports;
  // The rows and columns the output reads, from the first padded one.
  const hp = (ho - 1) * sh + (kh - 1) * dh + 1;
  const wp = (wo - 1) * sw + (kw - 1) * dw + 1;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // One output channel runs conv_valid_c1 on the kernel as it is; more, conv_valid on the packed one.
  const single = cout === 1;
  const inPlace = top === 0 && left === 0 && hp <= h && wp <= w;
  // Whole images per slice of the batch, so the padded copy stays under scratchLimit.
  const slice = inPlace ? n : Math.max(1, Math.min(n, Math.floor(scratchLimit / (hp * wp * cin * 4))));
  let wpk = 0;
  let xp = 0;
  try {
    wpk = single ? 0 : mallocOrThrow(b, E.packed_kernel_size(kh, kw, cin, cout) * 4, 'the packed kernel');
    xp = inPlace ? 0 : mallocOrThrow(b, slice * hp * wp * cin * 4, 'the padded input');
    const xPtr = b.getMemoryOffset(x.dataId);
    if (!single) E.pack_kernel(b.getMemoryOffset(filter.dataId), kh, kw, cin, cout, wpk);
    const outPtr = b.getMemoryOffset(out.dataId);
    for (let b0 = 0; b0 < n; b0 += slice) {
      const m = Math.min(slice, n - b0);
      if (!inPlace) E.pad_copy(xPtr + b0 * h * w * cin * 4, m, h, w, cin, top, left, hp, wp, xp);
      const [src, rows, cols] = inPlace ? [xPtr, h, w] : [xp, hp, wp];
      const dst = outPtr + b0 * ho * wo * cout * 4;
      const px = m * ho * wo;
      if (single) {
        const args1 = [src, m, rows, cols, cin, b.getMemoryOffset(filter.dataId), kh, kw, sh, sw, dh, dw, ho, wo, dst];
        if (inst.pool && px * kh * kw * cin >= MIN_PARALLEL_MACS) inst.pool.run(E, args1, px, 'conv_valid_c1');
        else E.conv_valid_c1(...args1, 0, px);
      } else {
        const convArgs = [src, m, rows, cols, cin, wpk, kh, kw, cout, sh, sw, dh, dw, ho, wo, dst];
        if (inst.pool && px * cout * kh * kw * cin >= MIN_PARALLEL_MACS) inst.pool.run(E, convArgs, px, 'conv_valid');
        else E.conv_valid(...convArgs, 0, px);
      }
    }
  } catch (e) {
    b.disposeData?.(out.dataId);
    throw e;
  } finally {
    if (xp) b.wasm._free(xp);
    if (wpk) b.wasm._free(wpk);
  }
  return out;
}

if (original) {
  tf.unregisterKernel('Conv2D', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: fastConv2D as tf.KernelFunc });
}

/**
 * Starts helper threads for the fast conv of a threaded (shared-memory) wasm
 * backend; `spawn` makes one helper worker (by default from convPool.ts's
 * HELPER_SOURCE). Resolves
 * with the threads a conv then runs on (1 where the backend is not threaded
 * or a helper failed to start).
 */
export async function startConvThreads(backend: unknown, threads: number, spawn: () => WorkerLike = spawnBrowserHelper): Promise<number> {
  const b = backend as WasmBackend;
  const inst = instanceFor(b);
  if (!inst || !inst.shared || threads < 2) return inst ? 1 : 0;
  inst.pool?.dispose();
  const bytes = decodeModule(true);
  const started = await Promise.all(
    Array.from({ length: threads - 1 }, () => startHelper(spawn, inst.memory, bytes).catch(() => null)),
  );
  const pool = new ConvPool(started.filter((h): h is HelperHandle => h !== null));
  // The threads count only once they are seen to compute what the calling thread does alone.
  if (pool.threads > 1 && !poolAgrees(b, inst, pool)) {
    pool.dispose();
    return 1;
  }
  inst.pool = pool;
  return pool.threads;
}

/** A small conv (both functions) on the calling thread alone and split across the pool: bit-identical? */
function poolAgrees(b: WasmBackend, inst: Instance, pool: ConvPool): boolean {
  const [n, h, w, cin, cout, k] = [2, 12, 12, 8, 16, 3];
  const ho = h - k + 1;
  const pixels = n * ho * ho;
  const sizes = [n * h * w * cin, k * k * cin * cout, inst.exports.packed_kernel_size(k, k, cin, cout), pixels * cout, pixels * cout];
  const ptrs = sizes.map((s) => b.wasm._malloc(s * 4));
  try {
    const [x, wt, wpk, o1, o2] = ptrs;
    const f = new Float32Array(inst.memory.buffer);
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
    for (let i = 0; i < sizes[0]; i++) f[x / 4 + i] = rand();
    for (let i = 0; i < sizes[1]; i++) f[wt / 4 + i] = rand();
    inst.exports.pack_kernel(wt, k, k, cin, cout, wpk);
    const same = (count: number) => {
      const g = new Float32Array(inst.memory.buffer);
      for (let i = 0; i < count; i++) if (!Object.is(g[o1 / 4 + i], g[o2 / 4 + i])) return false;
      return true;
    };
    const args = [x, n, h, w, cin, wpk, k, k, cout, 1, 1, 1, 1, ho, ho];
    inst.exports.conv_valid(...args, o1, 0, pixels);
    pool.run(inst.exports, [...args, o2], pixels, 'conv_valid');
    if (!same(pixels * cout)) return false;
    const args1 = [x, n, h, w, cin, wt, k, k, 1, 1, 1, 1, ho, ho];
    inst.exports.conv_valid_c1(...args1, o1, 0, pixels);
    pool.run(inst.exports, [...args1, o2], pixels, 'conv_valid_c1');
    return same(pixels) && pool.threads > 1;
  } finally {
    for (const p of ptrs) b.wasm._free(p);
  }
}

/** Threads the fast conv runs on for the active backend: 0 when it is off or not loaded. */
export function convThreads(backend: unknown): number {
  const inst = enabled && backend ? instanceFor(backend as WasmBackend) : null;
  if (!inst) return 0;
  return inst.pool?.threads ?? 1;
}
