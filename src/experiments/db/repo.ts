import { canonicalJson } from '../canonical';
import type { Checked, ExperimentConfig } from '../config';
import { checkBundle } from '../exportFile';
import { fnv1a64, newExperimentId } from '../ids';
import {
  ExperimentRecordSchema,
  PointRecordSchema,
  type Baselines,
  type ExperimentBundle,
  type ExperimentRecord,
  type PointRecord,
  type SweepState,
} from '../records';
import { pointCount } from '../weights';
import type { ExperimentDb, ExperimentRow, PointRow } from './db';

/**
 * What the app does with saved experiments. Every function takes the
 * database, so tests run them on fake-indexeddb. Rows read back are checked
 * against the schemas: a row this version cannot read is reported, not
 * passed on.
 */

export function configDigest(config: ExperimentConfig): string {
  return fnv1a64(canonicalJson(config));
}

function toRecord(row: ExperimentRow): ExperimentRecord {
  const { configDigest: _d, ...rec } = row;
  void _d;
  return rec;
}

function toPoint(row: PointRow): PointRecord {
  const { experimentId: _e, ...p } = row;
  void _e;
  return p;
}

export async function createExperiment(
  db: ExperimentDb,
  init: { name: string; config: ExperimentConfig; now?: number; id?: string },
): Promise<ExperimentRecord> {
  const now = init.now ?? Date.now();
  const rec: ExperimentRecord = {
    id: init.id ?? newExperimentId(),
    name: init.name,
    createdAt: now,
    updatedAt: now,
    config: init.config,
    baselines: { identity: null, clean: null },
    sweep: 'queued',
  };
  ExperimentRecordSchema.parse(rec);
  await db.experiments.add({ ...rec, configDigest: configDigest(rec.config) });
  return rec;
}

/** Saves one finished point (done or failed) and touches its experiment, in one transaction. */
export async function savePoint(db: ExperimentDb, experimentId: string, point: PointRecord, now = Date.now()): Promise<void> {
  PointRecordSchema.parse(point);
  await db.transaction('rw', db.experiments, db.points, async () => {
    const e = await db.experiments.get(experimentId);
    if (!e) throw new Error(`no experiment ${experimentId}`);
    if (point.index >= pointCount(e.config.weights)) throw new Error(`point ${point.index} is not in the experiment's config`);
    await db.points.put({ ...point, experimentId });
    await db.experiments.update(experimentId, { updatedAt: now });
  });
}

export async function saveBaselines(db: ExperimentDb, experimentId: string, baselines: Baselines, now = Date.now()): Promise<void> {
  await db.experiments.update(experimentId, { baselines, updatedAt: now });
}

export async function setSweepState(db: ExperimentDb, experimentId: string, sweep: SweepState, now = Date.now()): Promise<void> {
  await db.experiments.update(experimentId, { sweep, updatedAt: now });
}

export async function renameExperiment(db: ExperimentDb, experimentId: string, name: string): Promise<void> {
  const clean = name.trim().slice(0, 200);
  if (clean) await db.experiments.update(experimentId, { name: clean });
}

export async function deleteExperiment(db: ExperimentDb, experimentId: string): Promise<void> {
  await db.transaction('rw', db.experiments, db.points, async () => {
    await db.points.where('experimentId').equals(experimentId).delete();
    await db.experiments.delete(experimentId);
  });
}

