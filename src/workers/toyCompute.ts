import { createToyModel, curvesOverA, defaultAxes } from '../math';
import { HULL_TOL, hullGap } from '../math/hull';
import { weightedMinimizer } from '../math/weighted';
import { modelKey, type ToyModelResult, type ToyRequest, type ToyResponse } from './toyProtocol';

type ToyModel = ReturnType<typeof createToyModel>;

function linspace(lo: number, hi: number, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1);
  return out;
}

/**
 * The heavy part of the toy view, with a one-entry cache: dragging D or P
 * reuses the model, curves and surface and only re-solves the point.
 * Kept free of worker plumbing so Node tests and the bench can call it.
 */
export function createToyComputer() {
  let cached: { key: string; model: ToyModel; result: ToyModelResult } | null = null;

  return function compute(req: ToyRequest): ToyResponse {
    const ms = { model: 0, curves: 0, surface: 0, hull: 0, point: 0, weighted: 0 };
    const key = modelKey(req);
    if (!cached || cached.key !== key) {
      let t = performance.now();
      const model = createToyModel(req.params, req.div);
      ms.model = performance.now() - t;

      t = performance.now();
      const curves = curvesOverA(req.params, req.div, linspace(req.aMin, req.aMax, req.aCount));
      ms.curves = performance.now() - t;

      t = performance.now();
      const axes = defaultAxes(req.params, req.div, req.gridSize);
      const surf = model.surface(axes.d, axes.p);
      ms.surface = performance.now() - t;

      t = performance.now();
      const hull = hullGap(req.params, req.div, axes.d, axes.p, surf);
      ms.hull = performance.now() - t;

      cached = {
        key,
        model,
        result: {
          key,
          curves: { a: Array.from(curves.a), d: Array.from(curves.d), p: Array.from(curves.p), c: Array.from(curves.c) },
          surface: { d: Array.from(axes.d), p: Array.from(axes.p), c: surf.c, a: surf.a },
          hull: { gap: hull.gap, max: hull.max, above: hull.above, feasible: hull.feasible, tol: HULL_TOL },
        },
      };
    }
    let t = performance.now();
    const pt = cached.model.point(req.D, req.P);
    ms.point = performance.now() - t;
    t = performance.now();
    const w = req.weights;
    const weighted = w && (w.alpha > 0 || w.beta > 0 || w.gamma > 0) ? weightedMinimizer(req.params, req.div, w) : null;
    ms.weighted = performance.now() - t;
    return {
      model: cached.result,
      point: { D: req.D, P: req.P, c: pt.c, a: pt.a, feasible: pt.feasible.map(([lo, hi]) => [lo, hi] as [number, number]) },
      weighted,
      ms,
    };
  };
}
