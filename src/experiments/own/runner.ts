import type { CondCheckpoint } from '../../train/conditional/checkpoint';
import type { CondPresetId } from '../conditionalPresets';
import type { ExperimentDb } from '../db/db';
import { metricsOf } from '../sweep/trainConfig';
import { OWN_LOCK_PREFIX, withNamedLock } from '../sweep/locks';
import type { OwnEngine } from './engine';
import { CHECKPOINT_EVERY, needPreset, nextPending, ownGrid, withSeedSpread } from './plan';
import type { OwnPointRow, OwnRunRow } from './records';
import {
  createOwnRun,
  deleteOwnRun,
  getOwnRun,
  latestOwnRun,
  loadOwnCheckpoint,
  loadOwnModel,
  ownPoints,
  saveOwnCheckpoint,
  saveOwnModel,
  saveOwnPoint,
  updateOwnRun,
} from './repo';

/**
 * "Train your own": one run per preset at a time, trained then evaluated
 * point by point, every step stored as it happens so a reload resumes it.
 * Training is checkpointed every run.checkpointEvery iterations and on
 * pause; a reload resumes from the last checkpoint (see
 * src/train/conditional/checkpoint.ts for what a checkpoint keeps). The
 * dense grid is evaluated in the run's order, each point saved when done; a
 * reload continues at the first point not saved. Pausing the evaluation
 * takes effect after the point in progress.
 */

export type OwnActivity = 'idle' | 'training' | 'evaluating' | 'pausing';

export interface OwnSnapshot {
  readonly preset: CondPresetId | null;
  /** The run as stored. */
  readonly run: OwnRunRow | null;
  readonly activity: OwnActivity;
  /** Live training position (the stored one is run.iteration, the last checkpoint). */
  readonly iteration: number;
  readonly itersPerSecond: number;
  readonly etaSeconds: number | null;
  readonly losses: Record<string, number> | null;
  /** Evaluated points of the dense grid, by index. */
  readonly points: readonly OwnPointRow[];
  readonly evalEtaSeconds: number | null;
  /** A failure that stopped the run. */
  readonly message: string | null;
  /** A warning that did not stop it (a checkpoint that could not be stored). */
  readonly note: string | null;
}

export const IDLE_OWN: OwnSnapshot = {
  preset: null,
  run: null,
  activity: 'idle',
  iteration: 0,
  itersPerSecond: 0,
  etaSeconds: null,
  losses: null,
  points: [],
  evalEtaSeconds: null,
  message: null,
  note: null,
};

export interface OwnDeps {
  readonly db: ExperimentDb;
  readonly engine: OwnEngine;
  readonly now?: () => number;
  readonly lock?: (id: string, fn: () => Promise<void>) => Promise<void>;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** IndexedDB's errors in words a student can act on. */
export function storageMessage(e: unknown): string {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  const names = [err?.name, err?.inner?.name].join(' ');
  if (/Quota/i.test(names) || /quota/i.test(messageOf(e))) return 'the browser’s storage for this site is full (free some space, e.g. delete saved experiments)';
  return `the browser’s storage refused the write (${messageOf(e)})`;
}

export class OwnRunner {
  private snap: OwnSnapshot = IDLE_OWN;
  private loop: Promise<void> = Promise.resolve();
  /** The run this tab works on now, and whether its training is held in the engine (pause) or its evaluation is to stop after the point in progress. */
  private active: { id: string; phase: 'training' | 'evaluating'; held: boolean } | null = null;
  private pauseEval = false;
  private stopping = false;
  /** Training seconds of the run in progress, as of its latest progress report (stored with each checkpoint). */
  private trainSeconds = 0;
  private readonly now: () => number;

  constructor(
    private readonly deps: OwnDeps,
    private readonly listener: (s: OwnSnapshot) => void = () => {},
  ) {
    this.now = deps.now ?? (() => Date.now());
  }

  snapshot(): OwnSnapshot {
    return this.snap;
  }

  get busy(): boolean {
    return this.active !== null;
  }

  private emit(patch: Partial<OwnSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.listener(this.snap);
  }

  private async refresh(id: string): Promise<OwnRunRow | null> {
    const run = (await getOwnRun(this.deps.db, id)) ?? null;
    if (this.snap.run?.id === id || this.snap.run === null) this.emit({ run });
    return run;
  }

