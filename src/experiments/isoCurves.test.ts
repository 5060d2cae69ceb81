import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupByLevel, isoCurves, type IsoInput } from './isoCurves';

describe('groupByLevel', () => {
  it('separates well-separated levels and keeps each level whole', () => {
    const levels = [0.151, 0.062, 0.148, 0.09, 0.06, 0.155, 0.088, 0.065, 0.092];
    const groups = groupByLevel(levels, 0.02);
    expect(groups.map((g) => g.map((i) => levels[i]))).toEqual([
      [0.06, 0.062, 0.065],
      [0.088, 0.09, 0.092],
      [0.148, 0.151, 0.155],
    ]);
  });

  it('cuts a level wider than the tolerance at its largest gap first', () => {
    // One run from 0 to 1.0 with its biggest hole between 0.3 and 0.7.
    const levels = [0, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 1.0];
    expect(groupByLevel(levels, 0.35)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('every group spans at most the tolerance, groups are ordered and disjoint, nothing is lost (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (levels, tol) => {
        const groups = groupByLevel(levels, tol);
        expect(groups.flat().sort((a, b) => a - b)).toEqual(levels.map((_, i) => i));
        let prevMax = -Infinity;
        for (const g of groups) {
          const vs = g.map((i) => levels[i]);
          const lo = Math.min(...vs);
          const hi = Math.max(...vs);
          expect(hi - lo).toBeLessThanOrEqual(tol);
          expect(lo).toBeGreaterThanOrEqual(prevMax);
          prevMax = hi;
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('isoCurves', () => {
  it('draws one curve per C level through the P-D points, ordered by D, dropping lone points', () => {
    // Three C levels with a P-D tradeoff each, plus one lone point at C = 0.3.
    const pts: IsoInput[] = [
      { level: 0.1, x: 0.05, y: 2 },
      { level: 0.101, x: 0.03, y: 5 },
      { level: 0.099, x: 0.08, y: 1 },
      { level: 0.05, x: 0.06, y: 4 },
      { level: 0.051, x: 0.09, y: 2.5 },
      { level: 0.2, x: 0.02, y: 8 },
      { level: 0.201, x: 0.04, y: 6 },
      { level: 0.3, x: 0.01, y: 9 },
    ];
    const curves = isoCurves(pts, { tolerance: 0.01 });
    expect(curves.map((c) => c.indices)).toEqual([
      [3, 4],
      [1, 0, 2],
      [5, 6],
    ]);
    expect(curves[1].level).toBeCloseTo(0.1, 12);
    expect([curves[1].min, curves[1].max]).toEqual([0.099, 0.101]);
  });

  it('ignores points with a non-finite coordinate and needs two points', () => {
    expect(isoCurves([{ level: 1, x: 0, y: 0 }])).toEqual([]);
    const c = isoCurves([
      { level: 1, x: 0, y: NaN },
      { level: 1, x: 1, y: 1 },
      { level: 1, x: 2, y: 2 },
    ]);
    expect(c.map((k) => k.indices)).toEqual([[1, 2]]);
  });

  it('default tolerance is a quarter of the level span', () => {
    const pts = [0, 0.2, 0.5, 0.7, 1].map((level, i) => ({ level, x: i, y: 0 }));
    // Span 1, tolerance 0.25: cut at the first widest gap (0.2 to 0.5), then
    // {0.5, 0.7, 1} at 0.7 to 1: {0, 0.2} and {0.5, 0.7}; 1 is alone.
    expect(isoCurves(pts).map((c) => c.indices)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});
