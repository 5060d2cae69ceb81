import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNet } from '../../models/build';
import { DEFAULT_CONFIG, type TrainConfig } from '../../train/config';
import { linearSpec, squaresSet } from '../../train/fixtures';
import { TrainService } from '../../train/service';
import { conditionalPreset } from '../conditionalPresets';
import { denseGridOf, readDense } from '../denseGrid';
import { ExperimentDb } from '../db/db';
import type { OwnEngine } from './engine';
import { ownDenseBundle, ownGrid } from './plan';
import type { OwnWeights } from './records';
import { latestOwnRun, loadOwnCheckpoint, ownPoints, recoverOwnRuns } from './repo';
import { OwnRunner } from './runner';

// The runner and its storage for real: fake-indexeddb (a "reload" is a new
// connection and a new runner) and TrainService itself, on 28x28 squares
// with the tiny restorer and a warm start trained in the test (no shipped
// files in Node).

const cp = conditionalPreset('exp1')!;

function tinyConfig(iterations: number): TrainConfig {
  return { ...DEFAULT_CONFIG, task: 'denoise', preset: 'tiny', iterations, batchSize: 4, criticSteps: 1, evalCount: 20, evalCriticSteps: 2, warmStart: 3, mseWarmup: 0, lrDecayEvery: 0 };
}

interface Calls {
  from: (number | null)[];
  evaluated: OwnWeights[];
  onEvaluate?: (k: number) => void;
}

async function service(): Promise<TrainService> {
  const svc = new TrainService();
  svc.setData('mnist', squaresSet(40, 28, 10, 1), squaresSet(20, 28, 10, 2));
  svc.setClassifier(buildNet(linearSpec(28, 10), 1, false));
  await svc.warmStart(tinyConfig(1));
  return svc;
}

/** OwnEngine over a TrainService in this process: what the page's worker engine does over comlink. */
function serviceEngine(svc: TrainService, calls: Calls): OwnEngine {
  let loaded: string | null = null;
  return {
    async train(run, from, events) {
      calls.from.push(from?.iteration ?? null);
      const cfg = tinyConfig(run.total);
      await svc.ownConfigure({ cfg, warmCfg: cfg, options: { ranges: cp.ranges }, checkpointEvery: run.checkpointEvery, card: { preset: run.preset, ranges: cp.ranges, iterations: run.total, warmStart: 'test' } }, null, from);
      return svc.ownTrain(events);
    },
    pause: () => svc.ownPause(),
    resume: async () => svc.ownResume(),
    stop: async () => svc.ownStop(),
    async evaluate(run, model, w) {
      if (loaded !== run.id) await svc.loadConditionalFiles(tinyConfig(run.total), cp.ranges, model.json, model.data);
      loaded = run.id;
      calls.onEvaluate?.(calls.evaluated.length);
      calls.evaluated.push(w);
      return svc.conditionalEvaluate(w, run.total);
    },
    dispose: () => {},
  };
}

let factory: IDBFactory;
let db: ExperimentDb;
const open = () => new ExperimentDb('own-test', { indexedDB: factory, IDBKeyRange });
const noLock = (_id: string, fn: () => Promise<void>) => fn();

beforeEach(async () => {
  await tf.setBackend('wasm');
  factory = new IDBFactory();
  db = open();
});
afterEach(() => db.close());

