import { describe, expect, it } from 'vitest';
import { column, gapGrid, sliceIndices, transpose } from './series';

describe('exact-section series helpers', () => {
  it('gap is C_lin - C_exact where both exist, and marks cells only the LP reaches', () => {
    const exact = [
      [null, 0.3, 0.2],
      [0.25, 0.2, 0.2],
    ];
    const linear = [
      [null, null, 0.25],
      [null, 0.2, 0.2 - 1e-12],
    ];
    const g = gapGrid(exact, linear);
    expect(g.gap).toEqual([
      [null, null, 0.25 - 0.2],
      [null, 0, 0],
    ]);
    expect(g.onlyExact).toEqual([
      [null, 1, null],
      [1, null, null],
    ]);
    expect(g.max).toEqual({ value: 0.25 - 0.2, i: 0, j: 2 });
  });

  it('slices, columns and transposes', () => {
    expect(sliceIndices(15, 4)).toEqual([0, 5, 9, 14]);
    expect(sliceIndices(15, 4, 1)).toEqual([1, 5, 10, 14]);
    expect(sliceIndices(2, 4)).toEqual([0, 1]);
    const grid = [
      [1, undefined],
      [null, 4],
    ];
    expect(column(grid, 1)).toEqual([null, 4]);
    expect(transpose(grid)).toEqual([
      [1, null],
      [null, 4],
    ]);
  });
});
