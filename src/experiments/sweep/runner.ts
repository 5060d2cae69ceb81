import type { ExperimentDb } from '../db/db';
import { loadBundle, saveBaselines, savePoint, setSweepState } from '../db/repo';
import type { ExperimentRecord, PointRecord, TrailEntry } from '../records';
import { expandWeights, type Weights } from '../weights';
import { isDataMissing } from '../../data/errors';
import { isAbort, type SweepEngine } from './engine';
import { HistoryRecorder, TrailRecorder } from './history';
import { warmStartMessage, warmTrainingMessage } from './warmMessage';
import { withSweepLock } from './locks';

/**
 * Runs the points of an experiment one after another through the engine,
 * saving each the moment it finishes. Resuming a sweep runs only the points
 * not yet saved, so a reload loses at most the point that was training.
 */

export type PointStatus = 'queued' | 'warming' | 'training' | 'evaluating' | 'done' | 'failed';
export type RunnerState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done' | 'failed';

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
  readonly lock?: (id: string, fn: () => Promise<void>) => Promise<void>;
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
    return this.snap.state === 'running' || this.snap.state === 'paused';
  }

  /** Starts (or resumes) the sweep of a saved experiment; resolves when its loop ends. */
  start(experimentId: string): Promise<void> {
    if (this.busy) return Promise.reject(new Error('a sweep is already running; pause or cancel it first'));
    this.abort = new AbortController();
    const signal = this.abort.signal;
    const lock = this.deps.lock ?? withSweepLock;
    this.loop = lock(experimentId, () => this.run(experimentId, signal));
    return this.loop;
  }

  async pause(): Promise<void> {
    if (this.snap.state !== 'running') return;
    await this.deps.engine.pause();
    this.emit({ state: 'paused', etaSeconds: null });
    if (this.snap.experimentId) await setSweepState(this.deps.db, this.snap.experimentId, 'paused', this.now());
  }

  async resume(): Promise<void> {
    if (this.snap.state !== 'paused') return;
    if (this.snap.experimentId) await setSweepState(this.deps.db, this.snap.experimentId, 'running', this.now());
    this.emit({ state: 'running' });
    await this.deps.engine.resume();
  }

  /** Stops the sweep; the point in training is dropped (not saved). */
  async cancel(): Promise<void> {
    if (!this.busy) return;
    if (this.snap.state === 'paused') await this.deps.engine.resume().catch(() => {});
    this.abort?.abort();
    await this.loop.catch(() => {});
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
    const bundle = await loadBundle(db, id);
    if (!bundle) {
      this.emit({ ...IDLE_SNAPSHOT, experimentId: id, state: 'failed', message: 'this experiment is not saved in this browser' });
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
    await setSweepState(db, id, 'running', this.now());

    try {
      if (experiment.baselines.identity === null || experiment.baselines.clean === null) {
        this.emit({ message: 'Evaluating the baselines (identity restorer, clean input)…' });
        const b = await engine.baselines(config, signal);
        await saveBaselines(db, id, b, this.now());
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
          // Missing data is no fault of the point: it stays queued and the
          // sweep stops interrupted, to be continued once the data is installed.
          if (isDataMissing(e)) {
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
        await savePoint(db, id, record, this.now());
        finished++;
        this.setPoint(index, { status: record.status, reason: record.reason, iteration: record.status === 'done' ? config.iterations : this.snap.points[index].iteration });
        this.emit({ current: null, trail: [], pointProgress: 0, sweepProgress: finished / total });
        this.deps.onSaved?.(id, record);
      }
    } catch (e) {
      if (!isAbort(e) && !signal.aborted) {
        await setSweepState(db, id, 'interrupted', this.now());
        this.emit({ state: 'failed', current: null, etaSeconds: null, message: `Sweep stopped: ${(e as Error).message}` });
        return;
      }
    }

    const done = finished >= total;
    await setSweepState(db, id, done ? 'done' : 'cancelled', this.now());
    this.emit({ state: done ? 'done' : 'cancelled', current: null, trail: [], etaSeconds: null, pointProgress: 0 });
  }
}