  /** Shows the newest run of a preset (nothing runs). */
  async show(preset: CondPresetId): Promise<void> {
    if (this.busy && this.snap.preset === preset) return;
    if (this.busy) throw new Error(`your ${this.snap.preset} model is in progress: pause it first`);
    const run = await latestOwnRun(this.deps.db, preset);
    const points = run ? await ownPoints(this.deps.db, run.id) : [];
    this.emit({ ...IDLE_OWN, preset, run, points, iteration: run?.iteration ?? 0 });
  }

  /** Starts a new run for the preset; `budget` cuts iterations and grid (tests). */
  async start(preset: CondPresetId, budget: { iterations?: number; points?: number; checkpointEvery?: number } = {}): Promise<void> {
    if (this.busy) throw new Error('a model is already in progress here');
    const cp = needPreset(preset);
    const grid = ownGrid(cp, budget.points ?? null);
    const run = await createOwnRun(this.deps.db, {
      preset,
      total: budget.iterations ?? cp.iterations,
      checkpointEvery: budget.checkpointEvery ?? CHECKPOINT_EVERY,
      points: grid.points,
      order: grid.order,
      now: this.now(),
    });
    this.emit({ ...IDLE_OWN, preset, run });
    this.go(run.id);
  }

  /** Resumes a paused, interrupted or failed run: the held training in place, else from the stored state. */
  async resume(): Promise<void> {
    const run = this.snap.run;
    if (!run || run.phase === 'done') return;
    if (this.active?.id === run.id && this.active.held) {
      this.active.held = false;
      await updateOwnRun(this.deps.db, run.id, { state: 'running', message: null }, this.now());
      await this.refresh(run.id);
      this.emit({ activity: 'training', message: null });
      await this.deps.engine.resume();
      return;
    }
    if (this.active?.id === run.id) {
      // Pausing the evaluation after the point in progress: cancel that.
      this.pauseEval = false;
      this.emit({ activity: 'evaluating' });
      return;
    }
    if (this.busy) return;
    this.go(run.id);
  }

  async pause(): Promise<void> {
    const a = this.active;
    if (!a) return;
    if (a.phase === 'evaluating') {
      this.pauseEval = true;
      this.emit({ activity: 'pausing' });
      return;
    }
    if (a.held) return;
    a.held = true;
    const c = await this.deps.engine.pause();
    if (c) await this.storeCheckpoint(a.id, c);
    await updateOwnRun(this.deps.db, a.id, { state: 'paused' }, this.now());
    await this.refresh(a.id);
    this.emit({ activity: 'idle', etaSeconds: null });
  }

  /** Stops whatever runs and deletes the run with everything stored for it. */
  async discard(): Promise<void> {
    const run = this.snap.run;
    if (!run) return;
    if (this.active) {
      this.stopping = true;
      this.pauseEval = true;
      await this.deps.engine.stop().catch(() => undefined);
      await this.loop.catch(() => undefined);
      this.stopping = false;
    }
    await deleteOwnRun(this.deps.db, run.id);
    this.emit({ ...IDLE_OWN, preset: this.snap.preset });
  }

  /** Resolves when the current loop has ended. */
  whenIdle(): Promise<void> {
    return this.loop.catch(() => undefined);
  }

  private go(id: string): void {
    const lock = this.deps.lock ?? ((i: string, fn: () => Promise<void>) => withNamedLock(OWN_LOCK_PREFIX, i, fn));
    this.pauseEval = false;
    // Busy from now on: a second Start or Resume before the lock is granted is refused.
    this.active = { id, phase: 'training', held: false };
    this.loop = lock(id, () => this.run(id)).catch((e: unknown) => {
      this.active = null;
      this.emit({ message: `Could not start: ${messageOf(e)}`, activity: 'idle' });
    });
  }

  private async storeCheckpoint(id: string, c: CondCheckpoint): Promise<void> {
    try {
      await saveOwnCheckpoint(this.deps.db, id, c, this.trainSeconds, this.now());
      await this.refresh(id);
      this.emit({ note: null });
    } catch (e) {
      // Training goes on; the stored checkpoint stays the older one.
      const at = this.snap.run?.iteration ?? 0;
      this.emit({ note: `The checkpoint at iteration ${c.iteration} could not be stored: ${storageMessage(e)}. Training goes on; a reload would resume from iteration ${at}.` });
    }
  }

