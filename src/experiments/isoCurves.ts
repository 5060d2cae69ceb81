/**
 * Curves through points of about equal value of a third quantity, as in the
 * CDP paper's Fig. 3 ("curves to connect the points with approximately the
 * same C"). The points are grouped by that quantity with a divisive 1-D
 * clustering: start from one group holding every point and split a group at
 * its largest gap between consecutive values until no group spans more than
 * the tolerance. Well-separated levels therefore fall apart first, and a
 * level is never cut inside unless it is wider than the tolerance. Each group
 * of two or more points becomes a curve, its points ordered along the plot's
 * horizontal axis.
 */

export interface IsoInput {
  /** The quantity held about equal along a curve (C for the P-D plot). */
  readonly level: number;
  readonly x: number;
  readonly y: number;
}

export interface IsoCurve {
  /** Mean level of the curve's points. */
  readonly level: number;
  readonly min: number;
  readonly max: number;
  /** Indices into the input, ordered by x (ties by y). */
  readonly indices: readonly number[];
}

export interface IsoOptions {
  /** Widest span of levels one curve may join. Default: `fraction` of the full span. */
  readonly tolerance?: number;
  /** Used when tolerance is not given; default 0.25. */
  readonly fraction?: number;
}

export const DEFAULT_ISO_FRACTION = 0.25;

/** Groups of indices with about equal level (each sorted by level), lowest levels first. */
export function groupByLevel(levels: readonly number[], tolerance: number): number[][] {
  const idx = levels.map((_, i) => i).filter((i) => Number.isFinite(levels[i]));
  idx.sort((a, b) => levels[a] - levels[b] || a - b);
  if (idx.length === 0) return [];
  const out: number[][] = [];
  const split = (g: number[]) => {
    const span = levels[g[g.length - 1]] - levels[g[0]];
    if (g.length < 2 || span <= tolerance) {
      out.push(g);
      return;
    }
    let cut = 1;
    let widest = -Infinity;
    for (let k = 1; k < g.length; k++) {
      const gap = levels[g[k]] - levels[g[k - 1]];
      // The first of equal gaps: the split is deterministic.
      if (gap > widest) {
        widest = gap;
        cut = k;
      }
    }
    split(g.slice(0, cut));
    split(g.slice(cut));
  };
  split(idx);
  return out;
}

export function isoCurves(points: readonly IsoInput[], opts: IsoOptions = {}): IsoCurve[] {
  const usable = points.map((p, i) => (Number.isFinite(p.level) && Number.isFinite(p.x) && Number.isFinite(p.y) ? i : -1));
  const levels = points.map((p, i) => (usable[i] >= 0 ? p.level : NaN));
  const finiteLevels = levels.filter(Number.isFinite);
  if (finiteLevels.length < 2) return [];
  const span = Math.max(...finiteLevels) - Math.min(...finiteLevels);
  const tolerance = opts.tolerance ?? span * (opts.fraction ?? DEFAULT_ISO_FRACTION);
  const curves: IsoCurve[] = [];
  for (const g of groupByLevel(levels, tolerance)) {
    if (g.length < 2) continue;
    const indices = [...g].sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y || a - b);
    const ls = g.map((i) => points[i].level);
    curves.push({
      level: ls.reduce((s, v) => s + v, 0) / ls.length,
      min: Math.min(...ls),
      max: Math.max(...ls),
      indices,
    });
  }
  return curves;
}
