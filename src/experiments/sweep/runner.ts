import type { ExperimentDb } from '../db/db';
import { loadBundle, saveBaselines, savePoint, setSweepState } from '../db/repo';
import type { ExperimentRecord, PointRecord, TrailEntry } from '../records';
import { expandWeights, type Weights } from '../weights';
import { isDataMissing } from '../../data/errors';
import { isAbort, isWorkerLost, type SweepEngine } from './engine';
import { FREE_SPACE, isQuotaError, writeCause } from '../db/writeErrors';
import { HistoryRecorder, TrailRecorder } from './history';
import { warmStartMessage, warmTrainingMessage } from './warmMessage';
import { withSweepLock } from './locks';

/**
 * Runs the points of an experiment one after another through the engine,
 * saving each the moment it finishes. Resuming a sweep runs only the points
 * not yet saved, so a reload loses at most the point that was training.
 */

export type PointStatus = 'queued' | 'warming' | 'training' | 'evaluating' | 'done' | 'failed';
/** 'waiting': for the sweep's lock, which another tab holds (it is running the sweep there). */
export type RunnerState = 'idle' | 'waiting' | 'running' | 'paused' | 'cancelled' | 'done' | 'failed';

/** A sweep is under way (or about to be): no other may start, and the config is locked. */
export function isBusy(state: RunnerState): boolean {
  return state === 'running' || state === 'paused' || state === 'waiting';
}

/** A trained point whose save failed: the sweep stops, saying what was kept. */
class SaveFailed extends Error {
  constructor(
    readonly index: number,
    readonly writeError: unknown,
  ) {
    super(`point ${index + 1} could not be saved`);
  }
}

export interface PointView {
  readonly index: number;
  readonly weights: Weights;
  readonly status: PointStatus;
  readonly reason?: string;
  readonly iteration: number;
  readonly total: number;
}

export interface SweepSnapshot {
  readonly experimentId: string | null;
  readonly state: RunnerState;
  readonly points: readonly PointView[];
  /** Index of the point in training, or null. */
  readonly current: number | null;
  /** Evaluations of the point in training so far (the moving point and its trail). */
  readonly trail: readonly TrailEntry[];
  /** Progress of the point in training and of the whole sweep, each in [0, 1]. */
  readonly pointProgress: number;
  readonly sweepProgress: number;
  readonly etaSeconds: number | null;
  readonly itersPerSecond: number;
  readonly message: string | null;
}

export const IDLE_SNAPSHOT: SweepSnapshot = {
  experimentId: null,
  state: 'idle',
  points: [],
  current: null,
  trail: [],
  pointProgress: 0,
  sweepProgress: 0,
  etaSeconds: null,
  itersPerSecond: 0,
  message: null,
};

export interface SweepDeps {
  readonly db: ExperimentDb;
  readonly engine: SweepEngine;
  readonly now?: () => number;
  /** Runs fn holding the sweep's lock; `signal` gives up waiting for it. */
  readonly lock?: (id: string, fn: () => Promise<void>, signal?: AbortSignal) => Promise<void>;
  /** A point was saved (done or failed); the view reloads it. */
  readonly onSaved?: (experimentId: string, point: PointRecord) => void;
  /** Baselines were saved. */
  readonly onBaselines?: (experiment: ExperimentRecord) => void;
}

/**
 * Seconds left: the point in training at its measured rate, then each
 * queued point at the mean duration of the points finished in this run (or,
 * before one has finished, at the current point's projected duration).
 */
export function estimateEta(o: {
  iteration: number;
  total: number;
  itersPerSecond: number;
  queuedAfterCurrent: number;
  finishedDurations: readonly number[];
}): number | null {
  const rate = o.itersPerSecond > 0 && Number.isFinite(o.itersPerSecond) ? o.itersPerSecond : 0;
  const mean = o.finishedDurations.length ? o.finishedDurations.reduce((s, x) => s + x, 0) / o.finishedDurations.length : null;
  const currentLeft = rate > 0 ? Math.max(0, o.total - o.iteration) / rate : mean;
  const perPoint = mean ?? (rate > 0 ? o.total / rate : null);
  if (currentLeft === null || perPoint === null) return null;
  return currentLeft + o.queuedAfterCurrent * perPoint;
}

