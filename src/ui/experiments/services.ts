import { ExperimentDb } from '../../experiments/db/db';
import type { SweepEngine } from '../../experiments/sweep/engine';

/**
 * The page's one experiments database and the training engine a sweep runs
 * on. The engine is registered by the module that owns the training worker
 * (registerSweepEngine); until one is registered the view shows saved,
 * imported and linked results and says why it cannot train.
 */

let db: ExperimentDb | null = null;

export function experimentsDb(): ExperimentDb {
  db ??= new ExperimentDb();
  return db;
}

type EngineFactory = () => Promise<SweepEngine>;
let factory: EngineFactory | null = null;
let engine: Promise<SweepEngine> | null = null;

export function registerSweepEngine(f: EngineFactory): void {
  factory = f;
  engine = null;
}

export function hasSweepEngine(): boolean {
  return factory !== null;
}

/** The engine, started on first use; rejects when none is registered or it fails to start. */
export function sweepEngine(): Promise<SweepEngine> {
  if (!factory) return Promise.reject(new Error('the training engine is not part of this build yet'));
  engine ??= factory().catch((e: unknown) => {
    engine = null;
    throw e;
  });
  return engine;
}
