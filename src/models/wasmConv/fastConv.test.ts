import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildModules, sourceSha256 } from '../../../scripts/build-wasm-conv';
import { CONV_WASM } from './convWasm.generated';
import { convThreads, decodeModule, setFastConv, setScratchLimit } from './fastConv';
import { wasmSections } from './wasmSections';
import { relErr } from '../relErr';


type Pad = 'same' | 'valid' | number;

/** The same conv through conv.c's kernel and through tfjs-wasm's own (XNNPACK). */
function both(x: tf.Tensor4D, w: tf.Tensor4D, s: [number, number], pad: Pad, d: [number, number]): [Float32Array, Float32Array, number[]] {
  setFastConv(true);
  const fast = tf.conv2d(x, w, s, pad, 'NHWC', d);
  setFastConv(false);
  const ref = tf.conv2d(x, w, s, pad, 'NHWC', d);
  setFastConv(true);
  const out: [Float32Array, Float32Array, number[]] = [fast.dataSync() as Float32Array, ref.dataSync() as Float32Array, fast.shape];
  fast.dispose();
  ref.dispose();
  return out;
}

/** fn on the cpu backend (an independent implementation), back on wasm after. */
function onCpu(fn: () => Float32Array | Int32Array | Uint8Array): ArrayLike<number> {
  void tf.setBackend('cpu'); // initialised: it switches synchronously, which the next line checks
  expect(tf.getBackend()).toBe('cpu');
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
    void tf.setBackend('wasm');
  }
}

describe('fast conv on the wasm backend', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(() => setFastConv(true));

  it('loads on the backend memory and runs on the calling thread in Node (no shared memory)', () => {
    const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
    const y = tf.conv2d(x, tf.ones([3, 3, 1, 1]) as tf.Tensor4D, 1, 'same');
    // Corners see 4 ones, edges 6, the middle 9.
    expect(Array.from(y.dataSync())).toEqual([4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4]);
    expect(convThreads(tf.backend())).toBe(1);
    tf.dispose([x, y]);
  });

  it('matches XNNPACK on the training step shapes (5x5 same, the filter gradient as a 28x28 conv)', () => {
    type Shape = [number, number, number, number];
    const shapes: Array<[Shape, Shape, number, Pad, number]> = [
      [[6, 28, 28, 16], [5, 5, 16, 32], 1, 'same', 1],
      [[4, 28, 28, 32], [5, 5, 32, 1], 1, 'same', 1],
      [[16, 32, 32, 6], [28, 28, 6, 12], 1, 'valid', 1],
      [[8, 18, 18, 4], [7, 7, 4, 12], 1, 'valid', 2],
      [[6, 14, 14, 16], [5, 5, 16, 32], 2, 'same', 1],
    ];
    for (const [xs, ws, s, pad, d] of shapes) {
      const x = tf.randomNormal(xs, 0, 1, 'float32', 7) as tf.Tensor4D;
      const w = tf.randomNormal(ws, 0, 1, 'float32', 8) as tf.Tensor4D;
      const [fast, ref] = both(x, w, [s, s], pad, [d, d]);
      expect(relErr(fast, ref)).toBeLessThan(1e-6);
      tf.dispose([x, w]);
    }
  });

  it('pads a large batch in slices under the scratch limit: bit for bit the one-slice result, and XNNPACK’s', () => {
    const x = tf.randomNormal([7, 12, 12, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([5, 5, 3, 4], 0, 1, 'float32', 4) as tf.Tensor4D;
    const w1 = tf.randomNormal([3, 3, 3, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    try {
      for (const [k, pad] of [[w, 'same'], [w1, 2]] as const) {
        const [whole, ref] = both(x, k, [1, 1], pad, [1, 1]);
        // One padded image is 16 * 16 * 3 * 4 bytes: 2 images per slice, the last slice 1.
        setScratchLimit(2 * 16 * 16 * 3 * 4 + 5);
        const [sliced] = both(x, k, [1, 1], pad, [1, 1]);
        setScratchLimit(32 << 20);
        expect(Array.from(sliced)).toEqual(Array.from(whole));
        expect(relErr(sliced, ref)).toBeLessThan(1e-6);
      }
    } finally {
      setScratchLimit(32 << 20);
      tf.dispose([x, w, w1]);
    }
  });

  it('matches the cpu backend on random shapes, strides, dilations and paddings (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 3 }),
          h: fc.integer({ min: 1, max: 13 }),
          w: fc.integer({ min: 1, max: 13 }),
          cin: fc.integer({ min: 1, max: 9 }),
          cout: fc.integer({ min: 1, max: 19 }),
          kh: fc.integer({ min: 1, max: 5 }),
          kw: fc.integer({ min: 1, max: 5 }),
          sh: fc.integer({ min: 1, max: 3 }),
          sw: fc.integer({ min: 1, max: 3 }),
          dil: fc.integer({ min: 1, max: 2 }),
          pad: fc.constantFrom<Pad>('same', 'valid', 0, 1, 2),
          seed: fc.integer({ min: 0, max: 1000 }),
        }),
        (c) => {
          // tfjs allows dilation only with stride 1.
          const d: [number, number] = c.sh === 1 && c.sw === 1 ? [c.dil, c.dil] : [1, 1];
          const effH = (c.kh - 1) * d[0] + 1;
          const effW = (c.kw - 1) * d[1] + 1;
          const extra = typeof c.pad === 'number' ? 2 * c.pad : 0;
          if (c.pad !== 'same' && (c.h + extra < effH || c.w + extra < effW)) return;
          // tfjs sizes a numeric pad's output from the kernel's height alone: only square kernels are well defined.
          if (typeof c.pad === 'number' && c.kh !== c.kw) return;
          const x = tf.randomNormal([c.n, c.h, c.w, c.cin], 0, 1, 'float32', c.seed) as tf.Tensor4D;
          const w = tf.randomNormal([c.kh, c.kw, c.cin, c.cout], 0, 1, 'float32', c.seed + 1) as tf.Tensor4D;
          setFastConv(true);
          const y = tf.conv2d(x, w, [c.sh, c.sw], c.pad, 'NHWC', d);
          const [fast, shape] = [y.dataSync(), y.shape];
          const [xv, wv] = [x.dataSync(), w.dataSync()];
          tf.dispose([x, w, y]);
          const ref = onCpu(() => tf.conv2d(tf.tensor4d(xv, x.shape), tf.tensor4d(wv, w.shape), [c.sh, c.sw], c.pad, 'NHWC', d).dataSync());
          expect(fast.length).toBe(shape.reduce((a, b) => a * b, 1));
          expect(relErr(fast, ref)).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
  });

  it('leaves no tensor and no heap block behind', () => {
    const x = tf.randomNormal([2, 9, 9, 3]) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 5]) as tf.Tensor4D;
    tf.conv2d(x, w, 1, 'same').dispose();
    const before = tf.memory().numTensors;
    const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    for (let i = 0; i < 50; i++) tf.conv2d(x, w, 1, 'same').dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length).toBe(heap);
    tf.dispose([x, w]);
  });
});

