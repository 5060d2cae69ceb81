import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBundle } from '../../../experiments/fixtures';
import type { ExperimentBundle } from '../../../experiments/records';
import type { ShippedConditional } from '../../../train/conditional/shipped';
import type { SampleGrid } from '../../../train/evaluate';
import type { SlideEngine } from './slideEngine';
import { registerSlideEngine, SAMPLE_COUNT, SETTLE_MS, useSlide } from './slideStore';

const ranges = { beta: { lo: 1e-3, hi: 1, pZero: 0.1 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.1 } };

function denseBundle(): ExperimentBundle {
  const b = fakeBundle({});
  const points = b.points.map((p) => ({ ...p, weights: { ...p.weights, alpha: 1 } }));
  return { experiment: { ...b.experiment, config: { ...b.experiment.config, weights: { kind: 'list', points: points.map((p) => p.weights) } } }, points };
}

/** A worker stand-in whose forward passes take `ms` and encode beta in the restored pixels. */
function fakeEngine(ms: number, calls: number[]): SlideEngine {
  const grid = (beta: number): SampleGrid => {
    const n = SAMPLE_COUNT * 4;
    return { count: SAMPLE_COUNT, height: 2, width: 2, channels: 1, clean: new Float32Array(n), degraded: new Float32Array(n), restored: new Float32Array(n).fill(beta) };
  };
  return {
    open: async () => ({ entry: { id: 'exp1', ranges } as unknown as ShippedConditional, dense: denseBundle() }),
    openOwn: async () => {},
    samples: (w) => {
      calls.push(w.beta);
      return new Promise((r) => setTimeout(() => r(grid(w.beta)), ms));
    },
    dc: async (w) => ({ D: 0.03 + w.beta / 100, C: 0.3 - w.gamma / 100, Cse: 0.01, n: 2000 }),
    dispose: () => {},
  };
}

afterEach(() => {
  useSlide.getState().close();
  vi.useRealTimers();
});

describe('slide store', () => {
  it('a drag faster than the worker: only the newest position runs next, and an older one is never shown after a newer one', async () => {
    const calls: number[] = [];
    registerSlideEngine(() => fakeEngine(30, calls));
    await useSlide.getState().open('exp1');
    const shown: number[] = [];
    const unsub = useSlide.subscribe((s) => {
      if (s.samples && shown.at(-1) !== s.samples.pos.beta) shown.push(s.samples.pos.beta);
    });
    for (let k = 1; k <= 20; k++) {
      useSlide.getState().move({ beta: k / 20 });
      await new Promise((r) => setTimeout(r, 3));
    }
    await new Promise((r) => setTimeout(r, 200));
    unsub();
    // Far fewer forward passes than moves, the last one at the final position.
    expect(calls.length).toBeLessThan(10);
    expect(calls.at(-1)).toBe(1);
    expect(useSlide.getState().samples!.pos.beta).toBe(1);
    for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeGreaterThan(shown[i - 1]);
    expect(useSlide.getState().dropped).toBeGreaterThan(0);
  });

  it('computes the exact D and C once the drag settles, for the final position only', async () => {
    registerSlideEngine(() => fakeEngine(1, []));
    await useSlide.getState().open('exp1');
    useSlide.getState().move({ beta: 0.5, gamma: 1 });
    expect(useSlide.getState().exact).toBeNull();
    await new Promise((r) => setTimeout(r, SETTLE_MS + 50));
    const e = useSlide.getState().exact!;
    expect(e.pos).toEqual({ alpha: 1, beta: 0.5, gamma: 1 });
    expect(e.D).toBeCloseTo(0.035, 10);
    useSlide.getState().move({ beta: 0.2 });
    expect(useSlide.getState().exact).toBeNull();
  });

  it('a model or grid that cannot load says why and stays usable for another try', async () => {
    registerSlideEngine(() => ({ ...fakeEngine(1, []), open: async () => Promise.reject(new Error('the dense grid of exp1 could not be loaded (HTTP 404)')) }));
    await useSlide.getState().open('exp1');
    expect(useSlide.getState().status).toBe('failed');
    expect(useSlide.getState().message).toMatch(/Slide mode is unavailable: the dense grid of exp1 could not be loaded \(HTTP 404\)/);
    useSlide.getState().close();
    registerSlideEngine(() => fakeEngine(1, []));
    await useSlide.getState().open('exp1', { beta: 0.3 });
    expect(useSlide.getState().status).toBe('ready');
    expect(useSlide.getState().pos.beta).toBe(0.3);
    expect(useSlide.getState().grid!.betas.length).toBeGreaterThan(0);
  });

  it('switches to your own model at the same position, and its grid grows as points are evaluated', async () => {
    const opened: string[] = [];
    registerSlideEngine(() => ({ ...fakeEngine(1, []), openOwn: async () => void opened.push('own') }));
    await useSlide.getState().open('exp1', { beta: 0.3 });
    expect(useSlide.getState().entry).not.toBeNull();
    const full = denseBundle();
    const partial: ExperimentBundle = { ...full, points: full.points.slice(0, 1) };
    const model = { json: {} as never, data: new ArrayBuffer(0) };
    await useSlide.getState().open('exp1', undefined, { kind: 'own', runId: 'own-1', model, dense: partial, iterations: 20, trainSeconds: 3 });
    const s = useSlide.getState();
    expect(opened).toEqual(['own']);
    expect(s.status).toBe('ready');
    expect(s.source.kind).toBe('own');
    expect(s.entry).toBeNull();
    expect(s.pos.beta).toBe(0.3);
    const cells = (g: typeof s.grid) => g!.cells.flat().filter((c) => c !== null).length;
    expect(cells(s.grid)).toBe(1);
    // Another run's points are not this model's.
    useSlide.getState().setDense('own-2', full);
    expect(cells(useSlide.getState().grid)).toBe(1);
    useSlide.getState().setDense('own-1', full);
    expect(cells(useSlide.getState().grid)).toBe(full.points.length);
    // Re-opening without a source keeps yours; back to the shipped model on request.
    await useSlide.getState().open('exp1', { beta: 0.5 });
    expect(useSlide.getState().source.kind).toBe('own');
    expect(useSlide.getState().pos.beta).toBe(0.5);
    await useSlide.getState().open('exp1', undefined, { kind: 'shipped' });
    expect(useSlide.getState().source.kind).toBe('shipped');
    expect(useSlide.getState().entry).not.toBeNull();
  });
});
