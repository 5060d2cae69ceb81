import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { OwnBlobRow, OwnPointRow, OwnRunRow } from '../own/records';
import type { ExperimentRecord, PointRecord } from '../records';

/**
 * The IndexedDB database of saved experiments (Dexie). One row per
 * experiment and one per finished point, so saving a point is one small
 * write the moment it finishes, never a rewrite of the whole sweep.
 */

export const DB_NAME = 'cdp-lab-experiments';

export interface ExperimentRow extends ExperimentRecord {
  /** fnv1a64 of the canonical config: finds saved results for a config from a link. */
  configDigest: string;
}

export interface PointRow extends PointRecord {
  experimentId: string;
}

export class ExperimentDb extends Dexie {
  // `declare`, not a field: a class field would be defined after super() and
  // hide the table Dexie installs.
  declare experiments: Table<ExperimentRow, string>;
  declare points: Table<PointRow, [string, number]>;
  /** Conditional models trained in this browser ("Train your own", src/experiments/own): runs, their checkpoint and model bytes, their dense points. */
  declare ownRuns: Table<OwnRunRow, string>;
  declare ownBlobs: Table<OwnBlobRow, [string, string]>;
  declare ownPoints: Table<OwnPointRow, [string, number]>;

  constructor(name = DB_NAME, options: DexieOptions = {}) {
    // Strict durability: a point is on disk when its write resolves, so a
    // crash right after loses nothing that was reported saved.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      experiments: 'id, updatedAt, configDigest',
      points: '[experimentId+index], experimentId',
    });
    // Tables added, none changed: version 1 databases open unchanged.
    this.version(2).stores({
      ownRuns: 'id, preset, updatedAt',
      ownBlobs: '[runId+kind], runId',
      ownPoints: '[runId+index], runId',
    });
  }
}
