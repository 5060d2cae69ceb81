import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ExperimentConfig } from '../config';
import { ExperimentDb } from '../db/db';
import { fakeMetrics } from '../fixtures';
import { EXPERIMENT_PRESETS } from '../presets';
import type { Baselines } from '../records';
import type { PointJob, PointOutcome } from './engine';

/** Test fixtures for SweepRunner tests: a small config, its baselines, an in-memory store. */

/** A custom 40-iteration config of `betaSteps` points along beta (alpha 1, gamma 0), no evaluation during training. */
export function smallConfig(betaSteps: number): ExperimentConfig {
  return {
    ...EXPERIMENT_PRESETS[0].config,
    preset: 'custom',
    iterations: 40,
    evalEvery: 0,
    weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 1, steps: betaSteps }, gamma: { from: 0, to: 0, steps: 1 } },
  };
}

export const TEST_BASELINES: Baselines = {
  identity: { D: 1, P: 5, C: 0.6, Ptrain: null, iteration: 0, seconds: 0 },
  clean: { D: 0, P: 0, C: 0.08, Ptrain: null, iteration: 0, seconds: 0 },
};

/** A point trained instantly: fakeMetrics of its weights. */
export function fakeOutcome(job: PointJob): PointOutcome {
  const m = fakeMetrics(job.weights.alpha, job.weights.beta, job.weights.gamma);
  return { metrics: { ...m, Ptrain: null, iteration: job.config.iterations, seconds: 0 }, thumbnails: null, restorerWeights: null };
}

/** A fresh experiments database on fake-indexeddb. */
export function memoryDb(name: string): ExperimentDb {
  return new ExperimentDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** Runs the sweep as if the tab held its lock. */
export const noLock = (_id: string, fn: () => Promise<void>) => fn();
