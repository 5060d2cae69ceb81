// The height of C_lin above its lower convex hull (hull.ts): the small simplex
// against HiGHS on the same LP, and what the hull means for weighted sums.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { loadHighs } from './lp/loadHighs';
import { HULL_TOL, hullGap, hullValue, paretoFilter, type HullPoints } from './hull';
import { createToyModel, defaultAxes } from './surface';
import { PAPER_TOY, type Divergence, type ToyParams } from './toy';
import { curveTable, weightedMinimizer } from './weighted';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** The same LP for HiGHS (tolerances tightened from its 1e-7 defaults, which move the value by ~1e-8). */
function highsHull(pts: HullPoints, D: number, P: number): number {
  const n = pts.d.length;
  const terms = (v: ArrayLike<number>) => Array.from({ length: n }, (_, k) => `${v[k] >= 0 ? '+' : '-'} ${Math.abs(v[k])} l${k}`).join(' ');
  const text = [
    'Minimize',
    ` obj: ${terms(pts.c)}`,
    'Subject To',
    ` d: ${terms(pts.d)} <= ${D}`,
    ` p: ${terms(pts.p)} <= ${P}`,
    ` s: ${terms(new Array(n).fill(1))} = 1`,
    'End',
  ].join('\n');
  const r = highs.solve(text, { output_flag: false, primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-10 });
  expect(r.Status).toBe('Optimal');
  return r.ObjectiveValue;
}

const NOISY: ToyParams = { ...PAPER_TOY, sigmaN: 2.5 };

function setup(params: ToyParams, div: Divergence, n = 41) {
  const model = createToyModel(params, div);
  const axes = defaultAxes(params, div, n);
  const surface = model.surface(axes.d, axes.p);
  return { model, axes, surface, gap: hullGap(params, div, axes.d, axes.p, surface) };
}

describe('hull LP: the small simplex against HiGHS', () => {
  it('random point sets and budgets', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let t = 0; t < 30; t++) {
      const n = 5 + Math.floor(rnd() * 60);
      const pts = { d: Array.from({ length: n }, rnd), p: Array.from({ length: n }, rnd), c: Array.from({ length: n }, rnd) };
      const start = { d: pts.d[0], p: pts.p[0], c: pts.c[0] };
      const D = start.d + rnd() * 0.5;
      const P = start.p + rnd() * 0.5;
      expect(hullValue(pts, start, D, P)).toBeCloseTo(highsHull(pts, D, P), 10);
    }
  });

  it('on the toy curve, at the cells of the surface', () => {
    for (const [params, div] of [[NOISY, 'w2'], [PAPER_TOY, 'kl']] as const) {
      const { model, axes, surface } = setup(params, div, 9);
      const t = curveTable(params, div);
      const keep = paretoFilter(t.d, t.p, t.c);
      for (let i = 0; i < axes.d.length; i++) {
        for (let j = 0; j < axes.p.length; j++) {
          const a = surface.a[i][j];
          if (a === null) continue;
          const start = { d: model.D(a), p: model.P(a), c: surface.c[i][j]! };
          const D = Math.max(axes.d[i], start.d);
          const P = Math.max(axes.p[j], start.p);
          const pts = { d: [...keep.map((k) => t.d[k]), start.d], p: [...keep.map((k) => t.p[k]), start.p], c: [...keep.map((k) => t.c[k]), start.c] };
          expect(hullValue(pts, start, D, P)).toBeCloseTo(highsHull(pts, D, P), 9);
        }
      }
    }
  });
});

describe('which surface points weighted sums reach', () => {
  it('the paper toy (KL): C_lin is its own convex hull, every point is reachable', () => {
    const { gap } = setup(PAPER_TOY, 'kl');
    expect(gap.above).toBe(0);
    expect(gap.max!.value).toBeLessThan(1e-9);
  });

  it('W2 at sigma_N = 2.5: part of the surface lies above the hull, by up to ~1e-3', () => {
    const { gap, axes, surface } = setup(NOISY, 'w2');
    expect(gap.above).toBeGreaterThan(50);
    expect(gap.max!.value).toBeGreaterThan(5e-4);
    expect(gap.max!.value).toBeLessThan(5e-3);
    // Heights are >= 0 and null exactly where C_lin is infeasible.
    for (let i = 0; i < axes.d.length; i++) {
      for (let j = 0; j < axes.p.length; j++) {
        expect(gap.gap[i][j] === null).toBe(surface.c[i][j] === null);
        if (gap.gap[i][j] !== null) expect(gap.gap[i][j]!).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('a weighted minimiser (all weights > 0) is a surface point on the hull', () => {
    for (const w of [{ alpha: 1, beta: 1, gamma: 10 }, { alpha: 0.2, beta: 1, gamma: 30 }, { alpha: 1, beta: 4, gamma: 60 }]) {
      const r = weightedMinimizer(NOISY, 'w2', w);
      const model = createToyModel(NOISY, 'w2');
      // The surface at the minimiser's own (D, P) is its C ...
      const pt = model.point(r.d + 1e-12, r.p + 1e-12);
      expect(pt.c!).toBeCloseTo(r.c, 9);
      // ... and nothing mixes below it there.
      const g = hullGap(NOISY, 'w2', [r.d + 1e-12], [r.p + 1e-12], { c: [[pt.c]], a: [[pt.a]] });
      expect(g.gap[0][0]!).toBeLessThan(HULL_TOL);
    }
  });

  it('a cell above the hull is optimal for no weights: every weighted minimiser does better there', () => {
    const { gap, axes, surface } = setup(NOISY, 'w2');
    const { i, j } = gap.max!;
    const D = axes.d[i];
    const P = axes.p[j];
    const C = surface.c[i][j]!;
    // For weights on a grid, the minimiser's weighted value is strictly below the cell's.
    for (const alpha of [0, 0.1, 1]) {
      for (const beta of [0, 0.1, 1, 5]) {
        for (const gamma of [1, 10, 50]) {
          const w = { alpha, beta, gamma };
          const r = weightedMinimizer(NOISY, 'w2', w);
          expect(r.objective).toBeLessThan(alpha * D + beta * P + gamma * C);
        }
      }
    }
  });

  it('paretoFilter keeps exactly the non-dominated points', () => {
    const d = [1, 2, 3, 1, 2];
    const p = [3, 2, 1, 3, 3];
    const c = [1, 1, 1, 2, 0];
    expect(paretoFilter(d, p, c).sort()).toEqual([0, 1, 2, 4]);
    expect(paretoFilter([1, NaN], [1, 0], [1, 0])).toEqual([0]);
  });
});
