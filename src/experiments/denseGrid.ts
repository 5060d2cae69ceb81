import { ratioFeature, type ConditionRanges, type LossRatios } from '../models/conditioning';
import type { ExperimentBundle } from './records';

/**
 * A conditional model's dense grid as a lookup table over
 * (beta/alpha, gamma/alpha), and the readout for any slider position:
 * bilinear between the four surrounding grid points in the model's own
 * feature coordinates (log-like, so the decades weigh alike), exact on grid
 * points, and monotone along an axis wherever the grid is. A cell the
 * background evaluation has not reached yet is skipped: the readout then
 * comes from the nearest evaluated point and says so.
 */

export interface DenseValue {
  readonly D: number;
  readonly P: number | null;
  readonly C: number;
  readonly Dse: number | null;
  readonly Pse: number | null;
  readonly Cse: number | null;
}

export interface DenseGrid {
  readonly betas: readonly number[];
  readonly gammas: readonly number[];
  /** cells[i][j] at betas[i], gammas[j]; null until evaluated. */
  readonly cells: readonly (readonly (DenseValue | null)[])[];
  readonly ranges: ConditionRanges;
}

export type DenseReadout = (
  | { readonly kind: 'exact'; readonly value: DenseValue; readonly at: LossRatios }
  | { readonly kind: 'interpolated'; readonly value: DenseValue; readonly between: readonly LossRatios[] }
  | { readonly kind: 'nearest'; readonly value: DenseValue; readonly at: LossRatios }
) & {
  /** The position lies beyond the grid on some axis (Exp-2's grid has one gamma): the value is the grid's edge. */
  readonly outside: boolean;
};

const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** The grid of a bundle whose points all have alpha = 1 and lie on a beta x gamma product. */
export function denseGridOf(b: ExperimentBundle, ranges: ConditionRanges): DenseGrid {
  const pts = b.points.filter((p) => p.status === 'done' && p.metrics);
  if (pts.some((p) => p.weights.alpha !== 1)) throw new Error('a dense grid has alpha = 1 at every point');
  const betas = sortedUnique(b.experiment.config.weights.kind === 'list' ? b.experiment.config.weights.points.map((w) => w.beta) : pts.map((p) => p.weights.beta));
  const gammas = sortedUnique(b.experiment.config.weights.kind === 'list' ? b.experiment.config.weights.points.map((w) => w.gamma) : pts.map((p) => p.weights.gamma));
  const cells: (DenseValue | null)[][] = betas.map(() => gammas.map(() => null));
  for (const p of pts) {
    const m = p.metrics!;
    cells[betas.indexOf(p.weights.beta)][gammas.indexOf(p.weights.gamma)] = { D: m.D, P: m.P, C: m.C, Dse: m.Dse ?? null, Pse: m.Pse ?? null, Cse: m.Cse ?? null };
  }
  return { betas, gammas, cells, ranges };
}

/** Index i with xs[i] <= x <= xs[i + 1] (clamped to the ends), and the fraction between them. */
function bracket(xs: readonly number[], x: number): { i: number; t: number } {
  if (xs.length === 1 || x <= xs[0]) return { i: 0, t: 0 };
  const last = xs.length - 1;
  if (x >= xs[last]) return { i: last - 1, t: 1 };
  let i = 0;
  while (xs[i + 1] < x) i++;
  return { i, t: (x - xs[i]) / (xs[i + 1] - xs[i]) };
}

const mix = (a: number | null, b: number | null, t: number): number | null => (a === null || b === null ? null : a + t * (b - a));

function lerp(a: DenseValue, b: DenseValue, t: number): DenseValue {
  return { D: a.D + t * (b.D - a.D), P: mix(a.P, b.P, t), C: a.C + t * (b.C - a.C), Dse: mix(a.Dse, b.Dse, t), Pse: mix(a.Pse, b.Pse, t), Cse: mix(a.Cse, b.Cse, t) };
}

export function readDense(g: DenseGrid, r: LossRatios): DenseReadout | null {
  const fb = g.betas.map((v) => ratioFeature(v, g.ranges.beta));
  const fg = g.gammas.map((v) => ratioFeature(v, g.ranges.gamma));
  const x = ratioFeature(r.beta, g.ranges.beta);
  const y = ratioFeature(r.gamma, g.ranges.gamma);
  const bi = bracket(fb, x);
  const gi = bracket(fg, y);
  const beyond = (fs: number[], v: number) => v < fs[0] - 1e-9 || v > fs[fs.length - 1] + 1e-9;
  const outside = beyond(fb, x) || beyond(fg, y);
  const onB = bi.t === 0 || bi.t === 1 || g.betas.length === 1;
  const onG = gi.t === 0 || gi.t === 1 || g.gammas.length === 1;
  const i0 = bi.i;
  const i1 = Math.min(bi.i + 1, g.betas.length - 1);
  const j0 = gi.i;
  const j1 = Math.min(gi.i + 1, g.gammas.length - 1);
  const c = (i: number, j: number) => g.cells[i][j];
  const corners = [c(i0, j0), c(i0, j1), c(i1, j0), c(i1, j1)];
  if (corners.every((v) => v !== null)) {
    const v = lerp(lerp(corners[0]!, corners[1]!, gi.t), lerp(corners[2]!, corners[3]!, gi.t), bi.t);
    const exactB = onB && g.betas[bi.t === 1 ? i1 : i0] === r.beta;
    const exactG = onG && g.gammas[gi.t === 1 ? j1 : j0] === r.gamma;
    if (exactB && exactG) return { kind: 'exact', value: v, at: { beta: g.betas[bi.t === 1 ? i1 : i0], gamma: g.gammas[gi.t === 1 ? j1 : j0] }, outside };
    // Only the corners that carry weight.
    const is = bi.t === 0 ? [i0] : bi.t === 1 ? [i1] : [i0, i1];
    const js = gi.t === 0 ? [j0] : gi.t === 1 ? [j1] : [j0, j1];
    const between = [...new Set(is.flatMap((i) => js.map((j) => `${i},${j}`)))].map((k) => {
      const [i, j] = k.split(',').map(Number);
      return { beta: g.betas[i], gamma: g.gammas[j] };
    });
    return { kind: 'interpolated', value: v, between, outside };
  }
  // Not all corners evaluated yet: the nearest evaluated point, in feature space.
  let best: { d: number; i: number; j: number } | null = null;
  g.cells.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!v) return;
      const d = (fb[i] - x) ** 2 + (fg[j] - y) ** 2;
      if (!best || d < best.d) best = { d, i, j };
    }),
  );
  if (!best) return null;
  const { i, j } = best;
  return { kind: 'nearest', value: g.cells[i][j]!, at: { beta: g.betas[i], gamma: g.gammas[j] }, outside };
}

/** Every evaluated cell with its weights, for the plots' dense family. */
export function denseCells(g: DenseGrid): { beta: number; gamma: number; value: DenseValue }[] {
  return g.betas.flatMap((beta, i) => g.gammas.flatMap((gamma, j) => (g.cells[i][j] ? [{ beta, gamma, value: g.cells[i][j]! }] : [])));
}