export class SweepRunner {
  private snap: SweepSnapshot = IDLE_SNAPSHOT;
  private abort: AbortController | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  /** Why the sweep is being stopped from outside (another tab deleted or took it): the final message. */
  private stopReason: string | null = null;

  constructor(
    private readonly deps: SweepDeps,
    private readonly listener: (s: SweepSnapshot) => void = () => {},
  ) {
    this.now = deps.now ?? (() => Date.now());
  }

  snapshot(): SweepSnapshot {
    return this.snap;
  }

  get busy(): boolean {
    return isBusy(this.snap.state);
  }

  /**
   * Starts (or resumes) the sweep of a saved experiment; resolves when its
   * loop ends, never rejects (what went wrong is in the snapshot's message).
   * `waitingMessage`: shown while another tab holds the sweep's lock.
   */
  start(experimentId: string, waitingMessage: string | null = null): Promise<void> {
    if (this.busy) return Promise.reject(new Error('a sweep is already running; pause or cancel it first'));
    this.abort = new AbortController();
    this.stopReason = null;
    const signal = this.abort.signal;
    const lock = this.deps.lock ?? withSweepLock;
    this.emit({ ...IDLE_SNAPSHOT, experimentId, state: 'waiting', message: waitingMessage });
    this.loop = lock(experimentId, () => this.run(experimentId, signal), signal).catch((e: unknown) => {
      // Gave up waiting for the lock (cancelled): nothing ran, nothing changed.
      if (this.snap.state === 'waiting') this.emit({ state: 'cancelled', message: this.stopReason ?? (isAbort(e) || signal.aborted ? null : `Sweep stopped: ${(e as Error).message}`) });
    });
    return this.loop;
  }

  async pause(): Promise<void> {
    if (this.snap.state !== 'running') return;
    try {
      await this.deps.engine.pause();
    } catch {
      // The worker is gone: the point's own failure path reports it.
      return;
    }
    this.emit({ state: 'paused', etaSeconds: null });
    if (this.snap.experimentId) await this.recordState(this.snap.experimentId, 'paused');
  }

  async resume(): Promise<void> {
    if (this.snap.state !== 'paused') return;
    if (this.snap.experimentId) await this.recordState(this.snap.experimentId, 'running');
    this.emit({ state: 'running' });
    await this.deps.engine.resume().catch(() => {});
  }

  /** Stops the sweep; the point in training is dropped (not saved). `reason` becomes the final message. */
  async cancel(reason: string | null = null): Promise<void> {
    if (!this.busy) return;
    this.stopReason = reason;
    if (this.snap.state === 'paused') await this.deps.engine.resume().catch(() => {});
    this.abort?.abort();
    await this.loop.catch(() => {});
  }

  /** A sweep-state write; its failure is reported, not thrown (the points decide what is saved). */
  private async recordState(id: string, state: 'running' | 'paused' | 'interrupted' | 'cancelled' | 'done'): Promise<void> {
    try {
      await setSweepState(this.deps.db, id, state, this.now());
    } catch (e) {
      // Added to what is shown, never replacing it: the reason the sweep stopped matters more.
      const note = `The sweep’s state (${state}) could not be saved: ${writeCause(e)}.`;
      this.emit({ message: this.snap.message ? `${this.snap.message} ${note}` : note });
    }
  }

  /** Resolves when the current loop has ended. */
  whenIdle(): Promise<void> {
    return this.loop.catch(() => {});
  }

  private emit(patch: Partial<SweepSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.listener(this.snap);
  }

  private pointsWith(index: number, patch: Partial<PointView>): PointView[] {
    return this.snap.points.map((p) => (p.index === index ? { ...p, ...patch } : p));
  }

