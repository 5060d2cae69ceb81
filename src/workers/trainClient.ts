import { proxy, wrap, type Remote } from 'comlink';
import type { BackendReport } from '../train/backend';
import type { TrainListener } from '../train/service';
import type { TrainWorkerApi } from './train.worker';

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
}

let started = 0;

/** Training workers created in this page so far (a reload would end their work). */
export function trainWorkersStarted(): number {
  return started;
}

export function createTrainClient(): TrainClient {
  started++;
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module', name: 'train' });
  const api = wrap<TrainWorkerApi>(worker);
  return {
    api,
    listener: (l) => proxy(l),
    terminate: () => worker.terminate(),
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
