/**
 * One animation-frame queue for every plot's redraw. Each frame runs queued
 * draws in request order until `budgetMs` is spent (at least one runs), and
 * leaves the rest for the next frame: when a slider move touches six plots,
 * their redraws spread over frames instead of piling into one long task, and
 * input events get handled in between. A key queued again before it ran
 * keeps its place and runs its newest draw.
 */
export interface DrawQueue {
  request(key: string, draw: () => void): void;
  cancel(key: string): void;
  readonly size: number;
}

export function createDrawQueue(
  budgetMs = 12,
  raf: (cb: () => void) => unknown = (cb) => requestAnimationFrame(cb),
  now: () => number = () => performance.now(),
): DrawQueue {
  const queue = new Map<string, () => void>();
  let scheduled = false;

  const run = () => {
    scheduled = false;
    const start = now();
    for (const [key, draw] of queue) {
      queue.delete(key);
      try {
        draw();
      } catch (e) {
        // One broken plot must not stall the others.
        console.error(e);
      }
      if (now() - start >= budgetMs) break;
    }
    if (queue.size > 0) schedule();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    raf(run);
  };

  return {
    request(key, draw) {
      queue.set(key, draw);
      schedule();
    },
    cancel(key) {
      queue.delete(key);
    },
    get size() {
      return queue.size;
    },
  };
}

/** The app's shared queue. */
export const drawQueue: DrawQueue = typeof window === 'undefined' ? createDrawQueue(12, () => 0) : createDrawQueue();
