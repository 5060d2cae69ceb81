import type { CondCheckpoint } from '../../train/conditional/checkpoint';
import type { OwnModelFiles } from '../../train/conditional/ownTraining';
import type { CondPresetId } from '../conditionalPresets';
import type { Metrics } from '../records';

/**
 * What "Train your own" keeps in IndexedDB (ExperimentDb, version 2): one
 * row per run, its bytes apart from it (a checkpoint while it trains, then
 * the model), and one row per evaluated point of its dense grid, written the
 * moment the point is evaluated, as a sweep writes its points.
 */

export type OwnPhase = 'training' | 'evaluating' | 'done';
/** running: some tab works on it now; interrupted: it was running when its tab went away. */
export type OwnState = 'running' | 'paused' | 'interrupted' | 'failed' | 'done';

export interface OwnWeights {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export interface OwnRunRow {
  readonly id: string;
  readonly preset: CondPresetId;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly phase: OwnPhase;
  readonly state: OwnState;
  /** Why it failed or stopped, in words. */
  readonly message: string | null;
  /** Iterations in all, and where the stored checkpoint (or the model) stands. */
  readonly total: number;
  readonly iteration: number;
  readonly checkpointEvery: number;
  /** Training seconds so far (pauses and reloads excluded). */
  readonly trainSeconds: number;
  /** The dense grid (alpha = 1), and the order it is evaluated in (indices into points). */
  readonly points: readonly OwnWeights[];
  readonly order: readonly number[];
  readonly finalLosses: Record<string, number> | null;
}

export type OwnBlobRow =
  | { readonly runId: string; readonly kind: 'checkpoint'; readonly checkpoint: CondCheckpoint }
  | { readonly runId: string; readonly kind: 'model'; readonly model: OwnModelFiles };

export interface OwnPointRow {
  readonly runId: string;
  readonly index: number;
  readonly weights: OwnWeights;
  readonly metrics: Metrics;
  readonly finishedAt: number;
}
