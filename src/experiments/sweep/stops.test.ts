import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentDb } from '../db/db';
import { createExperiment, loadBundle, saveBaselines } from '../db/repo';
import type { Baselines } from '../records';
import { abortError, workerLostError, type PointJob, type PointOutcome, type SweepEngine } from './engine';
import { fakeOutcome, memoryDb, noLock, smallConfig, TEST_BASELINES } from './runnerFixtures';
import { SweepRunner } from './runner';

// What stops a sweep from outside the point: its worker dies, the store is
// full when a trained point is saved, another tab asks it to stop. Each
// says why, keeps every point finished before, and leaves the sweep
// continuable.

class Engine implements SweepEngine {
  readonly runs: number[] = [];
  /** The worker dies during this point (once). */
  dieAt: number | null = null;
  /** Resolves the point in training only when released (to stop it from outside). */
  holdAt: number | null = null;
  beforeRun: (index: number) => void = () => {};
  async baselines(): Promise<Baselines> {
    return BASELINES;
  }
  async runPoint(job: PointJob, _ev: unknown, signal: AbortSignal): Promise<PointOutcome> {
    this.runs.push(job.index);
    this.beforeRun(job.index);
    if (this.dieAt === job.index) {
      this.dieAt = null;
      throw workerLostError('the training worker stopped (the browser ended it, e.g. when it ran out of memory)');
    }
    if (this.holdAt === job.index)
      await new Promise<void>((_r, reject) => signal.addEventListener('abort', () => reject(abortError())));
    return fakeOutcome(job);
  }
  async pause() {}
  async resume() {}
}

const CONFIG = smallConfig(3);
const BASELINES = TEST_BASELINES;

let db: ExperimentDb;
beforeEach(() => {
  db = memoryDb('s');
});
afterEach(() => db.close());

async function saved(id: string) {
  const b = await loadBundle(db, id);
  return { sweep: b!.experiment.sweep, points: b!.points.map((p) => `${p.index}:${p.status}`) };
}

describe('a sweep stopped from outside the point', () => {
  it('a dead worker: the point is discarded (not failed), the finished ones stay, Continue completes', async () => {
    const e = await createExperiment(db, { name: 'w', config: CONFIG });
    await saveBaselines(db, e.id, BASELINES);
    const engine = new Engine();
    engine.dieAt = 1;
    const runner = new SweepRunner({ db, engine, lock: noLock });
    await runner.start(e.id);
    const s = runner.snapshot();
    expect(s.state).toBe('failed');
    expect(s.message).toBe(
      'Sweep stopped: the training worker stopped (the browser ended it, e.g. when it ran out of memory). The point in training was discarded; the 1 point finished before is kept. Continue this sweep to go on with a fresh worker.',
    );
    expect(s.points.map((p) => p.status)).toEqual(['done', 'queued', 'queued']);
    expect(await saved(e.id)).toEqual({ sweep: 'interrupted', points: ['0:done'] });
    await runner.start(e.id);
    expect(runner.snapshot().state).toBe('done');
    expect(await saved(e.id)).toEqual({ sweep: 'done', points: ['0:done', '1:done', '2:done'] });
  });

  it('storage full when a trained point is saved: the cause and what was kept are named, nothing saved before changes', async () => {
    const e = await createExperiment(db, { name: 'q', config: CONFIG });
    await saveBaselines(db, e.id, BASELINES);
    const engine = new Engine();
    let full = false;
    // As Chromium reports it through dexie: the transaction aborts with the quota error inside.
    const quota = () => Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }) });
    db.points.hook('creating', () => {
      if (full) throw quota();
    });
    // The sweep-state write after the failure is refused too.
    db.experiments.hook('updating', () => {
      if (full) throw quota();
    });
    engine.beforeRun = (i) => {
      if (i === 1) full = true;
    };
    const runner = new SweepRunner({ db, engine, lock: noLock });
    await runner.start(e.id);
    const s = runner.snapshot();
    expect(s.state).toBe('failed');
    // The refused state write adds to the message; it never hides why the sweep stopped.
    expect(s.message).toBe(
      'Sweep stopped: storage is full: point 2 trained but could not be saved; the 1 point finished before is kept. To go on, free space (export, then delete saved sweeps, or clear other site data) and continue this sweep.' +
        ' The sweep’s state (interrupted) could not be saved: storage is full (this browser’s quota for the site is used up).',
    );
    expect(s.points.map((p) => p.status)).toEqual(['done', 'queued', 'queued']);
    expect((await saved(e.id)).points).toEqual(['0:done']);
    full = false;
    engine.beforeRun = () => {};
    await runner.start(e.id);
    expect(await saved(e.id)).toEqual({ sweep: 'done', points: ['0:done', '1:done', '2:done'] });
  });

  it('stopped on another tab’s request: the point in training is dropped and the reason is the final message', async () => {
    const e = await createExperiment(db, { name: 'x', config: CONFIG });
    await saveBaselines(db, e.id, BASELINES);
    const engine = new Engine();
    engine.holdAt = 1;
    const runner = new SweepRunner({ db, engine, lock: noLock });
    const loop = runner.start(e.id);
    while (engine.runs.length < 2) await new Promise((r) => setTimeout(r, 1));
    await runner.cancel('Sweep stopped: it was deleted in another tab (its saved points went with it).');
    await loop;
    expect(runner.snapshot().state).toBe('cancelled');
    expect(runner.snapshot().message).toBe('Sweep stopped: it was deleted in another tab (its saved points went with it).');
    expect((await saved(e.id)).points).toEqual(['0:done']);
  });

  it('waiting for another tab’s lock: state waiting with its message; cancelling gives up without running anything', async () => {
    const e = await createExperiment(db, { name: 'l', config: CONFIG });
    const engine = new Engine();
    const lock = (_id: string, _fn: () => Promise<void>, signal?: AbortSignal) =>
      new Promise<void>((_r, reject) => signal?.addEventListener('abort', () => reject(abortError())));
    const runner = new SweepRunner({ db, engine, lock });
    const loop = runner.start(e.id, 'Waiting for the other tab…');
    expect(runner.snapshot()).toMatchObject({ state: 'waiting', message: 'Waiting for the other tab…', experimentId: e.id });
    expect(runner.busy).toBe(true);
    await runner.cancel();
    await loop;
    expect(runner.snapshot().state).toBe('cancelled');
    expect(engine.runs).toEqual([]);
    expect((await saved(e.id)).sweep).toBe('queued');
  });
});
