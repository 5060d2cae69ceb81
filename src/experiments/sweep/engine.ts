import type { ExperimentConfig } from '../config';
import type { Baselines, LossHistory, Metrics, RestorerWeights, Thumbnails } from '../records';
import type { Weights } from '../weights';

/**
 * What a sweep needs from the training engine, one point at a time. The
 * adapter over the training worker (issue 4's comlink API) implements it;
 * the sweep runner knows nothing else about training.
 */

export interface PointJob {
  readonly config: ExperimentConfig;
  readonly index: number;
  readonly weights: Weights;
}

export interface TrainProgress {
  readonly iteration: number;
  readonly total: number;
  readonly itersPerSecond: number;
  /** Loss name -> latest value. */
  readonly losses: Readonly<Record<string, number>>;
}

/** An evaluation of the point in training (every evalEvery iterations): the live moving point. */
export interface LiveEval {
  readonly iteration: number;
  readonly D: number;
  readonly P: number;
  readonly C: number;
}

export interface PointEvents {
  /** 'warming': the sweep's shared MSE-only warm start is training (once per sweep, before its first point). */
  onPhase(phase: 'warming' | 'training' | 'evaluating'): void;
  onProgress(p: TrainProgress): void;
  /** Progress of the shared warm start (phase 'warming'); not part of the point's own history. */
  onWarmProgress(p: Omit<TrainProgress, 'losses'> & { readonly note?: string }): void;
  onEval(e: LiveEval): void;
  /** Where the point's shared warm start came from (only for configs with one). */
  onWarmStart?(w: WarmStartSource): void;
}

/** What a point started from: a shipped base, or one trained here (and why). */
export interface WarmStartSource {
  readonly source: 'shipped' | 'trained';
  /** Kept from an earlier point of the sweep. */
  readonly reused: boolean;
  readonly iterations: number;
  /** Shipped: its folder under models/ and its card's test MSE. */
  readonly dir: string | null;
  readonly testMse: number | null;
  /** Trained although a shipped one was looked for: why none was used. */
  readonly note: string | null;
}

export interface PointOutcome {
  readonly metrics: Metrics;
  readonly thumbnails: Thumbnails | null;
  /** Only when the config asks for weights. */
  readonly restorerWeights: RestorerWeights | null;
}

export interface SweepEngine {
  /** The identity-restorer and clean-input reference points for this config. */
  baselines(config: ExperimentConfig, signal: AbortSignal): Promise<Baselines>;
  /**
   * Trains and evaluates one point. Rejects with an Error whose message says
   * why (NaN losses, out of memory, missing data), or with an AbortError when
   * the signal aborts.
   */
  runPoint(job: PointJob, events: PointEvents, signal: AbortSignal): Promise<PointOutcome>;
  /** Holds the point in training where it is; resume continues it. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

export function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** The engine's worker ended or stopped answering mid-job: no fault of the point, which is discarded. */
export function workerLostError(why: string): Error {
  const e = new Error(why);
  e.name = 'WorkerLostError';
  return e;
}

export function isWorkerLost(e: unknown): boolean {
  return e instanceof Error && e.name === 'WorkerLostError';
}
