import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportText, parseExportText } from '../exportFile';
import { fakeBundle } from '../fixtures';
import { EXPERIMENT_PRESETS } from '../presets';
import { ExperimentDb } from './db';
import {
  createExperiment,
  deleteExperiment,
  findByConfig,
  importBundle,
  listExperiments,
  loadBundle,
  pendingIndices,
  recoverInterrupted,
  saveBaselines,
  savePoint,
  setSweepState,
} from './repo';

let db: ExperimentDb;
let factory: IDBFactory;

// A fresh in-memory IndexedDB per test; "reopen" = a new connection to the same factory (a reload).
beforeEach(() => {
  factory = new IDBFactory();
  db = new ExperimentDb('test', { indexedDB: factory, IDBKeyRange });
});
afterEach(() => db.close());

const reopen = () => {
  db.close();
  db = new ExperimentDb('test', { indexedDB: factory, IDBKeyRange });
  return db;
};

describe('experiment persistence', () => {
  it('saves each finished point the moment it finishes; a reopened database has them all', async () => {
    const b = fakeBundle({ done: 5 });
    const e = await createExperiment(db, { name: 'sweep', config: b.experiment.config, now: 1000, id: 'exp-aaaaaa' });
    await setSweepState(db, e.id, 'running');
    for (const p of b.points.slice(0, 3)) await savePoint(db, e.id, p, 2000 + p.index);
    const mid = await loadBundle(reopen(), e.id);
    expect(mid?.points).toEqual(b.points.slice(0, 3));
    expect(mid?.experiment.updatedAt).toBe(2002);
    for (const p of b.points.slice(3)) await savePoint(db, e.id, p);
    expect((await loadBundle(reopen(), e.id))?.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(await pendingIndices(db, e.id)).toEqual([5, 6, 7, 8]);
  });

  it('refuses a point that does not fit its experiment or the schema', async () => {
    const b = fakeBundle();
    const e = await createExperiment(db, { name: 'x', config: b.experiment.config });
    await expect(savePoint(db, e.id, { ...b.points[0], index: 99 })).rejects.toThrow(/not in the experiment/);
    await expect(savePoint(db, 'missing-id', b.points[0])).rejects.toThrow(/no experiment/);
    await expect(savePoint(db, e.id, { ...b.points[0], status: 'failed' })).rejects.toThrow();
    expect((await loadBundle(db, e.id))?.points).toEqual([]);
  });

  it('a reload marks a running sweep interrupted and offers it for resume; another tab’s live sweep is left alone', async () => {
    const cfg = EXPERIMENT_PRESETS[0].config;
    const a = await createExperiment(db, { name: 'a', config: cfg, now: 1 });
    const b = await createExperiment(db, { name: 'b', config: cfg, now: 2 });
    const c = await createExperiment(db, { name: 'c', config: cfg, now: 3 });
    for (const x of [a, b, c]) await setSweepState(db, x.id, 'running');
    await savePoint(db, a.id, fakeBundle().points[0]);
    const offered = await recoverInterrupted(reopen(), { heldIds: new Set([c.id]) });
    expect(offered.map((s) => [s.experiment.name, s.experiment.sweep, s.done, s.total]).sort()).toEqual([
      ['a', 'interrupted', 1, 9],
      ['b', 'interrupted', 0, 9],
    ]);
    expect((await loadBundle(db, c.id))?.experiment.sweep).toBe('running');
    // A finished sweep is not offered.
    await setSweepState(db, b.id, 'done');
    for (const p of fakeBundle().points) await savePoint(db, b.id, p);
    expect((await recoverInterrupted(db)).map((s) => s.experiment.name)).toEqual(['c', 'a']);
  });

  it('lists newest first with counts, finds by config, deletes with the points', async () => {
    const cfg1 = EXPERIMENT_PRESETS[0].config;
    const cfg2 = EXPERIMENT_PRESETS[1].config;
    const one = await createExperiment(db, { name: 'one', config: cfg1, now: 10 });
    const two = await createExperiment(db, { name: 'two', config: cfg2, now: 20 });
    await savePoint(db, one.id, fakeBundle().points[0], 30);
    await savePoint(db, one.id, { ...fakeBundle().points[1], status: 'failed', reason: 'NaN', metrics: null }, 31);
    await saveBaselines(db, two.id, fakeBundle().experiment.baselines, 25);
    const list = await listExperiments(db);
    expect(list.map((s) => [s.experiment.name, s.done, s.failed, s.total])).toEqual([
      ['one', 1, 1, 9],
      ['two', 0, 0, 6],
    ]);
    expect(list[1].experiment.baselines.clean?.C).toBe(0.08);
    expect((await findByConfig(db, { ...cfg2 })).map((e) => e.name)).toEqual(['two']);
    expect(await findByConfig(db, { ...cfg2, seed: 9 })).toEqual([]);
    await deleteExperiment(db, one.id);
    expect((await listExperiments(db)).map((s) => s.experiment.name)).toEqual(['two']);
    expect(await db.points.count()).toBe(0);
  });
});

describe('import', () => {
  it('adds an exported experiment to a fresh database and reproduces it exactly', async () => {
    const b = fakeBundle({ withWeights: true });
    const parsed = parseExportText(exportText(b, { includeWeights: true }));
    if (!parsed.ok) throw new Error(parsed.reason);
    const r = await importBundle(db, parsed.value);
    expect(r.ok).toBe(true);
    expect(await loadBundle(reopen(), b.experiment.id)).toEqual(b);
  });

  it('never overwrites: the same id again is refused with the reason and changes nothing', async () => {
    const b = fakeBundle({ done: 3 });
    expect((await importBundle(db, b)).ok).toBe(true);
    const before = await loadBundle(db, b.experiment.id);
    const other = fakeBundle({ done: 9, name: 'other' });
    const r = await importBundle(db, other);
    expect(r).toEqual({ ok: false, reason: 'already saved here as “Exp-1 test” (same experiment id); nothing was changed' });
    expect(await loadBundle(db, b.experiment.id)).toEqual(before);
  });

  it('a bundle whose points do not fit is refused and leaves nothing behind', async () => {
    const b = fakeBundle({ done: 2 });
    const bad = { ...b, points: [b.points[0], { ...b.points[1], index: 0 }] };
    const r = await importBundle(db, bad);
    expect(r.ok ? '' : r.reason).toMatch(/index 0 appears twice/);
    expect(await db.experiments.count()).toBe(0);
    expect(await db.points.count()).toBe(0);
  });

  it('an imported running sweep arrives interrupted, ready to resume', async () => {
    const b = fakeBundle({ done: 2 });
    const r = await importBundle(db, { ...b, experiment: { ...b.experiment, sweep: 'running' } });
    expect(r.ok && r.value.sweep).toBe('interrupted');
    expect((await recoverInterrupted(db)).map((s) => s.experiment.id)).toEqual([b.experiment.id]);
  });
});
