import { describe, expect, it } from 'vitest';
import { createDrawQueue } from './drawQueue';

/** A fake clock and frame source: each draw advances time by its cost. */
function harness(budget: number) {
  let t = 0;
  const frames: (() => void)[] = [];
  const q = createDrawQueue(budget, (cb) => frames.push(cb), () => t);
  const log: string[] = [];
  const draw = (name: string, cost: number) => () => {
    t += cost;
    log.push(name);
  };
  const frame = () => {
    const f = frames.shift();
    if (f) f();
  };
  return { q, log, draw, frame, pendingFrames: () => frames.length };
}

describe('draw queue', () => {
  it('spreads draws over frames within the budget, at least one per frame', () => {
    const h = harness(12);
    h.q.request('a', h.draw('a', 5));
    h.q.request('b', h.draw('b', 5));
    h.q.request('c', h.draw('c', 30));
    h.q.request('d', h.draw('d', 5));
    expect(h.pendingFrames()).toBe(1);
    h.frame();
    // a (5) + b (10) < 12, c pushes to 40 >= 12: stop; d waits.
    expect(h.log).toEqual(['a', 'b', 'c']);
    h.frame();
    expect(h.log).toEqual(['a', 'b', 'c', 'd']);
    expect(h.pendingFrames()).toBe(0);
  });

  it('runs only the newest draw of a key, in the place of its first request', () => {
    const h = harness(100);
    h.q.request('a', h.draw('a1', 1));
    h.q.request('b', h.draw('b', 1));
    h.q.request('a', h.draw('a2', 1));
    h.frame();
    expect(h.log).toEqual(['a2', 'b']);
  });

  it('a throwing draw does not stop the others', () => {
    const h = harness(100);
    const orig = console.error;
    console.error = () => {};
    h.q.request('bad', () => {
      throw new Error('boom');
    });
    h.q.request('good', h.draw('good', 1));
    h.frame();
    console.error = orig;
    expect(h.log).toEqual(['good']);
  });

  it('cancel removes a queued draw', () => {
    const h = harness(100);
    h.q.request('a', h.draw('a', 1));
    h.q.cancel('a');
    h.frame();
    expect(h.log).toEqual([]);
  });
});
