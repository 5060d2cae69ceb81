import type { CondCheckpoint } from '../../train/conditional/checkpoint';
import type { OwnModelFiles, OwnResult, OwnTrainListener } from '../../train/conditional/ownTraining';
import type { EvalPoint } from '../../train/evaluate';
import type { OwnRunRow, OwnWeights } from './records';

/**
 * What "Train your own" needs from a training worker. An interface so the
 * runner is tested in Node over TrainService itself, and runs in the page
 * over a worker of its own (src/ui/experiments/own/workerOwnEngine.ts).
 */
export interface OwnEngine {
  /**
   * Trains the run's model to run.total iterations, from the checkpoint or,
   * without one, from the preset's shipped MSE warm start. onCheckpoint is
   * awaited. Rejects with the reason (no warm start, NaN, worker error), or
   * with 'stopped' after stop().
   */
  train(run: OwnRunRow, from: CondCheckpoint | null, events: OwnTrainListener): Promise<OwnResult>;
  /** Holds the training in progress; answers the state it holds at (null when nothing trains or it is not finite). */
  pause(): Promise<CondCheckpoint | null>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  /** The model at one point of the run's dense grid, measured as a sweep point is. */
  evaluate(run: OwnRunRow, model: OwnModelFiles, w: OwnWeights): Promise<EvalPoint>;
  dispose(): void;
}
