import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../config';
import { ExperimentDb } from '../db/db';
import { createExperiment, loadBundle, recoverInterrupted } from '../db/repo';
import { fakeMetrics, thumbnails } from '../fixtures';
import { EXPERIMENT_PRESETS } from '../presets';
import type { Baselines } from '../records';
import { abortError, type PointEvents, type PointJob, type PointOutcome, type SweepEngine, type WarmStartSource } from './engine';
import { estimateEta, SweepRunner, type SweepSnapshot } from './runner';

// A deterministic stand-in for the training worker: it reports progress every
// 10 iterations, evaluates every evalEvery, yields to the event loop between
// reports, and can fail, hang or pause on request. The runner is the unit
// under test; the real engine adapter is exercised by the e2e test.
class ScriptedEngine implements SweepEngine {
  readonly runs: number[] = [];
  readonly failAt = new Set<number>();
  hangAt: number | null = null;
  paused = false;
  pauseCalls = 0;
  baselineCalls = 0;
  /** Iterations of a shared warm start trained before the first point (0: none). */
  warmStart = 0;
  /** Where every point's warm start comes from, as the worker answers (null: the config has none). */
  warmSource: WarmStartSource | null = null;
  warmNote: string | undefined = undefined;

  async baselines(): Promise<Baselines> {
    this.baselineCalls++;
    await tick();
    return {
      identity: { D: 1, P: 5, C: 0.6, Ptrain: null, iteration: 0, seconds: 0.1 },
      clean: { D: 0, P: 0, C: 0.08, Ptrain: null, iteration: 0, seconds: 0.1 },
    };
  }

  async runPoint(job: PointJob, ev: PointEvents, signal: AbortSignal): Promise<PointOutcome> {
    this.runs.push(job.index);
    if (this.warmStart > 0) {
      ev.onPhase('warming');
      for (let it = 100; it <= this.warmStart; it += 100) {
        await tick();
        ev.onWarmProgress({ iteration: it, total: this.warmStart, itersPerSecond: 50, note: this.warmNote });
      }
      this.warmStart = 0;
    }
    if (this.warmSource) {
      ev.onWarmStart?.(this.warmSource);
      this.warmSource = { ...this.warmSource, reused: true };
    }
    ev.onPhase('training');
    const { iterations, evalEvery } = job.config;
    const m = fakeMetrics(job.weights.alpha, job.weights.beta, job.weights.gamma);
    for (let it = 10; ; it += 10) {
      await tick();
      while (this.paused && !signal.aborted) await tick();
      if (signal.aborted) throw abortError();
      if (this.hangAt === job.index && it > iterations / 2) continue;
      if (it > iterations) break;
      ev.onProgress({ iteration: it, total: iterations, itersPerSecond: 100, losses: { total: 1 / it, mse: 0.1 } });
      if (evalEvery > 0 && it % evalEvery === 0) ev.onEval({ iteration: it, D: m.D * 2, P: m.P * 2, C: m.C * 2 });
      if (this.failAt.has(job.index) && it >= iterations / 2) throw new Error(`NaN or Inf in the losses by iteration ${it}`);
    }
    ev.onPhase('evaluating');
    await tick();
    return {
      metrics: { ...m, Ptrain: m.P, iteration: iterations, seconds: 0.5 },
      thumbnails: thumbnails(2, 4, 4, 1, job.index),
      restorerWeights: { specs: [{ name: 'w', shape: [1], dtype: 'float32' }], data: 'AACAPw==' },
    };
  }

  async pause() {
    this.pauseCalls++;
    this.paused = true;
  }
  async resume() {
    this.paused = false;
  }
}

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

const TINY: ExperimentConfig = {
  ...EXPERIMENT_PRESETS[0].config,
  preset: 'custom',
  iterations: 40,
  evalEvery: 20,
  weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 1, steps: 2 }, gamma: { from: 0, to: 0.5, steps: 2 } },
};

let factory: IDBFactory;
let db: ExperimentDb;
let clock: number;
beforeEach(() => {
  factory = new IDBFactory();
  db = new ExperimentDb('t', { indexedDB: factory, IDBKeyRange });
  clock = 1_000_000;
});
afterEach(() => db.close());

const noLock = (_id: string, fn: () => Promise<void>) => fn();

function runnerFor(engine: SweepEngine, seen: SweepSnapshot[] = [], onSaved?: (id: string, n: number) => void) {
  let saved = 0;
  return new SweepRunner(
    { db, engine, lock: noLock, now: () => (clock += 1000), onSaved: (id) => onSaved?.(id, ++saved) },
    (s) => seen.push(s),
  );
}

