import { Worker as NodeWorker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ConvPool, HELPER_SOURCE, startHelper, type WorkerLike } from './convPool';
import { decodeModule } from './fastConv';

// The helpers' real source, in Node's worker_threads, on a shared memory: the same
// code the browser starts from a blob: URL.
function spawnNode(): WorkerLike {
  const w = new NodeWorker(HELPER_SOURCE, { eval: true });
  const shim: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => w.postMessage(m),
    terminate: () => void w.terminate(),
  };
  w.on('message', (data) => shim.onmessage?.({ data }));
  w.on('error', (e) => shim.onerror?.(e));
  return shim;
}

type Exports = Record<'conv_valid' | 'conv_valid_c1' | 'pack_kernel' | 'packed_kernel_size', (...a: number[]) => number>;

describe('the conv helper pool', () => {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 1024, shared: true });
  const bytes = decodeModule(true);
  const E = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as unknown as Exports;
  let pool: ConvPool | undefined;
  afterAll(() => pool?.dispose());

  it('splits a conv across worker threads and gets the calling thread result bit for bit', async () => {
    const helpers = await Promise.all([startHelper(spawnNode, memory, bytes), startHelper(spawnNode, memory, bytes)]);
    pool = new ConvPool(helpers);
    expect(pool.threads).toBe(3);
    const f = new Float32Array(memory.buffer);
    // x (3, 11, 9, 5), w (3, 3, 5, 13): float offsets, then byte pointers.
    const [n, h, w, cin, cout, k] = [3, 11, 9, 5, 13, 3];
    const ho = h - k + 1;
    const wo = w - k + 1;
    const pixels = n * ho * wo;
    const X = 4096;
    const W = X + n * h * w * cin;
    const WP = W + k * k * cin * cout;
    const O1 = WP + E.packed_kernel_size(k, k, cin, cout);
    const O2 = O1 + pixels * cout;
    for (let i = 0; i < n * h * w * cin; i++) f[X + i] = Math.sin(i * 0.37);
    for (let i = 0; i < k * k * cin * cout; i++) f[W + i] = Math.cos(i * 0.11);
    E.pack_kernel(W * 4, k, k, cin, cout, WP * 4);
    const args = [X * 4, n, h, w, cin, WP * 4, k, k, cout, 1, 1, 1, 1, ho, wo];
    for (const [fn, a, count] of [
      ['conv_valid', args, pixels * cout],
      ['conv_valid_c1', [X * 4, n, h, w, cin, W * 4, k, k, 1, 1, 1, 1, ho, wo], pixels],
    ] as const) {
      f.fill(NaN, O1, O2 + pixels * cout);
      (E[fn] as (...a: number[]) => void)(...a, O1 * 4, 0, pixels);
      pool.run(E, [...a, O2 * 4], pixels, fn);
      const one = Array.from(f.subarray(O1, O1 + count));
      const split = Array.from(f.subarray(O2, O2 + count));
      expect(one.every(Number.isFinite)).toBe(true);
      expect(split).toEqual(one);
    }
    // Many jobs in a row, each checked: no lost wake-up, no helper dropped (a missed job costs a 20 s timeout).
    E.conv_valid(...args, O1 * 4, 0, pixels);
    for (let r = 0; r < 200; r++) {
      f.fill(NaN, O2, O2 + pixels * cout);
      pool.run(E, [...args, O2 * 4], pixels, 'conv_valid');
      expect(Array.from(f.subarray(O2, O2 + pixels * cout))).toEqual(Array.from(f.subarray(O1, O1 + pixels * cout)));
    }
    expect(pool.threads).toBe(3);
  });

  it('rejects a helper whose module does not instantiate, with its reason', async () => {
    await expect(startHelper(spawnNode, memory, new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1]))).rejects.toThrow(/CompileError|section|wasm/i);
  });
});
