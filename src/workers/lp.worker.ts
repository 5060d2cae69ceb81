/// <reference lib="webworker" />
// The exact-bound LPs (HiGHS compiled to WebAssembly) run here: a surface of
// hundreds of solves never blocks the page, and a cancel or a new configuration
// is picked up between two solves (the session yields to this event loop).
import { expose } from 'comlink';
import highsWasmUrl from 'highs/runtime?url';
import { loadHighs } from '../math/lp/loadHighs';
import { ExactSession, type ExactSpec } from '../math/lp/session';
import type { LossWeights } from '../math/weighted';
import { BATCH_TAG, type BatchMessage } from './lpProtocol';

let session: Promise<ExactSession> | null = null;

function getSession(): Promise<ExactSession> {
  // The bundler serves highs.wasm under a hashed name; tell the loader where.
  session ??= loadHighs(() => highsWasmUrl).then((h) => new ExactSession(h));
  return session;
}

/** A macrotask boundary without setTimeout's 4 ms clamp, so queued messages run. */
function pause(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

const api = {
  async configure(spec: ExactSpec) {
    return (await getSession()).configure(spec);
  },
  async linear(d: number[], p: number[], pdD: number[]) {
    return (await getSession()).linear(d, p, pdD);
  },
  /**
   * Progress goes out as plain messages on the worker's own channel, tagged with
   * runId: in Chromium a comlink proxy callback's transferred port only flushed
   * once the whole run had ended, so the bar never moved.
   */
  async run(d: number[], p: number[], pdD: number[], runId: number) {
    const s = await getSession();
    return s.run(d, p, pdD, (batch) => self.postMessage({ [BATCH_TAG]: runId, batch } satisfies BatchMessage), pause);
  },
  async cancel() {
    if (session) (await session).cancel();
  },
  async restorer(d: number, p: number) {
    return (await getSession()).restorer(d, p);
  },
  /** The restorer minimising alpha D + beta P + gamma C over all q on the grid (one warm-started LP). */
  async weighted(w: LossWeights) {
    return (await getSession()).weighted(w);
  },
};

export type LpWorkerApi = typeof api;

expose(api);
