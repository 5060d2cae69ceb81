import { describe, expect, it } from 'vitest';
import { attribute, frameGaps, quantile, timeToFinal, within } from './dragStats';

describe('bench:drag arithmetic', () => {
  it('quantile is nearest-rank and NaN without samples', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 1)).toBe(5);
    expect(quantile([10, 20], 0.95)).toBe(20);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('frame gaps count frames inside the window, the first one from the frame before it', () => {
    const frames = [0, 16, 33, 150, 166, 400];
    expect(frameGaps(frames, 20, 170)).toEqual([17, 117, 16]);
    expect(frameGaps(frames, 500, 600)).toEqual([]);
    expect(frameGaps([100], 0, 200)).toEqual([]);
  });

  it('within keeps the spans that start in the window', () => {
    const spans = [
      { start: 5, duration: 100 },
      { start: 50, duration: 1 },
      { start: 200, duration: 1 },
    ];
    expect(within(spans, 10, 100)).toEqual([{ start: 50, duration: 1 }]);
  });

  it('a long task goes to the measure that overlaps it most, else to other', () => {
    const tasks = [
      { start: 100, duration: 120 },
      { start: 400, duration: 60 },
      { start: 1000, duration: 80 },
    ];
    const measures = [
      { name: 'plot:densities', start: 95, duration: 20 },
      { name: 'plot:surface-contour', start: 120, duration: 90 },
      { name: 'plot:profiles-d', start: 455, duration: 30 },
      { name: 'plot:profiles-p', start: 2000, duration: 30 },
    ];
    expect(attribute(tasks, measures)).toEqual(['plot:surface-contour', 'plot:profiles-d', 'other']);
  });

  it('time to final: from release to the start of the trailing run of the final digest', () => {
    const revs = [
      { t: 10, digest: 'a' },
      { t: 50, digest: 'b' },
      { t: 120, digest: 'c' },
      { t: 300, digest: 'c' },
    ];
    expect(timeToFinal(revs, 100)).toBe(20);
    // Showed the final picture before the release: nothing to wait for.
    expect(timeToFinal(revs, 200)).toBe(0);
    // A picture that came back later only counts from its last arrival.
    expect(timeToFinal([...revs, { t: 400, digest: 'b' }, { t: 700, digest: 'c' }], 100)).toBe(600);
    expect(timeToFinal([], 100)).toBe(0);
  });
});
