import { combineSe, TRAINING_SEED_SD, trainingSeedNote } from '../../train/standardErrors';
import { conditionalPreset, denseGridPoints, experimentPresetOf, type ConditionalPreset, type CondPresetId } from '../conditionalPresets';
import { scaledSchedule, withBudget } from '../presets';
import type { ExperimentBundle, Metrics, PointRecord } from '../records';
import { EMPTY_HISTORY } from '../records';
import { trainConfigFor } from '../sweep/trainConfig';
import { expandWeights } from '../weights';
import type { OwnTrainSpec } from '../../train/conditional/ownTraining';
import type { TrainConfig } from '../../train/config';
import type { OwnPointRow, OwnRunRow, OwnWeights } from './records';

/**
 * What a "Train your own" run trains and evaluates, decided once when it
 * starts and stored with it: the preset's conditional training exactly as
 * scripts/pretrain-conditional.ts trains the shipped model (same warm start,
 * ranges, batch, critic steps, seed, schedule and CondTrainer options), and
 * its dense grid in the order scripts/eval-conditional.ts evaluates it (the
 * fixed-weight sweep's points first, then the rest).
 */

/** Checkpoint interval: about 10 s of the fast preset's training. */
export const CHECKPOINT_EVERY = 50;

export function needPreset(id: CondPresetId): ConditionalPreset {
  const cp = conditionalPreset(id);
  if (!cp) throw new Error(`no conditional preset ${id}`);
  return cp;
}

/** The experiment config of the preset at the browser budget (data, classifier, evaluation). */
export function ownExperimentConfig(cp: ConditionalPreset) {
  return withBudget(experimentPresetOf(cp).config, 'browser');
}

/** The config the dense points are evaluated with (evaluation critic, test subset), as eval-conditional has it. */
export function ownEvalConfig(cp: ConditionalPreset): TrainConfig {
  return trainConfigFor(ownExperimentConfig(cp), { alpha: 1, beta: 0, gamma: 0 });
}

export function ownTrainSpec(cp: ConditionalPreset, iterations: number, checkpointEvery: number): OwnTrainSpec {
  const c = ownExperimentConfig(cp);
  const warmCfg = trainConfigFor(c, { alpha: 1, beta: 1, gamma: 1 });
  const cfg: TrainConfig = { ...warmCfg, iterations, batchSize: cp.batchSize, criticSteps: cp.criticSteps, seed: cp.seed, ...scaledSchedule(iterations), mseWarmup: 0 };
  return {
    cfg,
    warmCfg,
    // The shipped models' training: CondTrainer's defaults (pretrain-conditional.ts without flags).
    options: { ranges: cp.ranges },
    checkpointEvery,
    card: { preset: cp.id, ranges: cp.ranges, iterations, warmStart: `${c.dataset} ${warmCfg.task} ${warmCfg.preset}, ${warmCfg.warmStart} MSE iterations (shipped)` },
  };
}

/** The dense grid and its evaluation order; `limit` keeps the first points of that order (tests). */
export function ownGrid(cp: ConditionalPreset, limit: number | null = null): { points: OwnWeights[]; order: number[] } {
  const grid = denseGridPoints(cp);
  const fixed = new Set(expandWeights(experimentPresetOf(cp).config.weights).map((w) => `${w.beta}|${w.gamma}`));
  // Stable: within each group the grid's own order.
  const order = grid.map((_, i) => i).sort((a, b) => Number(!fixed.has(`${grid[a].beta}|${grid[a].gamma}`)) - Number(!fixed.has(`${grid[b].beta}|${grid[b].gamma}`)));
  if (limit === null || limit >= order.length) return { points: grid, order };
  const kept = order.slice(0, Math.max(1, limit));
  return { points: kept.map((i) => grid[i]), order: kept.map((_, j) => j) };
}

/** The first point of the order not evaluated yet, or null when all are. */
export function nextPending(run: Pick<OwnRunRow, 'order'>, evaluated: ReadonlySet<number>): number | null {
  return run.order.find((i) => !evaluated.has(i)) ?? null;
}

const orNull = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** A dense point's metrics with the training-seed spread in the SEs, as the shipped dense grids state them. */
export function withSeedSpread(m: Metrics, preset: string): Metrics {
  const sd = TRAINING_SEED_SD[preset];
  if (!sd) return m;
  return {
    ...m,
    Pse: orNull(m.Pse) === null ? null : combineSe(m.Pse!, sd.P),
    Cse: orNull(m.Cse) === null ? null : combineSe(m.Cse!, sd.C),
    Dse: sd.D,
  };
}

/** The run's evaluated points as a dense-grid bundle (denseGridOf reads it like a shipped dense file). */
export function ownDenseBundle(run: OwnRunRow, points: readonly OwnPointRow[]): ExperimentBundle {
  const cp = needPreset(run.preset);
  const c = ownExperimentConfig(cp);
  const recs: PointRecord[] = [...points]
    .sort((a, b) => a.index - b.index)
    .map((p) => ({
      index: p.index,
      weights: p.weights,
      status: 'done',
      metrics: p.metrics,
      trail: [],
      history: EMPTY_HISTORY,
      thumbnails: null,
      restorerWeights: null,
      finishedAt: p.finishedAt,
      seconds: p.metrics.seconds,
    }));
  return {
    experiment: {
      id: run.id,
      name: `Your conditional model: ${experimentPresetOf(cp).label}, dense grid`,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      config: { ...c, weights: { kind: 'list', points: [...run.points] } },
      baselines: { identity: null, clean: null },
      sweep: run.phase === 'done' ? 'done' : 'interrupted',
      source: { kind: 'conditional', model: `own-${run.preset}`, iterations: Math.max(1, run.iteration), trainSeconds: run.trainSeconds, seNote: TRAINING_SEED_SD[run.preset] ? trainingSeedNote(run.preset) : '' },
    },
    points: recs,
  };
}
