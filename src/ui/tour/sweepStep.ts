import type { ExperimentSummary } from '../../experiments/db/repo';

/** Fewest trained points that make the pairwise plots worth showing. */
export const MIN_POINTS = 2;

/**
 * The saved experiment the sweep step opens: the most recent finished MNIST
 * sweep, else the most recent MNIST one with enough points, else any such
 * experiment; never one whose id is in `exclude` (the shipped precomputed
 * sweep, which must not hide the visitor's own). `saved` is most recent
 * first (listExperiments).
 */
export function pickSweep(saved: readonly ExperimentSummary[], exclude: ReadonlySet<string> = new Set()): ExperimentSummary | null {
  const usable = saved.filter((s) => s.done >= MIN_POINTS && !exclude.has(s.experiment.id));
  const mnist = usable.filter((s) => s.experiment.config.dataset === 'mnist');
  return (
    mnist.find((s) => s.experiment.sweep === 'done') ??
    mnist[0] ??
    usable.find((s) => s.experiment.sweep === 'done') ??
    usable[0] ??
    null
  );
}
