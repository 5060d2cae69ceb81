import type { ExperimentBundle, PointRecord } from './records';

/**
 * A sweep made smaller for shipping with the app (public/precomputed/): loss
 * histories and live trails rounded to `digits` significant digits, which is
 * all a plot of them shows; metrics, weights and sample images are kept
 * exactly. The result is a valid bundle of the same schema.
 */
export function roundSignificant(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

const r = (x: number | null, digits: number) => (x === null ? null : roundSignificant(x, digits));

function compactPoint(p: PointRecord, digits: number): PointRecord {
  const series = Object.fromEntries(Object.entries(p.history.series).map(([k, v]) => [k, v.map((x) => r(x, digits))]));
  return {
    ...p,
    history: { iteration: p.history.iteration, series },
    trail: p.trail.map((t) => ({ iteration: t.iteration, D: roundSignificant(t.D, digits), P: r(t.P, digits), C: roundSignificant(t.C, digits) })),
  };
}

export function compactForShipping(b: ExperimentBundle, digits = 4): ExperimentBundle {
  return { experiment: b.experiment, points: b.points.map((p) => compactPoint(p, digits)) };
}
