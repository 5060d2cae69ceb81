import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWeights, pointCount, rangeValues, weightsKey } from './weights';

describe('weight ranges', () => {
  it('include both ends and are evenly spaced', () => {
    expect(rangeValues({ from: 0.5, to: 1, steps: 6 })).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(rangeValues({ from: 0, to: 0.02, steps: 3 })).toEqual([0, 0.01, 0.02]);
    expect(rangeValues({ from: 0, to: 0.1, steps: 6 })).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  });

  it('with one step are the start value alone', () => {
    expect(rangeValues({ from: 0.3, to: 9, steps: 1 })).toEqual([0.3]);
  });

  it('have `steps` increasing values within [from, to], ends exact, spacing equal to a millionth of a step (property)', () => {
    fc.assert(
      fc.property(
        // What a weight box accepts: up to 6 decimals in [0, 100].
        fc.integer({ min: 0, max: 100_000_000 }).map((k) => k / 1e6),
        fc.integer({ min: 0, max: 100_000_000 }).map((k) => k / 1e6),
        fc.integer({ min: 2, max: 64 }),
        (a, b, steps) => {
          const [from, to] = a <= b ? [a, b] : [b, a];
          const v = rangeValues({ from, to, steps });
          expect(v.length).toBe(steps);
          expect(Math.abs(v[0] - from)).toBeLessThanOrEqual(1e-6 * (to - from) / (steps - 1));
          expect(v[steps - 1]).toBe(to);
          const h = (to - from) / (steps - 1);
          for (let i = 1; i < steps; i++) {
            expect(v[i]).toBeGreaterThanOrEqual(v[i - 1]);
            expect(Math.abs(v[i] - v[i - 1] - h)).toBeLessThanOrEqual(2e-6 * h + 1e-14 * to);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('expandWeights', () => {
  it('runs alpha outermost and gamma innermost, one point per grid cell', () => {
    const pts = expandWeights({
      kind: 'grid',
      alpha: { from: 1, to: 1, steps: 1 },
      beta: { from: 0, to: 1, steps: 2 },
      gamma: { from: 0, to: 0.5, steps: 3 },
    });
    expect(pts.map((p) => [p.alpha, p.beta, p.gamma])).toEqual([
      [1, 0, 0],
      [1, 0, 0.25],
      [1, 0, 0.5],
      [1, 1, 0],
      [1, 1, 0.25],
      [1, 1, 0.5],
    ]);
  });

  it('keeps a list as given, and pointCount agrees without expanding', () => {
    const list = { kind: 'list' as const, points: [{ alpha: 1, beta: 2, gamma: 3 }, { alpha: 0, beta: 0, gamma: 0 }] };
    expect(expandWeights(list)).toEqual(list.points);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (a, b, g) => {
        const grid = { kind: 'grid' as const, alpha: { from: 0, to: 1, steps: a }, beta: { from: 0, to: 1, steps: b }, gamma: { from: 0, to: 1, steps: g } };
        const pts = expandWeights(grid);
        expect(pts.length).toBe(pointCount(grid));
        expect(new Set(pts.map(weightsKey)).size).toBe(pts.length);
      }),
    );
  });
});
