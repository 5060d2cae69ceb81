import { proxy, wrap, type Remote } from 'comlink';
import type { BackendReport } from '../train/backend';
import type { TrainListener } from '../train/service';
import type { TrainWorkerApi } from './train.worker';
import { watchWorker } from './workerWatch';

/**
 * Starts the training worker. The backend report of the last self-test is
 * cached in localStorage; the worker reuses it when the device signature
 * still matches, so the self-test runs once per device.
 */

const CACHE_KEY = 'cdp-lab:train-backend';

export interface TrainClient {
  readonly api: Remote<TrainWorkerApi>;
  /** Wraps callbacks so the worker can call them. */
  listener(l: TrainListener): TrainListener;
  terminate(): void;
  /**
   * Resolves with why, if the worker ends or stops answering while this
   * client still uses it (only when created with `watch`); never after
   * terminate(). Calls in flight then never settle: race them against it.
   */
  readonly lost: Promise<string>;
  /** Progress from the worker counts as a heartbeat answer. */
  alive(): void;
}

let started = 0;

/**
 * Test hook: the live training workers of this page, so an e2e test can
 * kill one mid-point (as the browser does when a worker runs out of
 * memory) and check the page notices. Holds nothing but the handles.
 */
const live = new Set<Worker>();
(globalThis as { __cdpLabTrainWorkers?: Set<Worker> }).__cdpLabTrainWorkers = live;

function lifeLockName(): string {
  return `cdp-lab-worker-life:${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function pageLocks(): LockManager | null {
  return (globalThis.navigator as (Navigator & { locks?: LockManager }) | undefined)?.locks ?? null;
}

/** Training workers created in this page so far (a reload would end their work). */
export function trainWorkersStarted(): number {
  return started;
}

export function createTrainClient(opts: { watch?: boolean } = {}): TrainClient {
  started++;
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
  live.add(worker);
  const api = wrap<TrainWorkerApi>(worker);
  let watch: ReturnType<typeof watchWorker> | null = null;
  if (opts.watch) {
    const locks = pageLocks();
    const name = lifeLockName();
    // Asked for only once the worker holds it, so the page's request waits for the worker's end.
    const gone = locks
      ? api.holdLife(name).then((held) => (held ? locks.request(name, () => Promise.resolve()) : new Promise<void>(() => {})))
      : null;
    watch = watchWorker({ ping: () => api.ping(), gone });
  }
  return {
    api,
    listener: (l) => proxy(l),
    terminate: () => {
      watch?.stop();
      live.delete(worker);
      worker.terminate();
    },
    lost: watch ? watch.lost : new Promise<string>(() => {}),
    alive: () => watch?.alive(),
  };
}

export function cachedBackendReport(): BackendReport | null {
  try {
    const text = globalThis.localStorage?.getItem(CACHE_KEY);
    return text ? (JSON.parse(text) as BackendReport) : null;
  } catch {
    return null;
  }
}

export function saveBackendReport(r: BackendReport): void {
  if (r.forced) return;
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, JSON.stringify(r));
  } catch {
    // storage full or refused: the self-test simply runs again next time
  }
}

/** ?backend=NAME in the page URL forces a backend. */
export function forcedBackend(search: string = globalThis.location?.search ?? ''): string | null {
  return new URLSearchParams(search).get('backend');
}

/** Absolute URL of a path under the app's base (workers resolve relative URLs against their own script). */
export function appUrl(path: string): string {
  return new URL(path, globalThis.document?.baseURI ?? globalThis.location?.href).href;
}
