/**
 * Tells when a worker is gone. Two signals: the worker holds a Web Lock for
 * its whole life, and the lock frees the moment the worker ends (closed,
 * terminated, killed for memory), however busy it was; and a heartbeat,
 * for a worker that is alive but stopped answering. A busy worker answers
 * late, not never: tfjs steps run synchronously, so the silence allowed is
 * long enough for the slowest evaluation batch between two yields.
 */

export interface WatchOptions {
  /** One round trip to the worker; its answer (or any progress, see alive()) proves life. */
  ping(): Promise<unknown>;
  /** Resolves once the worker's life lock is free again; null where Web Locks are missing. */
  gone: Promise<void> | null;
  everyMs?: number;
  silentMs?: number;
  now?: () => number;
  setInterval?: (f: () => void, ms: number) => unknown;
  clearInterval?: (h: unknown) => void;
}

export interface WorkerWatch {
  /** Resolves (never rejects) with why the worker is considered lost. */
  readonly lost: Promise<string>;
  /** Anything the worker sent counts as an answer. */
  alive(): void;
  /** Stops watching (the worker is ended on purpose); `lost` then never resolves. */
  stop(): void;
}

export const HEARTBEAT_MS = 1000;
export const SILENCE_MS = 20_000;

export const WORKER_DIED = 'the training worker stopped (the browser ended it, e.g. when it ran out of memory)';

export function silentMessage(ms: number): string {
  return `the training worker stopped answering (no reply for ${Math.round(ms / 1000)} s)`;
}

export function watchWorker(o: WatchOptions): WorkerWatch {
  const every = o.everyMs ?? HEARTBEAT_MS;
  const silent = o.silentMs ?? SILENCE_MS;
  const now = o.now ?? (() => Date.now());
  const setI = o.setInterval ?? ((f, ms) => globalThis.setInterval(f, ms));
  const clearI = o.clearInterval ?? ((h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>));
  let stopped = false;
  let last = now();
  let waiting = false;
  let resolveLost: (why: string) => void = () => {};
  const lost = new Promise<string>((r) => (resolveLost = r));
  const end = (why: string) => {
    if (stopped) return;
    stopped = true;
    clearI(timer);
    resolveLost(why);
  };
  const timer = setI(() => {
    if (stopped) return;
    if (now() - last > silent) return end(silentMessage(silent));
    if (waiting) return;
    waiting = true;
    o.ping().then(
      () => {
        waiting = false;
        last = now();
      },
      // A refused ping is still an answer from a live worker.
      () => {
        waiting = false;
        last = now();
      },
    );
  }, every);
  o.gone?.then(() => end(WORKER_DIED), () => {});
  return {
    lost,
    alive: () => {
      last = now();
    },
    stop: () => {
      stopped = true;
      clearI(timer);
    },
  };
}