describe('the conv module', () => {
  for (const shared of [false, true]) {
    it(`${shared ? 'shared' : 'plain'}: imports only a memory, has no data segment, and writes nowhere but its output`, async () => {
      const bytes = decodeModule(shared);
      const module = await WebAssembly.compile(bytes);
      expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
      expect(wasmSections(bytes)).not.toContain(11);
      const memory = new WebAssembly.Memory(shared ? { initial: 4, maximum: 16, shared: true } : { initial: 4 });
      const E = (await WebAssembly.instantiate(module, { env: { memory } })).exports as unknown as {
        conv_valid(...a: number[]): void;
        pack_kernel(...a: number[]): void;
        pad_copy(...a: number[]): void;
        packed_kernel_size(...a: number[]): number;
      };
      const f = new Float32Array(memory.buffer);
      f.fill(-7.25);
      // x (1, 3, 3, 2) at 1024, w (3, 3, 2, 3) at 2048, padded x (1, 5, 5, 2) at 4096, packed w at 8192, out (1, 3, 3, 3) at 16384 (float indices).
      const X = 1024, W = 2048, XP = 4096, WP = 8192, O = 16384;
      for (let i = 0; i < 18; i++) f[X + i] = i - 8;
      for (let i = 0; i < 54; i++) f[W + i] = ((i * 7) % 11) - 5;
      const packed = E.packed_kernel_size(3, 3, 2, 3);
      expect(packed).toBe(8 * 9 * 2);
      E.pad_copy(X * 4, 1, 3, 3, 2, 1, 1, 5, 5, XP * 4);
      E.pack_kernel(W * 4, 3, 3, 2, 3, WP * 4);
      E.conv_valid(XP * 4, 1, 5, 5, 2, WP * 4, 3, 3, 3, 1, 1, 1, 1, 3, 3, O * 4, 0, 9);
      // Direct 'same' correlation as the reference.
      for (let y = 0; y < 3; y++)
        for (let xx = 0; xx < 3; xx++)
          for (let co = 0; co < 3; co++) {
            let s = 0;
            for (let i = 0; i < 3; i++)
              for (let j = 0; j < 3; j++)
                for (let c = 0; c < 2; c++) {
                  const yi = y + i - 1;
                  const xi = xx + j - 1;
                  if (yi >= 0 && yi < 3 && xi >= 0 && xi < 3) s += f[X + (yi * 3 + xi) * 2 + c] * f[W + ((i * 3 + j) * 2 + c) * 3 + co];
                }
            expect(f[O + (y * 3 + xx) * 3 + co]).toBe(s);
          }
      const written = (i: number) => (i >= XP && i < XP + 50) || (i >= WP && i < WP + packed) || (i >= O && i < O + 27) || (i >= X && i < X + 18) || (i >= W && i < W + 54);
      let stray = 0;
      for (let i = 0; i < f.length; i++) if (!written(i) && f[i] !== -7.25) stray++;
      expect(stray).toBe(0);
    });
  }

  it('is the build of conv.c as it is now', () => {
    expect(CONV_WASM.sourceSha256).toBe(sourceSha256());
  });

  let clang = '';
  try {
    clang = execFileSync('clang', ['--version'], { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    // no compiler on this machine: the hash above still ties the bytes to the source
  }
  it.skipIf(clang !== CONV_WASM.compiler)('rebuilds to the same bytes with the same compiler', () => {
    const built = buildModules();
    expect(built.plain).toBe(CONV_WASM.plain);
    expect(built.shared).toBe(CONV_WASM.shared);
  });
});