describe('sweep runner', () => {
  it('runs every point in order, saving each the moment it finishes, with baselines first', async () => {
    const e = await createExperiment(db, { name: 'tiny', config: TINY });
    const engine = new ScriptedEngine();
    const savedCounts: number[] = [];
    const seen: SweepSnapshot[] = [];
    const runner = runnerFor(engine, seen, async () => {
      // At each save the database already holds exactly the points finished so far.
      savedCounts.push((await loadBundle(db, e.id))!.points.length);
    });
    await runner.start(e.id);
    expect(engine.runs).toEqual([0, 1, 2, 3]);
    expect(engine.baselineCalls).toBe(1);
    const b = (await loadBundle(db, e.id))!;
    expect(b.experiment.sweep).toBe('done');
    expect(b.experiment.baselines.clean?.C).toBe(0.08);
    expect(b.points.map((p) => [p.index, p.status, p.trail.length, p.history.iteration])).toEqual(
      [0, 1, 2, 3].map((i) => [i, 'done', 2, [10, 20, 30, 40]]),
    );
    // Weights were not asked for: not kept.
    expect(b.points.every((p) => p.restorerWeights === null)).toBe(true);
    expect(savedCounts.length).toBe(4);
    // Statuses seen for point 2, in order, without repeats.
    const statuses = seen.map((s) => s.points[2]?.status).filter((x, i, a) => x && x !== a[i - 1]);
    expect(statuses).toEqual(['queued', 'training', 'evaluating', 'done']);
    const last = seen[seen.length - 1];
    expect([last.state, last.sweepProgress, last.current]).toEqual(['done', 1, null]);
    // Progress of the sweep never goes back.
    const prog = seen.map((s) => s.sweepProgress);
    expect(prog.every((x, i) => i === 0 || x >= prog[i - 1])).toBe(true);
  });

  it('shows the shared warm start as its own phase of the first point, outside its loss history', async () => {
    const e = await createExperiment(db, { name: 'w', config: TINY });
    const engine = new ScriptedEngine();
    engine.warmStart = 300;
    const seen: SweepSnapshot[] = [];
    await runnerFor(engine, seen).start(e.id);
    const statuses = seen.map((s) => s.points[0]?.status).filter((x, i, a) => x && x !== a[i - 1]);
    // The runner marks a point as training as it hands it over; the engine reports the warm start from there.
    expect(statuses).toEqual(['queued', 'training', 'warming', 'training', 'evaluating', 'done']);
    const warming = seen.filter((s) => s.points[0]?.status === 'warming' && s.points[0].iteration > 0);
    expect(warming.map((s) => [s.points[0].iteration, s.points[0].total, s.pointProgress])).toEqual([
      [100, 300, 1 / 3],
      [200, 300, 2 / 3],
      [300, 300, 1],
    ]);
    // Training starts the point's own count again, and the sweep does not count the warm start as a finished point.
    const lastWarm = seen.findLastIndex((s) => s.points[0]?.status === 'warming');
    const firstTraining = seen.slice(lastWarm).find((s) => s.points[0]?.status === 'training')!;
    expect([firstTraining.points[0].iteration, firstTraining.points[0].total]).toEqual([0, TINY.iterations]);
    expect(warming.every((s) => s.sweepProgress === 0)).toBe(true);
    const b = (await loadBundle(db, e.id))!;
    expect(b.points[0].history.iteration).toEqual([10, 20, 30, 40]);
  });

  it('says whether the warm start was shipped or trained here, and why', async () => {
    const shipped = await createExperiment(db, { name: 's', config: TINY });
    const engine = new ScriptedEngine();
    engine.warmSource = { source: 'shipped', reused: false, iterations: 1200, dir: 'warm-denoise-fast', testMse: 0.03261, note: null };
    const seen: SweepSnapshot[] = [];
    await runnerFor(engine, seen).start(shipped.id);
    const shippedMsg = 'Every point starts from the shipped warm start warm-denoise-fast (1,200 MSE iterations, test MSE 0.0326).';
    // Said once the first point starts, and kept for the rest of the sweep (later points reuse it).
    expect(seen.filter((s) => s.message === shippedMsg).length).toBeGreaterThan(0);
    expect(seen.at(-1)!.message).toBe(shippedMsg);

    const trained = await createExperiment(db, { name: 't', config: TINY });
    const e2 = new ScriptedEngine();
    e2.warmStart = 200;
    e2.warmNote = 'no shipped warm start matches this config';
    e2.warmSource = { source: 'trained', reused: false, iterations: 200, dir: null, testMse: null, note: e2.warmNote };
    const seen2: SweepSnapshot[] = [];
    await runnerFor(e2, seen2).start(trained.id);
    const msgs = [...new Set(seen2.map((s) => s.message).filter(Boolean))];
    expect(msgs).toContain('Training the shared warm start once for this sweep (no shipped warm start matches this config)…');
    expect(seen2.at(-1)!.message).toBe('Every point starts from a warm start trained in this browser (200 MSE iterations): no shipped warm start matches this config.');
  });

  it('a failing point is saved as failed with its reason and the sweep goes on', async () => {
    const e = await createExperiment(db, { name: 'f', config: { ...TINY, saveWeights: true } });
    const engine = new ScriptedEngine();
    engine.failAt.add(1);
    const runner = runnerFor(engine);
    await runner.start(e.id);
    const b = (await loadBundle(db, e.id))!;
    expect(b.points.map((p) => p.status)).toEqual(['done', 'failed', 'done', 'done']);
    expect(b.points[1].reason).toBe('NaN or Inf in the losses by iteration 20');
    expect(b.points[1].history.iteration).toEqual([10, 20]);
    expect(b.points[0].restorerWeights?.data).toBe('AACAPw==');
    expect(runner.snapshot().points[1]).toMatchObject({ status: 'failed', reason: 'NaN or Inf in the losses by iteration 20' });
  });

  it('cancel drops the point in training; starting again runs only what is left', async () => {
    const e = await createExperiment(db, { name: 'c', config: TINY });
    const engine = new ScriptedEngine();
    engine.hangAt = 2;
    const seen: SweepSnapshot[] = [];
    const runner = runnerFor(engine, seen);
    const done = runner.start(e.id);
    while (runner.snapshot().current !== 2 || runner.snapshot().points[2].iteration < 10) await tick();
    await runner.cancel();
    await done;
    expect(runner.snapshot().state).toBe('cancelled');
    expect(runner.snapshot().points[2].status).toBe('queued');
    let b = (await loadBundle(db, e.id))!;
    expect([b.experiment.sweep, b.points.map((p) => p.index)]).toEqual(['cancelled', [0, 1]]);
    engine.hangAt = null;
    await runner.start(e.id);
    expect(engine.runs).toEqual([0, 1, 2, 2, 3]);
    b = (await loadBundle(db, e.id))!;
    expect([b.experiment.sweep, b.points.map((p) => p.index)]).toEqual(['done', [0, 1, 2, 3]]);
    expect(engine.baselineCalls).toBe(1);
  });

  it('a reload mid-sweep keeps finished points, offers the sweep, and resumes with the rest', async () => {
    const e = await createExperiment(db, { name: 'r', config: TINY });
    const engine = new ScriptedEngine();
    engine.hangAt = 1;
    const first = runnerFor(engine);
    void first.start(e.id);
    while (first.snapshot().current !== 1) await tick();
    const before = (await loadBundle(db, e.id))!;
    expect(before.experiment.sweep).toBe('running');
    // The tab goes away: a new connection, as a reload would open.
    db.close();
    db = new ExperimentDb('t', { indexedDB: factory, IDBKeyRange });
    const offered = await recoverInterrupted(db);
    expect(offered.map((s) => [s.experiment.id, s.experiment.sweep, s.done])).toEqual([[e.id, 'interrupted', 1]]);
    const engine2 = new ScriptedEngine();
    await runnerFor(engine2).start(e.id);
    expect(engine2.runs).toEqual([1, 2, 3]);
    const after = (await loadBundle(db, e.id))!;
    expect(after.points[0]).toEqual(before.points[0]);
    expect(after.points.length).toBe(4);
    // Stop the orphaned first loop (its connection is closed; nothing it does reaches the database).
    await first.cancel();
    expect((await loadBundle(db, e.id))!.experiment.sweep).toBe('done');
  });

  it('pause holds the point and records the sweep as paused; resume finishes it', async () => {
    const e = await createExperiment(db, { name: 'p', config: TINY });
    const engine = new ScriptedEngine();
    const runner = runnerFor(engine);
    const done = runner.start(e.id);
    while (runner.snapshot().current !== 1) await tick();
    await runner.pause();
    expect(runner.snapshot().state).toBe('paused');
    expect((await loadBundle(db, e.id))!.experiment.sweep).toBe('paused');
    const it0 = runner.snapshot().points[1].iteration;
    for (let k = 0; k < 20; k++) await tick();
    expect(runner.snapshot().points[1].iteration).toBe(it0);
    await expect(runner.start(e.id)).rejects.toThrow(/already running/);
    await runner.resume();
    await done;
    expect(runner.snapshot().state).toBe('done');
    expect(engine.pauseCalls).toBe(1);
  });

  it('a missing experiment fails with a message', async () => {
    const runner = runnerFor(new ScriptedEngine());
    await runner.start('nope-nope');
    expect(runner.snapshot()).toMatchObject({ state: 'failed', message: 'this experiment is not saved in this browser' });
  });
});

describe('estimateEta', () => {
  it('current point at its rate, queued points at the mean finished duration', () => {
    expect(estimateEta({ iteration: 100, total: 400, itersPerSecond: 2, queuedAfterCurrent: 3, finishedDurations: [200, 220] })).toBe(150 + 3 * 210);
  });
  it('before any point finished, queued points at the projected duration of this one', () => {
    expect(estimateEta({ iteration: 0, total: 400, itersPerSecond: 4, queuedAfterCurrent: 2, finishedDurations: [] })).toBe(100 + 2 * 100);
  });
  it('unknown without a rate or a finished point', () => {
    expect(estimateEta({ iteration: 0, total: 400, itersPerSecond: 0, queuedAfterCurrent: 2, finishedDurations: [] })).toBeNull();
    expect(estimateEta({ iteration: 0, total: 400, itersPerSecond: NaN, queuedAfterCurrent: 1, finishedDurations: [50] })).toBe(100);
  });
});