  private setPoint(index: number, patch: Partial<PointView>): void {
    this.emit({ points: this.pointsWith(index, patch) });
  }

  private async run(id: string, signal: AbortSignal): Promise<void> {
    const { db, engine } = this.deps;
    if (signal.aborted) {
      this.emit({ state: 'cancelled', message: this.stopReason });
      return;
    }
    const bundle = await loadBundle(db, id).catch(() => null);
    if (!bundle) {
      this.emit({ ...IDLE_SNAPSHOT, experimentId: id, state: 'failed', message: this.stopReason ?? 'this experiment is not saved in this browser' });
      return;
    }
    const { experiment, points: saved } = bundle;
    const config = experiment.config;
    const all = expandWeights(config.weights);
    const savedBy = new Map(saved.map((p) => [p.index, p]));
    const views: PointView[] = all.map((weights, index) => {
      const s = savedBy.get(index);
      const status: PointStatus = s ? s.status : 'queued';
      return { index, weights, status, reason: s?.reason, iteration: s ? config.iterations : 0, total: config.iterations };
    });
    const pending = views.filter((v) => v.status === 'queued').map((v) => v.index);
    const finishedDurations: number[] = [];
    const total = all.length;
    let finished = total - pending.length;
    this.emit({ ...IDLE_SNAPSHOT, experimentId: id, state: 'running', points: views, sweepProgress: finished / total });

    try {
      await setSweepState(db, id, 'running', this.now());
      if (experiment.baselines.identity === null || experiment.baselines.clean === null) {
        this.emit({ message: 'Evaluating the baselines (identity restorer, clean input)…' });
        const b = await engine.baselines(config, signal);
        await saveBaselines(db, id, b, this.now()).catch((e: unknown) => {
          throw new SaveFailed(-1, e);
        });
        this.deps.onBaselines?.({ ...experiment, baselines: b });
        this.emit({ message: null });
      }

      for (let k = 0; k < pending.length; k++) {
        if (signal.aborted) break;
        const index = pending[k];
        const weights = all[index];
        const history = new HistoryRecorder();
        const trail = new TrailRecorder();
        let t0 = this.now();
        this.setPoint(index, { status: 'training', iteration: 0 });
        this.emit({ current: index, trail: [], pointProgress: 0, itersPerSecond: 0 });
        let record: PointRecord;
        try {
          const outcome = await engine.runPoint(
            { config, index, weights },
            {
              onPhase: (phase) => {
                // A point's time is its own training: the shared warm start before it is not.
                if (phase === 'training' && this.snap.points[index]?.status === 'warming') {
                  t0 = this.now();
                  this.setPoint(index, { status: phase, iteration: 0, total: config.iterations });
                } else this.setPoint(index, { status: phase });
              },
              onWarmProgress: (p) => {
                this.emit({
                  message: warmTrainingMessage(p.note),
                  points: this.pointsWith(index, { iteration: p.iteration, total: p.total }),
                  pointProgress: p.total > 0 ? Math.min(1, p.iteration / p.total) : 0,
                  itersPerSecond: p.itersPerSecond,
                  etaSeconds: null,
                });
              },
              onProgress: (p) => {
                history.add(p.iteration, p.losses);
                this.setPoint(index, { iteration: p.iteration });
                const pointProgress = p.total > 0 ? Math.min(1, p.iteration / p.total) : 0;
                this.emit({
                  pointProgress,
                  sweepProgress: (finished + pointProgress) / total,
                  itersPerSecond: p.itersPerSecond,
                  etaSeconds:
                    this.snap.state === 'paused'
                      ? null
                      : estimateEta({ iteration: p.iteration, total: p.total, itersPerSecond: p.itersPerSecond, queuedAfterCurrent: pending.length - k - 1, finishedDurations }),
                });
              },
              onEval: (e) => {
                trail.add(e);
                this.emit({ trail: trail.snapshot() });
              },
              onWarmStart: (w) => {
                // Late news of a point already stopped must not replace the stop's message.
                if (signal.aborted) return;
                if (!w.reused || this.snap.message === null) this.emit({ message: warmStartMessage(w) });
              },
            },
            signal,
          );
          const seconds = (this.now() - t0) / 1000;
          record = {
            index,
            weights,
            status: 'done',
            metrics: outcome.metrics,
            trail: trail.snapshot(),
            history: history.snapshot(),
            thumbnails: outcome.thumbnails,
            restorerWeights: config.saveWeights ? outcome.restorerWeights : null,
            finishedAt: this.now(),
            seconds,
          };
          finishedDurations.push(seconds);
        } catch (e) {
          if (isAbort(e) || signal.aborted) {
            this.setPoint(index, { status: 'queued', iteration: 0 });
            break;
          }
          // Missing data, or a worker that died (out of memory, killed), is no
          // fault of the point: it stays queued and the sweep stops
          // interrupted, to be continued (data installed, fresh worker).
          if (isDataMissing(e) || isWorkerLost(e)) {
            this.setPoint(index, { status: 'queued', iteration: 0 });
            throw e;
          }
          record = {
            index,
            weights,
            status: 'failed',
            reason: (e instanceof Error ? e.message : String(e)).slice(0, 2000) || 'unknown error',
            metrics: null,
            trail: trail.snapshot(),
            history: history.snapshot(),
            thumbnails: null,
            restorerWeights: null,
            finishedAt: this.now(),
            seconds: (this.now() - t0) / 1000,
          };
        }
        try {
          await savePoint(db, id, record, this.now());
        } catch (e) {
          if (signal.aborted) break;
          this.setPoint(index, { status: 'queued', iteration: 0 });
          throw new SaveFailed(index, e);
        }
        finished++;
        this.setPoint(index, { status: record.status, reason: record.reason, iteration: record.status === 'done' ? config.iterations : this.snap.points[index].iteration });
        this.emit({ current: null, trail: [], pointProgress: 0, sweepProgress: finished / total });
        this.deps.onSaved?.(id, record);
      }
    } catch (e) {
      if (!isAbort(e) && !signal.aborted) {
        this.emit({ state: 'failed', current: null, trail: [], etaSeconds: null, pointProgress: 0, message: stopMessage(e, finished) });
        // After the message: when the store is full this write fails too, and says so.
        await this.recordState(id, 'interrupted');
        return;
      }
    }

    const done = finished >= total;
    this.emit({ state: done ? 'done' : 'cancelled', current: null, trail: [], etaSeconds: null, pointProgress: 0, message: this.stopReason ?? this.snap.message });
    // A sweep deleted in another tab has no row left to mark.
    if (this.stopReason === null) await this.recordState(id, done ? 'done' : 'cancelled');
  }
}

function kept(finished: number): string {
  return finished === 1 ? 'the 1 point finished before is kept' : `the ${finished} points finished before are kept`;
}

/** Why the sweep stopped, what was kept, and what to do: the sweep view's message. */
export function stopMessage(e: unknown, finished: number): string {
  if (e instanceof SaveFailed) {
    const what = e.index < 0 ? 'the baselines were evaluated but could not be saved' : `point ${e.index + 1} trained but could not be saved`;
    return isQuotaError(e.writeError)
      ? `Sweep stopped: storage is full: ${what}; ${kept(finished)}. To go on, ${FREE_SPACE} and continue this sweep.`
      : `Sweep stopped: ${what} (${writeCause(e.writeError)}); ${kept(finished)}.`;
  }
  if (isWorkerLost(e)) return `Sweep stopped: ${(e as Error).message}. The point in training was discarded; ${kept(finished)}. Continue this sweep to go on with a fresh worker.`;
  if (isQuotaError(e)) return `Sweep stopped: storage is full; ${kept(finished)}. To go on, ${FREE_SPACE} and continue this sweep.`;
  return `Sweep stopped: ${e instanceof Error ? e.message : String(e)}`;
}