describe('Train your own: the runner and its storage', () => {
  it('evaluates the fixed-weight sweep’s points first, then the rest of the dense grid', () => {
    const { points, order } = ownGrid(cp);
    expect(points.length).toBe(121);
    const first = order.slice(0, 9).map((i) => points[i]);
    // Exp-1's sweep: beta 0, 0.5, 1 x gamma 0, 1, 2 (its points lie on the dense grid).
    expect(new Set(first.map((w) => `${w.beta}|${w.gamma}`))).toEqual(new Set(['0|0', '0|1', '0|2', '0.5|0', '0.5|1', '0.5|2', '1|0', '1|1', '1|2']));
    expect([...order].sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
    const cut = ownGrid(cp, 3);
    expect(cut.points).toEqual(first.slice(0, 3));
    expect(cut.order).toEqual([0, 1, 2]);
  });

  it('pause stores a checkpoint; after a reload Resume trains on from it, then evaluates and stores every point; no tensor is left', async () => {
    const baseline = tf.memory().numTensors;
    const svcA = await service();
    const callsA: Calls = { from: [], evaluated: [] };
    const a = new OwnRunner({ db, engine: serviceEngine(svcA, callsA), lock: noLock });
    await a.start('exp1', { iterations: 12, points: 2, checkpointEvery: 2 });
    // Hold it once a checkpoint is stored, as a student pressing Pause.
    for (let k = 0; k < 2000 && ((await latestOwnRun(db, 'exp1'))?.iteration ?? 0) < 2; k++) await new Promise((r) => setTimeout(r, 5));
    await a.pause();
    const paused = (await latestOwnRun(db, 'exp1'))!;
    expect(paused.state).toBe('paused');
    expect(paused.phase).toBe('training');
    const ck = (await loadOwnCheckpoint(db, paused.id))!;
    expect(ck.iteration).toBe(paused.iteration);
    expect(ck.iteration).toBeGreaterThanOrEqual(2);
    expect(ck.iteration).toBeLessThan(12);
    // The tab goes away: its worker with it.
    await svcA.dispose();
    db.close();

    db = open();
    await recoverOwnRuns(db);
    const svcB = await service();
    const callsB: Calls = { from: [], evaluated: [] };
    const b = new OwnRunner({ db, engine: serviceEngine(svcB, callsB), lock: noLock });
    await b.show('exp1');
    expect(b.snapshot().run?.iteration).toBe(ck.iteration);
    await b.resume();
    await b.whenIdle();
    expect(b.snapshot().message).toBeNull();
    expect(callsB.from).toEqual([ck.iteration]);
    const done = (await latestOwnRun(db, 'exp1'))!;
    expect(done.phase).toBe('done');
    expect(done.state).toBe('done');
    expect(done.iteration).toBe(12);
    expect(await loadOwnCheckpoint(db, done.id)).toBeNull();
    const pts = await ownPoints(db, done.id);
    expect(pts.map((p) => p.index)).toEqual([0, 1]);
    expect(pts.every((p) => Number.isFinite(p.metrics.D) && Number.isFinite(p.metrics.C) && p.metrics.P !== null)).toBe(true);
    // The readouts read them as a dense grid.
    const grid = denseGridOf(ownDenseBundle(done, pts), cp.ranges);
    expect(readDense(grid, done.points[0])?.kind).toBe('exact');
    await svcB.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('the evaluation, cut off after its first point, resumes at the first point not evaluated', async () => {
    const svcA = await service();
    const a = new OwnRunner({ db, engine: serviceEngine(svcA, { from: [], evaluated: [], onEvaluate: (k) => k === 0 && void a.pause() }), lock: noLock });
    await a.start('exp1', { iterations: 4, points: 3, checkpointEvery: 100 });
    await a.whenIdle();
    const run = (await latestOwnRun(db, 'exp1'))!;
    expect(run.phase).toBe('evaluating');
    expect(run.state).toBe('paused');
    expect((await ownPoints(db, run.id)).map((p) => p.index)).toEqual([run.order[0]]);
    await svcA.dispose();
    db.close();

    db = open();
    const svcB = await service();
    const calls: Calls = { from: [], evaluated: [] };
    const b = new OwnRunner({ db, engine: serviceEngine(svcB, calls), lock: noLock });
    await b.show('exp1');
    expect(b.snapshot().points.length).toBe(1);
    await b.resume();
    await b.whenIdle();
    // No training again, and only the points not stored, in order.
    expect(calls.from).toEqual([]);
    expect(calls.evaluated).toEqual([run.points[run.order[1]], run.points[run.order[2]]]);
    expect((await ownPoints(db, run.id)).map((p) => p.index)).toEqual([0, 1, 2]);
    expect((await latestOwnRun(db, 'exp1'))!.phase).toBe('done');
    await svcB.dispose();
  }, 120_000);

  it('a failure stops the run with the reason and keeps what was stored; a run cut off by a reload is offered as interrupted', async () => {
    const svc = new TrainService();
    svc.setData('mnist', squaresSet(8, 28, 10, 1), squaresSet(8, 28, 10, 2));
    svc.setClassifier(buildNet(linearSpec(28, 10), 1, false));
    // No warm start kept: the engine refuses, as the page's does without a shipped one.
    const r = new OwnRunner({ db, engine: serviceEngine(svc, { from: [], evaluated: [] }), lock: noLock });
    await r.start('exp1', { iterations: 4, points: 1 });
    await r.whenIdle();
    const run = (await latestOwnRun(db, 'exp1'))!;
    expect(run.state).toBe('failed');
    expect(run.message).toBe('Training stopped: no MSE warm start for this config is kept here. Nothing was stored yet.');
    expect(r.snapshot().message).toBe(run.message);
    await svc.dispose();

    await db.ownRuns.update(run.id, { state: 'running' });
    await recoverOwnRuns(db, new Set());
    expect((await latestOwnRun(db, 'exp1'))!.state).toBe('interrupted');
    await db.ownRuns.update(run.id, { state: 'running' });
    await recoverOwnRuns(db, new Set([run.id]));
    expect((await latestOwnRun(db, 'exp1'))!.state).toBe('running');
  });

  it('a checkpoint the storage refuses (full) is reported and training goes on; the stored state stays the older one', async () => {
    const svc = await service();
    const r = new OwnRunner({ db, engine: serviceEngine(svc, { from: [], evaluated: [] }), lock: noLock });
    const put = db.ownBlobs.put.bind(db.ownBlobs);
    let refused = 0;
    db.ownBlobs.put = ((row: Parameters<typeof put>[0]) => {
      if (row.kind !== 'checkpoint') return put(row);
      refused++;
      return Promise.reject(new DOMException('quota exceeded', 'QuotaExceededError'));
    }) as typeof put;
    await r.start('exp1', { iterations: 6, points: 1, checkpointEvery: 2 });
    const notes: string[] = [];
    for (let k = 0; k < 2000 && !r.snapshot().note; k++) await new Promise((x) => setTimeout(x, 2));
    notes.push(r.snapshot().note ?? '');
    await r.whenIdle();
    expect(refused).toBeGreaterThan(0);
    expect(notes[0]).toMatch(/^The checkpoint at iteration \d+ could not be stored: the browser’s storage for this site is full .*Training goes on; a reload would resume from iteration 0\.$/);
    // The model itself is stored (not a checkpoint), and the run finishes.
    const run = (await latestOwnRun(db, 'exp1'))!;
    expect(run.phase).toBe('done');
    expect(r.snapshot().message).toBeNull();
    await svc.dispose();
  }, 120_000);
});
