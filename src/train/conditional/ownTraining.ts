import { condNetToFiles, type CondModelJson } from '../../models/condIo';
import type { ConditionRanges } from '../../models/conditioning';
import type { TrainConfig } from '../config';
import type { Losses } from '../lossNames';
import { checkpointFinite, checkpointOf, type CondCheckpoint } from './checkpoint';
import { runCondTraining, type CondControl } from './loop';
import type { CondTrainOptions, CondTrainer } from './trainer';

/**
 * A loss-conditional restorer trained in the browser ("Train your own"): the
 * worker side. Runs a CondTrainer to its iteration count in small chunks
 * (progress at least every second or so), hands a checkpoint to the page
 * every `checkpointEvery` iterations and on pause, and at the end the
 * restorer as model files (condIo). A checkpoint is only handed over when all
 * its values are finite: a run that diverges keeps its last good one.
 */

/** What the page asks the worker to train; plain data, it crosses the worker boundary. */
export interface OwnTrainSpec {
  /** The conditional training config (iterations, batch, schedule, seed). */
  readonly cfg: TrainConfig;
  /** The config whose MSE warm start training starts from (its warmStartKey). */
  readonly warmCfg: TrainConfig;
  readonly options: Pick<CondTrainOptions, 'ranges' | 'filmLrScale' | 'bn' | 'balance'>;
  readonly checkpointEvery: number;
  /** Stored as the model's userDefinedMetadata.own. */
  readonly card: OwnModelCard;
}

export interface OwnModelCard {
  readonly preset: string;
  readonly ranges: ConditionRanges;
  readonly iterations: number;
  readonly warmStart: string;
}

export interface OwnProgress {
  readonly iteration: number;
  readonly total: number;
  readonly itersPerSecond: number;
  readonly etaSeconds: number | null;
  readonly losses: Losses;
}

export interface OwnTrainListener {
  onProgress(p: OwnProgress): void;
  /** Awaited: training waits until the page has stored it. */
  onCheckpoint(c: CondCheckpoint): Promise<void> | void;
}

export interface OwnModelFiles {
  readonly json: CondModelJson<{ own: OwnModelCard }>;
  readonly data: ArrayBuffer;
}

export interface OwnResult {
  readonly model: OwnModelFiles;
  readonly losses: Losses;
  /** Seconds spent training in this call (pauses excluded). */
  readonly seconds: number;
}

/** Iterations per chunk: one chunk of the fast preset takes about a second on this kind of machine. */
const CHUNK = 5;

function quiet(r: unknown): void {
  if (r instanceof Promise) r.catch(() => undefined);
}

export class OwnTraining {
  private readonly control: CondControl = { stopped: false, paused: false };
  private lastCheckpoint: number;

  constructor(
    readonly trainer: CondTrainer,
    readonly spec: OwnTrainSpec,
  ) {
    this.lastCheckpoint = trainer.iteration;
  }

  async run(listener: OwnTrainListener): Promise<OwnResult> {
    const every = Math.max(1, this.spec.checkpointEvery);
    const from = this.trainer.iteration;
    let seconds = 0;
    const reading = await runCondTraining(this.trainer, {
      control: this.control,
      chunk: CHUNK,
      onProgress: async (p) => {
        // The loop's rate counts only the time spent stepping: pauses are not training time.
        if (p.itersPerSecond > 0) seconds = (p.iteration - from) / p.itersPerSecond;
        quiet(listener.onProgress({ iteration: p.iteration, total: p.total, itersPerSecond: p.itersPerSecond, etaSeconds: p.etaSeconds, losses: p.reading.losses }));
        if (p.iteration < p.total && p.iteration - this.lastCheckpoint >= every) {
          const c = await this.checkpoint();
          if (c) await listener.onCheckpoint(c);
        }
      },
    });
    const model = await condNetToFiles(this.trainer.restorer, { own: this.spec.card }, 'CDP Lab: trained in this browser (Train your own)');
    return { model: model as OwnModelFiles, losses: reading.losses, seconds };
  }

  /** The trainer's state now, or null when it holds a NaN or Inf. */
  async checkpoint(): Promise<CondCheckpoint | null> {
    const c = await checkpointOf(this.trainer);
    if (!checkpointFinite(c)) return null;
    this.lastCheckpoint = c.iteration;
    return c;
  }

  /** Holds training after the chunk in progress and returns the state it holds at. */
  async pause(): Promise<CondCheckpoint | null> {
    this.control.paused = true;
    return this.checkpoint();
  }

  resume(): void {
    this.control.paused = false;
  }

  stop(): void {
    this.control.stopped = true;
    this.control.paused = false;
  }

  dispose(): void {
    this.stop();
    this.trainer.dispose();
  }
}
