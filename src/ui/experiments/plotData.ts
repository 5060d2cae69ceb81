import {
  admissibleMask,
  expandWeights,
  metricValue,
  type DominanceMode,
  type DPC,
  type ExperimentBundle,
  type ExperimentConfig,
  type LinkResults,
  type Metrics,
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

/** The standard errors a record carries (none in older files and links). */
const seOf = (m: WithSe): WithSe => ({
  ...(m.Pse !== undefined ? { Pse: m.Pse } : {}),
  ...(m.Cse !== undefined ? { Cse: m.Cse } : {}),
  ...(m.Dse !== undefined ? { Dse: m.Dse } : {}),
  ...(m.n !== undefined ? { n: m.n } : {}),
});

/** Points with their admissibility among all finished points (a missing P never is). */
export function plotPoints(config: ExperimentConfig, measured: readonly Measured[], mode: DominanceMode = 'pareto'): PlotPoint[] {
  const weights = expandWeights(config.weights);
  const dpc = measured.map((m) => ({ D: m.D, P: metricValue(m.P), C: m.C }));
  const mask = admissibleMask(dpc, mode);
  return measured
    .filter((m) => m.index < weights.length)
    .map((m, i) => ({ index: m.index, weights: weights[m.index], ...dpc[i], ...seOf(m), admissible: mask[i] }));
}

const baseline = (m: Metrics | null): (DPC & WithSe) | null => (m ? { D: m.D, P: metricValue(m.P), C: m.C, ...seOf(m) } : null);

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
  const t = (x: readonly [number, number | null, number] | null): DPC | null => (x ? { D: x[0], P: x[1] ?? NaN, C: x[2] } : null);
  return { points: plotPoints(config, r.points), baselines: { identity: t(r.identity), clean: t(r.clean) } };
}
