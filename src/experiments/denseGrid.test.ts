import { describe, expect, it } from 'vitest';
import type { ConditionRanges } from '../models/conditioning';
import { ratioFeature } from '../models/conditioning';
import { denseGridOf, readDense, type DenseGrid } from './denseGrid';
import { fakeBundle } from './fixtures';

const ranges: ConditionRanges = { beta: { lo: 1e-3, hi: 1, pZero: 0.1 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.1 } };
const betas = [0, 0.01, 0.1, 1];
const gammas = [0, 0.01, 1, 2];
// D rises with gamma, P falls with beta, C falls with gamma: monotone along each axis.
const cell = (i: number, j: number) => ({ D: 0.03 + 0.002 * j + 0.001 * i, P: 3 - 0.5 * i + 0.1 * j, C: 0.3 - 0.01 * j, Dse: 0.001, Pse: 0.1, Cse: 0.01 });
const grid: DenseGrid = { betas, gammas, ranges, cells: betas.map((_, i) => gammas.map((__, j) => cell(i, j))) };

describe('dense grid readout', () => {
  it('is exact on every grid point', () => {
    betas.forEach((beta, i) =>
      gammas.forEach((gamma, j) => {
        const r = readDense(grid, { beta, gamma })!;
        expect(r.kind).toBe('exact');
        expect(r.value).toEqual(cell(i, j));
      }),
    );
  });

  it('interpolates bilinearly in the model’s feature coordinates, and says between which points', () => {
    // Halfway in feature space between beta 0.01 and 0.1, at gamma 1.
    const f = (ratioFeature(0.01, ranges.beta) + ratioFeature(0.1, ranges.beta)) / 2;
    const eps = ranges.beta.lo / 2;
    const a = Math.log(eps);
    const b = Math.log(ranges.beta.hi + eps);
    const beta = Math.exp(a + ((f + 1) / 2) * (b - a)) - eps;
    const r = readDense(grid, { beta, gamma: 1 })!;
    expect(r.kind).toBe('interpolated');
    expect(r.value.P!).toBeCloseTo((cell(1, 2).P + cell(2, 2).P) / 2, 9);
    expect(r.kind === 'interpolated' && r.between).toEqual([
      { beta: 0.01, gamma: 1 },
      { beta: 0.1, gamma: 1 },
    ]);
  });

  it('is monotone along each axis where the grid is (fine sweep)', () => {
    for (const gamma of [0, 0.003, 0.5, 1.7]) {
      let last = Infinity;
      for (let k = 0; k <= 400; k++) {
        const beta = k === 0 ? 0 : 1e-3 * 1000 ** (k / 400);
        const p = readDense(grid, { beta, gamma })!.value.P!;
        expect(p).toBeLessThanOrEqual(last + 1e-12);
        last = p;
      }
    }
    for (const beta of [0, 0.05, 1]) {
      let last = -Infinity;
      for (let k = 0; k <= 400; k++) {
        const gamma = k === 0 ? 0 : 1e-3 * 2000 ** (k / 400);
        const d = readDense(grid, { beta, gamma })!.value.D;
        expect(d).toBeGreaterThanOrEqual(last - 1e-12);
        last = d;
      }
    }
  });

  it('with cells not yet evaluated, falls back to the nearest evaluated point; none at all gives null', () => {
    const partial: DenseGrid = { ...grid, cells: grid.cells.map((row, i) => row.map((c, j) => (i === 0 && j === 0 ? c : null))) };
    const r = readDense(partial, { beta: 0.5, gamma: 1.5 })!;
    expect(r.kind).toBe('nearest');
    expect(r.kind === 'nearest' && r.at).toEqual({ beta: 0, gamma: 0 });
    expect(readDense({ ...grid, cells: grid.cells.map((row) => row.map(() => null)) }, { beta: 0, gamma: 0 })).toBeNull();
  });

  it('a one-gamma grid (Exp-2) reads along beta alone', () => {
    const line: DenseGrid = { betas, gammas: [0.5], ranges, cells: betas.map((_, i) => [cell(i, 0)]) };
    expect(readDense(line, { beta: 0.1, gamma: 0.5 })!.kind).toBe('exact');
    const r = readDense(line, { beta: 0.05, gamma: 0.5 })!;
    expect(r.kind).toBe('interpolated');
    expect(r.outside).toBe(false);
    // Off the grid's only gamma: the edge's value, and said to be outside.
    expect(readDense(line, { beta: 0.1, gamma: 1 })!.outside).toBe(true);
    expect(r.value.P!).toBeLessThan(cell(1, 0).P);
    expect(r.value.P!).toBeGreaterThan(cell(2, 0).P);
  });

  it('reads a bundle’s points into cells and refuses alpha other than 1', () => {
    const b = fakeBundle({});
    const list = { ...b, experiment: { ...b.experiment, config: { ...b.experiment.config, weights: { kind: 'list' as const, points: b.points.map((p) => ({ ...p.weights, alpha: 1 })) } } }, points: b.points.map((p) => ({ ...p, weights: { ...p.weights, alpha: 1 } })) };
    const g = denseGridOf(list, ranges);
    expect(g.betas.length * g.gammas.length).toBeGreaterThanOrEqual(new Set(list.points.map((p) => `${p.weights.beta},${p.weights.gamma}`)).size);
    expect(() => denseGridOf({ ...list, points: list.points.map((p) => ({ ...p, weights: { ...p.weights, alpha: 0.5 } })) }, ranges)).toThrow(/alpha = 1/);
  });
});
