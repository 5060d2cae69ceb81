import { decode, describeIgnored, encode } from './permalink';
import { selectToyState, type ToyStoreApi } from './toyStore';

/** The slice of `window` URL sync needs; injectable so it is testable in Node. */
export interface UrlSyncEnv {
  location: { hash: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface UrlSyncOptions {
  /** Trailing throttle of hash writes while sliders move. */
  throttleMs?: number;
}

export type StopUrlSync = (() => void) & { flush(): void };

function currentHash(env: UrlSyncEnv): string {
  const h = env.location.hash;
  return h.startsWith('#') ? h.slice(1) : h;
}

/**
 * Keeps the store and the URL hash in step: reads the hash now and on every
 * `hashchange`, and writes it with a throttled `history.replaceState` (which
 * adds no history entry and fires no `hashchange`, so it cannot loop).
 * Returns a stop function (also usable as a React effect cleanup).
 */
export function startUrlSync(
  store: ToyStoreApi,
  env: UrlSyncEnv = window as unknown as UrlSyncEnv,
  { throttleMs = 200 }: UrlSyncOptions = {},
): StopUrlSync {
  let timer: unknown = null;

  const write = () => {
    timer = null;
    const next = encode(selectToyState(store.getState()));
    if (next !== currentHash(env)) env.history.replaceState(null, '', `#${next}`);
  };

  const readHash = () => {
    if (timer !== null) {
      // A link opened now wins over an edit still waiting to be written.
      env.clearTimeout(timer);
      timer = null;
    }
    const hash = currentHash(env);
    const { state, ignored } = decode(hash);
    const s = store.getState();
    if (encode(state) !== encode(selectToyState(s))) s.replaceAll(state);
    if (ignored.length > 0) {
      store.getState().pushNotice(describeIgnored(ignored));
      // Rewrite the mangled hash in its canonical form.
      schedule();
    }
  };

  const schedule = () => {
    if (timer === null) timer = env.setTimeout(write, throttleMs);
  };

  readHash();
  let last = encode(selectToyState(store.getState()));
  const unsubscribe = store.subscribe((s) => {
    const next = encode(selectToyState(s));
    if (next === last) return; // notices and other non-link changes
    last = next;
    schedule();
  });
  env.addEventListener('hashchange', readHash);

  const stop = () => {
    unsubscribe();
    env.removeEventListener('hashchange', readHash);
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
  };
  const flush = () => {
    if (timer !== null) {
      env.clearTimeout(timer);
      write();
    }
  };
  return Object.assign(stop, { flush });
}
