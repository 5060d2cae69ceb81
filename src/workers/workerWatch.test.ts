import { describe, expect, it } from 'vitest';
import { silentMessage, watchWorker, WORKER_DIED } from './workerWatch';

function clock() {
  let t = 0;
  let tick: (() => void) | null = null;
  return {
    now: () => t,
    setInterval: (f: () => void) => {
      tick = f;
      return 1;
    },
    clearInterval: () => {
      tick = null;
    },
    /** Advances by `ms` in 1 s heartbeats, letting promises settle between them. */
    async advance(ms: number) {
      for (let i = 0; i < ms / 1000; i++) {
        t += 1000;
        tick?.();
        await new Promise((r) => setTimeout(r, 0));
      }
    },
    get running() {
      return tick !== null;
    },
  };
}

async function settled<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 5))]);
}

describe('watchWorker', () => {
  it('a worker whose life lock frees is lost at once, however busy', async () => {
    const c = clock();
    let free: () => void = () => {};
    const gone = new Promise<void>((r) => (free = r));
    const w = watchWorker({ ping: () => new Promise(() => {}), gone, silentMs: 20_000, ...c });
    expect(await settled(w.lost)).toBe('pending');
    free();
    expect(await w.lost).toBe(WORKER_DIED);
    expect(c.running).toBe(false);
  });

  it('a worker that answers pings is never lost; one that stops answering is, after the silence allowed', async () => {
    const c = clock();
    let answering = true;
    const w = watchWorker({ ping: () => (answering ? Promise.resolve(true) : new Promise(() => {})), gone: null, silentMs: 5000, ...c });
    await c.advance(30_000);
    expect(await settled(w.lost)).toBe('pending');
    answering = false;
    await c.advance(4000);
    expect(await settled(w.lost)).toBe('pending');
    await c.advance(3000);
    expect(await w.lost).toBe(silentMessage(5000));
  });

  it('progress counts as an answer while pings wait behind a long step', async () => {
    const c = clock();
    const w = watchWorker({ ping: () => new Promise(() => {}), gone: null, silentMs: 5000, ...c });
    for (let i = 0; i < 10; i++) {
      await c.advance(3000);
      w.alive();
    }
    expect(await settled(w.lost)).toBe('pending');
  });

  it('stopped on purpose (terminated by its owner): never reported lost', async () => {
    const c = clock();
    let free: () => void = () => {};
    const w = watchWorker({ ping: () => new Promise(() => {}), gone: new Promise<void>((r) => (free = r)), silentMs: 2000, ...c });
    w.stop();
    free();
    await c.advance(10_000);
    expect(await settled(w.lost)).toBe('pending');
  });
});
