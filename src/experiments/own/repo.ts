import type { CondCheckpoint } from '../../train/conditional/checkpoint';
import type { OwnModelFiles } from '../../train/conditional/ownTraining';
import type { CondPresetId } from '../conditionalPresets';
import type { ExperimentDb } from '../db/db';
import { newExperimentId } from '../ids';
import type { Metrics } from '../records';
import type { OwnPointRow, OwnRunRow, OwnWeights } from './records';

/**
 * "Train your own" in IndexedDB. Each write that must agree with another
 * (a checkpoint and the iteration it stands at, the model and the phase
 * after training) is one transaction, so a reload finds either the old state
 * or the new one.
 */

export async function createOwnRun(
  db: ExperimentDb,
  init: { preset: CondPresetId; total: number; checkpointEvery: number; points: OwnWeights[]; order: number[]; now?: number; id?: string },
): Promise<OwnRunRow> {
  const now = init.now ?? Date.now();
  const row: OwnRunRow = {
    id: init.id ?? `own-${newExperimentId()}`,
    preset: init.preset,
    createdAt: now,
    updatedAt: now,
    phase: 'training',
    state: 'paused',
    message: null,
    total: init.total,
    iteration: 0,
    checkpointEvery: init.checkpointEvery,
    trainSeconds: 0,
    points: init.points,
    order: init.order,
    finalLosses: null,
  };
  await db.ownRuns.add(row);
  return row;
}

export function getOwnRun(db: ExperimentDb, id: string): Promise<OwnRunRow | undefined> {
  return db.ownRuns.get(id);
}

/** The newest run of a preset. */
export async function latestOwnRun(db: ExperimentDb, preset: CondPresetId): Promise<OwnRunRow | null> {
  const rows = await db.ownRuns.where('preset').equals(preset).toArray();
  return rows.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
}

export async function updateOwnRun(db: ExperimentDb, id: string, patch: Partial<Omit<OwnRunRow, 'id' | 'preset' | 'createdAt'>>, now = Date.now()): Promise<void> {
  await db.ownRuns.update(id, { ...patch, updatedAt: now });
}

/** Stores a checkpoint and moves the run's iteration to it, together. */
export async function saveOwnCheckpoint(db: ExperimentDb, id: string, c: CondCheckpoint, trainSeconds: number, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.ownRuns, db.ownBlobs, async () => {
    const run = await db.ownRuns.get(id);
    if (!run) throw new Error(`no run ${id}`);
    if (run.phase !== 'training') throw new Error(`run ${id} is not training`);
    await db.ownBlobs.put({ runId: id, kind: 'checkpoint', checkpoint: c });
    await db.ownRuns.update(id, { iteration: c.iteration, trainSeconds, updatedAt: now });
  });
}

export async function loadOwnCheckpoint(db: ExperimentDb, id: string): Promise<CondCheckpoint | null> {
  const b = await db.ownBlobs.get([id, 'checkpoint']);
  return b?.kind === 'checkpoint' ? b.checkpoint : null;
}

/** Stores the trained model, drops the checkpoint, and moves the run on to its evaluation, together. */
export async function saveOwnModel(
  db: ExperimentDb,
  id: string,
  model: OwnModelFiles,
  done: { trainSeconds: number; finalLosses: Record<string, number> },
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.ownRuns, db.ownBlobs, async () => {
    const run = await db.ownRuns.get(id);
    if (!run) throw new Error(`no run ${id}`);
    await db.ownBlobs.put({ runId: id, kind: 'model', model });
    await db.ownBlobs.delete([id, 'checkpoint']);
    await db.ownRuns.update(id, { phase: 'evaluating', iteration: run.total, trainSeconds: done.trainSeconds, finalLosses: done.finalLosses, updatedAt: now });
  });
}

export async function loadOwnModel(db: ExperimentDb, id: string): Promise<OwnModelFiles | null> {
  const b = await db.ownBlobs.get([id, 'model']);
  return b?.kind === 'model' ? b.model : null;
}

export async function saveOwnPoint(db: ExperimentDb, id: string, index: number, metrics: Metrics, now = Date.now()): Promise<OwnPointRow> {
  return db.transaction('rw', db.ownRuns, db.ownPoints, async () => {
    const run = await db.ownRuns.get(id);
    if (!run) throw new Error(`no run ${id}`);
    const weights = run.points[index];
    if (!weights) throw new Error(`point ${index} is not in run ${id}'s grid`);
    const row: OwnPointRow = { runId: id, index, weights, metrics, finishedAt: now };
    await db.ownPoints.put(row);
    await db.ownRuns.update(id, { updatedAt: now });
    return row;
  });
}

export async function ownPoints(db: ExperimentDb, id: string): Promise<OwnPointRow[]> {
  return db.ownPoints.where('runId').equals(id).sortBy('index');
}

export async function deleteOwnRun(db: ExperimentDb, id: string): Promise<void> {
  await db.transaction('rw', db.ownRuns, db.ownBlobs, db.ownPoints, async () => {
    await db.ownPoints.where('runId').equals(id).delete();
    await db.ownBlobs.where('runId').equals(id).delete();
    await db.ownRuns.delete(id);
  });
}

/** At start-up: runs recorded as running whose tab is gone (no lock held) become interrupted. */
export async function recoverOwnRuns(db: ExperimentDb, held: ReadonlySet<string> = new Set(), now = Date.now()): Promise<void> {
  const cut = (await db.ownRuns.toArray()).filter((r) => r.state === 'running' && !held.has(r.id)).map((r) => r.id);
  if (cut.length) await db.ownRuns.where('id').anyOf(cut).modify({ state: 'interrupted', updatedAt: now });
}