export interface ExperimentSummary {
  readonly experiment: ExperimentRecord;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

/** Every readable saved experiment, most recently changed first, with point counts. */
export async function listExperiments(db: ExperimentDb): Promise<ExperimentSummary[]> {
  const rows = await db.experiments.orderBy('updatedAt').reverse().toArray();
  const out: ExperimentSummary[] = [];
  for (const row of rows) {
    const parsed = ExperimentRecordSchema.safeParse(toRecord(row));
    if (!parsed.success) continue;
    const points = await db.points.where('experimentId').equals(row.id).toArray();
    out.push({
      experiment: parsed.data,
      total: pointCount(parsed.data.config.weights),
      done: points.filter((p) => p.status === 'done').length,
      failed: points.filter((p) => p.status === 'failed').length,
    });
  }
  return out;
}

/** An experiment with its points (sorted by index); null if it is not saved or cannot be read. */
export async function loadBundle(db: ExperimentDb, experimentId: string): Promise<ExperimentBundle | null> {
  const row = await db.experiments.get(experimentId);
  if (!row) return null;
  const e = ExperimentRecordSchema.safeParse(toRecord(row));
  if (!e.success) return null;
  const rows = await db.points.where('experimentId').equals(experimentId).sortBy('index');
  const points: PointRecord[] = [];
  for (const r of rows) {
    const p = PointRecordSchema.safeParse(toPoint(r));
    if (p.success) points.push(p.data);
  }
  return { experiment: e.data, points };
}

/** Saved experiments with exactly this config (a link's results may already be here). */
export async function findByConfig(db: ExperimentDb, config: ExperimentConfig): Promise<ExperimentRecord[]> {
  const rows = await db.experiments.where('configDigest').equals(configDigest(config)).toArray();
  return rows.map(toRecord).filter((r) => canonicalJson(r.config) === canonicalJson(config));
}

/**
 * Adds an imported experiment with its points, or refuses with the reason.
 * Never overwrites: an experiment with the same id is left as it is.
 */
export async function importBundle(db: ExperimentDb, bundle: ExperimentBundle): Promise<Checked<ExperimentRecord>> {
  const bad = checkBundle(bundle);
  if (bad) return { ok: false, reason: bad };
  const e = bundle.experiment;
  try {
    return await db.transaction('rw', db.experiments, db.points, async () => {
      const existing = await db.experiments.get(e.id);
      if (existing) return { ok: false as const, reason: `already saved here as “${existing.name}” (same experiment id); nothing was changed` };
      // An imported sweep that was running elsewhere is not running here.
      const sweep: SweepState = e.sweep === 'running' ? 'interrupted' : e.sweep;
      const rec: ExperimentRecord = { ...e, sweep };
      await db.experiments.add({ ...rec, configDigest: configDigest(e.config) });
      await db.points.bulkAdd(bundle.points.map((p) => ({ ...p, experimentId: e.id })));
      return { ok: true as const, value: rec };
    });
  } catch (err) {
    return { ok: false, reason: `could not save: ${(err as Error).message}` };
  }
}

/**
 * Called once at start-up: a sweep recorded as running was cut off (reload,
 * crash, closed tab). It becomes 'interrupted'; the list of unfinished
 * sweeps (interrupted or paused, with points left) is returned for the
 * "resume?" offer.
 */
export async function recoverInterrupted(
  db: ExperimentDb,
  opts: { now?: number; /** Sweeps another tab is running right now (Web Locks): left alone. */ heldIds?: ReadonlySet<string> } = {},
): Promise<ExperimentSummary[]> {
  const held = opts.heldIds ?? new Set<string>();
  const cut = (await runningIds(db)).filter((id) => !held.has(id));
  await db.experiments.where('id').anyOf(cut).modify({ sweep: 'interrupted', updatedAt: opts.now ?? Date.now() });
  const all = await listExperiments(db);
  return all.filter(
    (s) => !held.has(s.experiment.id) && (s.experiment.sweep === 'interrupted' || s.experiment.sweep === 'paused') && s.done + s.failed < s.total,
  );
}

async function runningIds(db: ExperimentDb): Promise<string[]> {
  const rows = await db.experiments.toArray();
  return rows.filter((r) => r.sweep === 'running').map((r) => r.id);
}

/** Indices of the points still to run (neither done nor failed), in order. */
export async function pendingIndices(db: ExperimentDb, experimentId: string): Promise<number[]> {
  const row = await db.experiments.get(experimentId);
  if (!row) return [];
  const finished = new Set((await db.points.where('experimentId').equals(experimentId).toArray()).map((p) => p.index));
  const n = pointCount(row.config.weights);
  return Array.from({ length: n }, (_, i) => i).filter((i) => !finished.has(i));
}
