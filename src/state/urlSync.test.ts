import { describe, expect, it } from 'vitest';
import { encode } from './permalink';
import { DEFAULT_TOY_STATE } from './schema';
import { createToyStore } from './toyStore';
import { startUrlSync, type UrlSyncEnv } from './urlSync';

/** A window stand-in with a manual clock: replaceState changes the hash without firing hashchange, as browsers do. */
function fakeWindow(hash = '') {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const listeners = new Set<() => void>();
  const writes: string[] = [];
  const env: UrlSyncEnv = {
    location: { hash },
    history: {
      replaceState(_d, _u, url) {
        writes.push(String(url));
        env.location.hash = String(url);
      },
    },
    addEventListener: (_t, fn) => listeners.add(fn),
    removeEventListener: (_t, fn) => listeners.delete(fn),
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => timers.delete(id as number),
  };
  return {
    env,
    writes,
    listeners,
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((x, y) => x[1].at - y[1].at)) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    navigate(h: string) {
      env.location.hash = h;
      for (const fn of listeners) fn();
    },
  };
}

describe('URL sync', () => {
  it('reads the hash on start and leaves an empty hash alone', () => {
    const w = fakeWindow('#v=1&p1=0.25&div=tv');
    const store = createToyStore();
    startUrlSync(store, w.env);
    expect(store.getState().p1).toBe(0.25);
    expect(store.getState().div).toBe('tv');
    expect(store.getState().notices).toEqual([]);
    w.advance(1000);
    expect(w.writes).toEqual([]);

    const empty = fakeWindow('');
    startUrlSync(createToyStore(), empty.env);
    empty.advance(1000);
    expect(empty.writes).toEqual([]);
  });

  it('throttles writes while a slider moves: one trailing replaceState with the latest state', () => {
    const w = fakeWindow('');
    const store = createToyStore();
    startUrlSync(store, w.env, { throttleMs: 200 });
    for (let i = 1; i <= 50; i++) {
      store.getState().set('a', i / 100);
      w.advance(10);
    }
    // 500 ms of dragging at 100 Hz: a write per 200 ms window, not 50.
    expect(w.writes.length).toBeLessThanOrEqual(3);
    w.advance(200);
    expect(w.env.location.hash).toBe(`#${encode({ ...DEFAULT_TOY_STATE, a: 0.5 })}`);
    const before = w.writes.length;
    store.getState().pushNotice('not in the link');
    w.advance(1000);
    expect(w.writes.length).toBe(before);
  });

  it('applies hashchange, reports what a mangled link ignored and rewrites it canonically', () => {
    const w = fakeWindow('');
    const store = createToyStore();
    startUrlSync(store, w.env);
    w.navigate('#v=1&p1=7&bogus=1&mu2=0.5');
    expect(store.getState().p1).toBe(0.99);
    expect(store.getState().mu2).toBe(0.5);
    expect(store.getState().notices).toHaveLength(1);
    expect(store.getState().notices[0]).toContain('p1: out of range');
    expect(store.getState().notices[0]).toContain('bogus: unknown key');
    w.advance(200);
    expect(w.env.location.hash).toBe(`#${encode({ ...DEFAULT_TOY_STATE, p1: 0.99, mu2: 0.5 })}`);
    expect(w.writes).toHaveLength(1);
    // Its own write fired no hashchange, so nothing more happens.
    w.advance(1000);
    expect(w.writes).toHaveLength(1);
  });

  it('a link opened mid-drag wins over the pending write', () => {
    const w = fakeWindow('');
    const store = createToyStore();
    startUrlSync(store, w.env);
    store.getState().set('a', -1);
    w.navigate('#v=1&a=1.5');
    w.advance(500);
    expect(store.getState().a).toBe(1.5);
    // The partial link is completed to its canonical form; a = -1 is never written.
    expect(w.writes).toEqual([`#${encode({ ...DEFAULT_TOY_STATE, a: 1.5 })}`]);
    expect(store.getState().notices).toEqual([]);
  });

  it('stop() removes the listener and cancels pending writes; flush() writes now', () => {
    const w = fakeWindow('');
    const store = createToyStore();
    const stop = startUrlSync(store, w.env);
    store.getState().set('D', 2);
    stop.flush();
    expect(w.writes).toHaveLength(1);
    store.getState().set('D', 3);
    stop();
    w.advance(1000);
    expect(w.writes).toHaveLength(1);
    expect(w.listeners.size).toBe(0);
  });
});
