/**
 * Helper threads for the fast conv: each helper is a worker holding its own
 * instance of the conv module on the backend's shared memory, and takes a
 * slice of a convolution's output pixels. The tfjs kernel that calls it is
 * synchronous, so the caller posts jobs through shared Int32 slots, computes
 * its own slice and then waits for the helpers: with Atomics.wait in a worker,
 * by spinning on the page's main thread, where waiting is not allowed.
 */

/** Slot layout of one helper's control block (fn: which export, an index into CONV_FUNCTIONS). */
export const SLOT = { seq: 0, done: 1, ready: 2, fn: 3, args: 4 } as const;
export const CONV_FUNCTIONS = ['conv_valid', 'conv_valid_c1'] as const;
export type ConvFunction = (typeof CONV_FUNCTIONS)[number];
/** Arguments of the longest function, and a last slot for how many there are. */
export const ARG_COUNT = 19;
export const CONTROL_INTS = SLOT.args + ARG_COUNT;
/** A job the helper does not finish in this long is done by the caller instead, and the helper is dropped. */
const HELPER_TIMEOUT_MS = 20_000;
/** Output pixels per tile of conv.c: a helper's slice starts on a tile boundary. */
export const TILE_PIXELS = 4;

export type ConvExports = Record<ConvFunction, (...args: number[]) => void>;

export interface HelperHandle {
  readonly control: Int32Array;
  terminate(): void;
}

const canBlock = (() => {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false; // a page's main thread
  }
})();

function waitFor(control: Int32Array, slot: number, value: number, timeoutMs: number): boolean {
  const t0 = performance.now();
  for (let spins = 0; ; spins++) {
    const now = Atomics.load(control, slot);
    if (now === value) return true;
    if (performance.now() - t0 > timeoutMs) return false;
    if (canBlock && spins > 200) Atomics.wait(control, slot, now, 5);
  }
}

/**
 * What a helper worker runs, as the source of a classic script with no
 * imports: started from a blob: URL, the worker inherits the page's COEP and
 * CSP and needs no fetch (a nested worker's script request bypasses the
 * service worker, so offline and on static hosts a script file would fail).
 * The same source runs in Node's worker_threads for the pool's unit test.
 * It instantiates the conv module on the shared memory it is sent, says it is
 * ready, then serves jobs until the pool posts seq -1.
 */
export const HELPER_SOURCE = `'use strict';
const node = typeof self === 'undefined';
const port = node ? require('node:worker_threads').parentPort : self;
const FUNCTIONS = ${JSON.stringify(CONV_FUNCTIONS)};
const onFirst = (fn) => (node ? port.once('message', fn) : (self.onmessage = (e) => { self.onmessage = null; fn(e.data); }));
onFirst(({ memory, bytes, control }) => {
  let conv;
  try {
    conv = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  } catch (err) {
    port.postMessage({ error: String(err) });
    return;
  }
  // The last job seen is read before saying ready: a job posted right after would otherwise be taken as seen.
  let seen = Atomics.load(control, ${SLOT.seq});
  Atomics.store(control, ${SLOT.ready}, 1);
  port.postMessage({ ready: true });
  for (;;) {
    Atomics.wait(control, ${SLOT.seq}, seen);
    const seq = Atomics.load(control, ${SLOT.seq});
    if (seq === seen) continue;
    if (seq < 0) break;
    seen = seq;
    const count = Atomics.load(control, ${SLOT.args + ARG_COUNT - 1});
    const args = [];
    for (let i = 0; i < count; i++) args.push(Atomics.load(control, ${SLOT.args} + i));
    conv[FUNCTIONS[Atomics.load(control, ${SLOT.fn})]](...args);
    Atomics.store(control, ${SLOT.done}, seq);
    Atomics.notify(control, ${SLOT.done});
  }
  if (node) port.close();
});
`;

/** The part of a Worker the pool uses (a Web Worker, or a shim over worker_threads in tests). */
export interface WorkerLike {
  onmessage: ((e: { data: { ready?: boolean; error?: string } }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

/** Starts one helper on `memory` with the shared conv module `bytes`; rejects if it does not say ready in 15 s. */
export function startHelper(spawn: () => WorkerLike, memory: WebAssembly.Memory, bytes: Uint8Array): Promise<HelperHandle> {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_INTS * 4));
  const worker = spawn();
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(why));
    };
    const timer = setTimeout(() => fail('conv helper did not start'), 15_000);
    worker.onmessage = (e) => {
      if (!e.data.ready) return fail(e.data.error ?? 'conv helper failed');
      clearTimeout(timer);
      resolve({ control, terminate: () => worker.terminate() });
    };
    worker.onerror = () => fail('conv helper failed to load');
    worker.postMessage({ memory, bytes, control });
  });
}

/** A helper worker in a browser: the source above from a blob: URL. */
export function spawnBrowserHelper(): WorkerLike {
  const url = URL.createObjectURL(new Blob([HELPER_SOURCE], { type: 'text/javascript' }));
  try {
    return new Worker(url) as unknown as WorkerLike;
  } finally {
    URL.revokeObjectURL(url); // the worker has its script once constructed
  }
}

export class ConvPool {
  private helpers: HelperHandle[];
  private seq = 0;

  constructor(helpers: HelperHandle[]) {
    this.helpers = helpers.filter((h) => Atomics.load(h.control, SLOT.ready) === 1);
  }

  /** Threads a convolution runs on: the caller's plus the live helpers. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /**
   * `fn` over output pixels [0, pixels) split in equal tile-aligned slices;
   * `args` are its arguments without the last two (p0, p1).
   */
  run(conv: ConvExports, args: readonly number[], pixels: number, fn: ConvFunction): void {
    const parts = this.helpers.length + 1;
    const tiles = Math.ceil(pixels / TILE_PIXELS);
    const bound = (k: number) => Math.min(pixels, Math.round((tiles * k) / parts) * TILE_PIXELS);
    const seq = ++this.seq;
    const posted: { h: HelperHandle; p0: number; p1: number }[] = [];
    this.helpers.forEach((h, i) => {
      const p0 = bound(i + 1);
      const p1 = bound(i + 2);
      if (p1 <= p0) return;
      args.forEach((v, j) => Atomics.store(h.control, SLOT.args + j, v));
      Atomics.store(h.control, SLOT.args + args.length, p0);
      Atomics.store(h.control, SLOT.args + args.length + 1, p1);
      Atomics.store(h.control, SLOT.args + ARG_COUNT - 1, args.length + 2);
      Atomics.store(h.control, SLOT.fn, CONV_FUNCTIONS.indexOf(fn));
      Atomics.store(h.control, SLOT.seq, seq);
      Atomics.notify(h.control, SLOT.seq);
      posted.push({ h, p0, p1 });
    });
    conv[fn](...args, 0, bound(1));
    const lost: HelperHandle[] = [];
    for (const { h, p0, p1 } of posted) {
      if (waitFor(h.control, SLOT.done, seq, HELPER_TIMEOUT_MS)) continue;
      conv[fn](...args, p0, p1);
      lost.push(h);
    }
    if (lost.length > 0) {
      for (const h of lost) h.terminate();
      this.helpers = this.helpers.filter((h) => !lost.includes(h));
    }
  }

  dispose(): void {
    for (const h of this.helpers) {
      Atomics.store(h.control, SLOT.seq, -1);
      Atomics.notify(h.control, SLOT.seq);
      h.terminate();
    }
    this.helpers = [];
  }
}