  private async run(id: string): Promise<void> {
    const { db, engine } = this.deps;
    const active = this.active!;
    let run = await getOwnRun(db, id);
    if (!run) {
      this.active = null;
      this.emit({ message: 'this model is not stored in this browser' });
      return;
    }
    active.phase = run.phase === 'training' ? 'training' : 'evaluating';
    try {
      await updateOwnRun(db, id, { state: 'running', message: null }, this.now());
      run = (await this.refresh(id))!;
      this.emit({ message: null, note: null });
      if (run.phase === 'training') {
        const from = await loadOwnCheckpoint(db, id);
        const startIteration = from?.iteration ?? 0;
        const baseSeconds = from ? run.trainSeconds : 0;
        this.trainSeconds = baseSeconds;
        this.emit({ activity: 'training', iteration: startIteration, itersPerSecond: 0, etaSeconds: null });
        const result = await engine.train(run, from, {
          onProgress: (p) => {
            if (p.itersPerSecond > 0) this.trainSeconds = baseSeconds + (p.iteration - startIteration) / p.itersPerSecond;
            this.emit({ iteration: p.iteration, itersPerSecond: p.itersPerSecond, etaSeconds: this.active?.held ? null : p.etaSeconds, losses: p.losses });
          },
          onCheckpoint: (c) => this.storeCheckpoint(id, c),
        });
        const trainSeconds = baseSeconds + result.seconds;
        try {
          await saveOwnModel(db, id, result.model, { trainSeconds, finalLosses: result.losses }, this.now());
        } catch (e) {
          throw new Error(`the trained model could not be stored: ${storageMessage(e)}. The last checkpoint is kept: Resume trains on from it`);
        }
        run = (await this.refresh(id))!;
        active.phase = 'evaluating';
      }
      await this.evaluate(run);
    } catch (e) {
      if (this.stopping) return;
      const stored = (await getOwnRun(db, id).catch(() => undefined)) ?? run;
      const kept =
        stored.phase !== 'training'
          ? ' Every point evaluated so far is kept.'
          : stored.iteration > 0
            ? ` The last good checkpoint (iteration ${stored.iteration}) is kept.`
            : ' Nothing was stored yet.';
      const text = `${stored.phase === 'training' ? 'Training' : 'The evaluation'} stopped: ${messageOf(e)}.${kept}`;
      await updateOwnRun(db, id, { state: 'failed', message: text }, this.now()).catch(() => undefined);
      await this.refresh(id).catch(() => undefined);
      this.emit({ message: text, activity: 'idle', etaSeconds: null, evalEtaSeconds: null });
    } finally {
      this.active = null;
    }
  }

  private async evaluate(run: OwnRunRow): Promise<void> {
    const { db, engine } = this.deps;
    const model = await loadOwnModel(db, run.id);
    if (!model) throw new Error('the trained model is missing from this browser’s storage');
    const points = await ownPoints(db, run.id);
    const done = new Set(points.map((p) => p.index));
    this.emit({ activity: 'evaluating', points, evalEtaSeconds: null, iteration: run.total });
    const seconds: number[] = [];
    for (;;) {
      if (this.pauseEval) {
        if (!this.stopping) {
          await updateOwnRun(db, run.id, { state: 'paused' }, this.now());
          await this.refresh(run.id);
          this.emit({ activity: 'idle', evalEtaSeconds: null });
        }
        return;
      }
      const index = nextPending(run, done);
      if (index === null) break;
      const e = await engine.evaluate(run, model, run.points[index]);
      if (this.stopping) return;
      let row: OwnPointRow;
      try {
        row = await saveOwnPoint(db, run.id, index, withSeedSpread(metricsOf(e), run.preset), this.now());
      } catch (err) {
        throw new Error(`point ${index} could not be stored: ${storageMessage(err)}`);
      }
      done.add(index);
      seconds.push(e.seconds);
      const left = run.order.filter((i) => !done.has(i)).length;
      const mean = seconds.reduce((a, b) => a + b, 0) / seconds.length;
      this.emit({ points: [...this.snap.points.filter((p) => p.index !== index), row].sort((a, b) => a.index - b.index), evalEtaSeconds: left * mean });
    }
    await updateOwnRun(db, run.id, { phase: 'done', state: 'done' }, this.now());
    await this.refresh(run.id);
    this.emit({ activity: 'idle', evalEtaSeconds: null });
  }
}
