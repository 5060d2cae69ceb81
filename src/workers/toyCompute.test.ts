import { describe, expect, it } from 'vitest';
import { createToyModel, curvesOverA, defaultAxes, PAPER_TOY } from '../math';
import { createToyComputer } from './toyCompute';
import type { ToyRequest } from './toyProtocol';
import { weightedMinimizer } from '../math/weighted';
import { hullGap } from '../math/hull';

const req: ToyRequest = { params: PAPER_TOY, div: 'kl', D: 1, P: 0.1, aMin: -2, aMax: 2, aCount: 41, gridSize: 11 };

describe('toy worker computation', () => {
  it('answers with the math module’s curves, surface and constrained point', () => {
    const res = createToyComputer()(req);
    const a = Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);
    expect(res.model.curves.a).toHaveLength(41);
    res.model.curves.a.forEach((v, i) => expect(v).toBeCloseTo(a[i], 14));
    expect(res.model.curves.a[40]).toBe(2);
    const curves = curvesOverA(PAPER_TOY, 'kl', res.model.curves.a);
    expect(res.model.curves.d).toEqual(curves.d);
    expect(res.model.curves.c).toEqual(curves.c);
    const axes = defaultAxes(PAPER_TOY, 'kl', 11);
    expect(res.model.surface.d).toEqual(axes.d);
    expect(res.model.surface.c).toEqual(createToyModel(PAPER_TOY, 'kl').surface(axes.d, axes.p).c);
    const pt = createToyModel(PAPER_TOY, 'kl').point(1, 0.1);
    expect(res.point.c).toBe(pt.c);
    expect(res.point.a).toBe(pt.a);
    expect(res.point.feasible).toEqual(pt.feasible);
    // The paper toy at (D, P) = (1, 0.1) is feasible with a minimiser inside the feasible set.
    expect(res.point.feasible.some(([lo, hi]) => res.point.a! >= lo && res.point.a! <= hi)).toBe(true);
  });

  it('reuses the model arrays when only D or P changes and recomputes on a new divergence', () => {
    const compute = createToyComputer();
    const first = compute(req);
    const moved = compute({ ...req, D: 1.5, P: 0.2 });
    expect(moved.model).toBe(first.model);
    expect(moved.ms.surface).toBe(0);
    expect(moved.point.D).toBe(1.5);
    const other = compute({ ...req, div: 'w2' });
    expect(other.model).not.toBe(first.model);
    expect(other.model.curves.p).not.toEqual(first.model.curves.p);
  });

  it('reports an infeasible point with null c and a and no interval', () => {
    // Below the linear MMSE (2/3 for the paper toy) no gain meets D.
    const res = createToyComputer()({ ...req, D: 0.5 });
    expect(res.point.c).toBeNull();
    expect(res.point.a).toBeNull();
    expect(res.point.feasible).toEqual([]);
  });
});

describe('toy worker: loss weights and the convex hull', () => {
  it('answers the weighted minimiser for the request weights, reusing the model when only they move', () => {
    const compute = createToyComputer();
    const w = { alpha: 1, beta: 0.5, gamma: 10 };
    const first = compute({ ...req, weights: w });
    expect(first.weighted).toEqual(weightedMinimizer(PAPER_TOY, 'kl', w));
    const moved = compute({ ...req, weights: { ...w, gamma: 30 } });
    expect(moved.model).toBe(first.model);
    expect(moved.ms.hull).toBe(0);
    expect(moved.weighted!.a).toBeLessThan(first.weighted!.a); // more weight on C: towards a = 1/2
    expect(compute(req).weighted).toBeNull();
    expect(compute({ ...req, weights: { alpha: 0, beta: 0, gamma: 0 } }).weighted).toBeNull();
  });

  it('carries the height above the convex hull on the surface grid', () => {
    const res = createToyComputer()(req);
    const axes = defaultAxes(PAPER_TOY, 'kl', 11);
    const surf = createToyModel(PAPER_TOY, 'kl').surface(axes.d, axes.p);
    const g = hullGap(PAPER_TOY, 'kl', axes.d, axes.p, surf);
    expect(res.model.hull.gap).toEqual(g.gap);
    expect(res.model.hull.above).toBe(0);
    expect(res.model.hull.tol).toBeGreaterThan(0);
  });
});
