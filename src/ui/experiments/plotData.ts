import {
  admissibleMask,
  expandWeights,
  type DominanceMode,
  type DPC,
  type ExperimentBundle,
  type ExperimentConfig,
  type LinkResults,
} from '../../experiments';
import type { PlotPoint, WithSe } from './figures';

/** What the plots draw of an experiment, from saved results or from a link. */
export interface PlotSource {
  readonly points: readonly PlotPoint[];
  readonly baselines: { readonly identity: (DPC & WithSe) | null; readonly clean: (DPC & WithSe) | null };
}

interface Measured extends WithSe {
  readonly index: number;
  readonly D: number;
  readonly P: number | null;
  readonly C: number;
}

/**
 * Beyond this magnitude the figures' spans and paddings overflow or lose all
 * precision. Files and links refuse impossible metrics already; this guard
 * holds whatever reaches the plots from elsewhere (an old database row).
 */
export const PLOT_LIMIT = 1e15;

export const plottable = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= PLOT_LIMIT;

/** P that cannot be drawn reads as not measured (NaN), which the figures leave off their P axes. */
const plotP = (p: number | null): number => (plottable(p) ? p : NaN);

const se = (x: number | null | undefined): x is number | null => x === null || (plottable(x) && x >= 0);

/** The standard errors a record carries (none in older files and links), those that can be drawn. */
const seOf = (m: WithSe): WithSe => ({
  ...(m.Pse !== undefined && se(m.Pse) ? { Pse: m.Pse } : {}),
  ...(m.Cse !== undefined && se(m.Cse) ? { Cse: m.Cse } : {}),
  ...(m.Dse !== undefined && se(m.Dse) ? { Dse: m.Dse } : {}),
  ...(m.n !== undefined && Number.isInteger(m.n) && m.n >= 1 ? { n: m.n } : {}),
});

/**
 * Points with their admissibility among all finished points (a missing P
 * never is). A point without a drawable D and C is left out: it has no place
 * on any figure.
 */
export function plotPoints(config: ExperimentConfig, measured: readonly Measured[], mode: DominanceMode = 'pareto'): PlotPoint[] {
  const weights = expandWeights(config.weights);
  const kept = measured.filter((m) => m.index < weights.length && plottable(m.D) && plottable(m.C));
  const dpc = kept.map((m) => ({ D: m.D, P: plotP(m.P), C: m.C }));
  const mask = admissibleMask(dpc, mode);
  return kept.map((m, i) => ({ index: m.index, weights: weights[m.index], ...dpc[i], ...seOf(m), admissible: mask[i] }));
}

const baseline = (m: (Omit<Measured, 'index'> & WithSe) | null): (DPC & WithSe) | null =>
  m && plottable(m.D) && plottable(m.C) ? { D: m.D, P: plotP(m.P), C: m.C, ...seOf(m) } : null;

export function sourceFromBundle(b: ExperimentBundle): PlotSource {
  const done = b.points.filter((p) => p.status === 'done' && p.metrics);
  return {
    points: plotPoints(
      b.experiment.config,
      done.map((p) => ({ index: p.index, D: p.metrics!.D, P: p.metrics!.P, C: p.metrics!.C, ...seOf(p.metrics!) })),
    ),
    baselines: { identity: baseline(b.experiment.baselines.identity), clean: baseline(b.experiment.baselines.clean) },
  };
}

export function sourceFromLink(config: ExperimentConfig, r: LinkResults): PlotSource {
  const t = (x: readonly [number, number | null, number] | null) => baseline(x ? { D: x[0], P: x[1], C: x[2] } : null);
  return { points: plotPoints(config, r.points), baselines: { identity: t(r.identity), clean: t(r.clean) } };
}
