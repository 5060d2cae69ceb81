import { describe, expect, it } from 'vitest';
import { base64ToBytes } from '../base64';
import { ThumbnailsSchema } from '../records';
import { HistoryRecorder, TrailRecorder } from './history';
import { toThumbnails } from './thumbnails';

describe('HistoryRecorder', () => {
  it('keeps everything while it fits', () => {
    const h = new HistoryRecorder(10);
    for (let i = 1; i <= 10; i++) h.add(i, { total: i / 10 });
    expect(h.snapshot().iteration).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('thins evenly when full: every 2^k-th report, first one kept, never above the bound', () => {
    const h = new HistoryRecorder(100);
    for (let i = 1; i <= 1000; i++) h.add(i * 5, { total: 1 / i });
    const s = h.snapshot();
    expect(s.iteration.length).toBeLessThanOrEqual(100);
    expect(s.iteration[0]).toBe(5);
    // 1000 reports into 100 slots: stride 16, so reports 1, 17, 33, ... (iterations 5, 85, 165, ...).
    const gaps = new Set(s.iteration.slice(1).map((x, i) => x - s.iteration[i]));
    expect([...gaps]).toEqual([80]);
    expect(s.series.total.length).toBe(s.iteration.length);
    expect(s.series.total[1]).toBeCloseTo(1 / 17, 15);
  });

  it('aligns series that start late or skip, stores non-finite as null, ignores bad names and replays', () => {
    const h = new HistoryRecorder();
    h.add(1, { total: 1 });
    h.add(2, { total: NaN, gp: 3 });
    h.add(2, { total: 9 });
    h.add(3, { 'bad name': 1, mse: 0.5 });
    expect(h.snapshot()).toEqual({
      iteration: [1, 2, 3],
      series: { total: [1, null, null], gp: [null, 3, null], mse: [null, null, 0.5] },
    });
  });
});

describe('TrailRecorder', () => {
  it('keeps the latest evaluation when thinning and records missing P as null', () => {
    const t = new TrailRecorder(4);
    for (let i = 1; i <= 9; i++) t.add({ iteration: i, D: i, P: i === 9 ? NaN : i, C: 0.1 });
    const s = t.snapshot();
    expect(s.length).toBeLessThanOrEqual(5);
    expect(s[s.length - 1]).toEqual({ iteration: 9, D: 9, P: null, C: 0.1 });
    expect(s[0].iteration).toBe(1);
  });
});

describe('toThumbnails', () => {
  it('quantizes [0, 1] floats to bytes, clipping noisy inputs, and passes the schema', () => {
    const grid = { count: 1, height: 1, width: 4, channels: 1, clean: [0, 0.5, 1, 0.2], degraded: [-0.7, 1.8, NaN, 0.5], restored: [0.001, 0.999, 0.5, 0.25] };
    const t = toThumbnails(grid);
    expect(ThumbnailsSchema.safeParse(t).success).toBe(true);
    expect([...base64ToBytes(t.clean)]).toEqual([0, 128, 255, 51]);
    expect([...base64ToBytes(t.degraded)]).toEqual([0, 255, 0, 128]);
    expect([...base64ToBytes(t.restored)]).toEqual([0, 255, 128, 64]);
  });
});
