import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLoadError } from '../../data/errors';
import type { ExperimentDb } from '../db/db';
import { createExperiment, loadBundle, recoverInterrupted, saveBaselines } from '../db/repo';
import type { Baselines } from '../records';
import type { PointJob, PointOutcome, SweepEngine } from './engine';
import { fakeOutcome, memoryDb, noLock, smallConfig, TEST_BASELINES } from './runnerFixtures';
import { SweepRunner, type SweepSnapshot } from './runner';

// A sweep whose dataset is not installed stops, names the dataset, and stays
// continuable: no point is saved as failed, and once the data is there
// Continue trains every point.

const MESSAGE = 'CIFAR-10 is not installed: run `npm run data -- --cifar10 PATH` ...';

/** The data appears when `installed` is set; until then every load fails as the worker's loader does. */
class DataEngine implements SweepEngine {
  installed = false;
  readonly runs: number[] = [];
  private missing(): Error {
    // As it arrives from the worker through comlink: a plain Error with the name and message.
    const e = new DataLoadError('cifar10/manifest.json', 'missing', MESSAGE);
    return Object.assign(new Error(e.message), { name: e.name });
  }
  async baselines(): Promise<Baselines> {
    if (!this.installed) throw this.missing();
    return { identity: null, clean: null };
  }
  async runPoint(job: PointJob): Promise<PointOutcome> {
    this.runs.push(job.index);
    if (!this.installed) throw this.missing();
    return fakeOutcome(job);
  }
  async pause() {}
  async resume() {}
}

const CONFIG = smallConfig(2);
const BASELINES = TEST_BASELINES;

let db: ExperimentDb;
beforeEach(() => {
  db = memoryDb('m');
});
afterEach(() => db.close());

describe('a sweep stopped for missing data', () => {
  it('fails no point, says why, and completes on Continue once the data is installed', async () => {
    const e = await createExperiment(db, { name: 'cifar', config: CONFIG });
    // Baselines already measured (an imported or continued sweep): the points are what meet the missing data.
    await saveBaselines(db, e.id, BASELINES);
    const engine = new DataEngine();
    const seen: SweepSnapshot[] = [];
    const runner = new SweepRunner({ db, engine, lock: noLock }, (s) => seen.push(s));
    await runner.start(e.id);

    const last = seen[seen.length - 1];
    expect(last.state).toBe('failed');
    expect(last.message).toBe(`Sweep stopped: ${MESSAGE}`);
    expect(last.points.map((p) => p.status)).toEqual(['queued', 'queued']);
    expect(engine.runs).toEqual([0]);
    let b = (await loadBundle(db, e.id))!;
    expect(b.points).toEqual([]);
    expect(b.experiment.sweep).toBe('interrupted');
    expect((await recoverInterrupted(db)).map((x) => x.experiment.id)).toContain(e.id);

    engine.installed = true;
    await runner.start(e.id);
    b = (await loadBundle(db, e.id))!;
    expect(b.points.map((p) => p.status)).toEqual(['done', 'done']);
    expect(b.experiment.sweep).toBe('done');
  });

  it('other point errors still fail only that point', async () => {
    const e = await createExperiment(db, { name: 'nan', config: CONFIG });
    await saveBaselines(db, e.id, BASELINES);
    const engine = new DataEngine();
    engine.installed = true;
    const run = engine.runPoint.bind(engine);
    engine.runPoint = async (job) => (job.index === 0 ? Promise.reject(new Error('NaN in the losses')) : run(job));
    await new SweepRunner({ db, engine, lock: noLock }).start(e.id);
    const b = (await loadBundle(db, e.id))!;
    expect(b.points.map((p) => [p.status, p.reason])).toEqual([
      ['failed', 'NaN in the losses'],
      ['done', undefined],
    ]);
  });
});
