import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNet, type Net } from '../../models/build';
import type { ConditionRanges } from '../../models/conditioning';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { linearSpec, tinyTaskData } from '../fixtures';
import { checkpointFinite, checkpointOf, restoreCheckpoint, type CondCheckpoint } from './checkpoint';
import { OwnTraining, type OwnTrainSpec } from './ownTraining';
import { CondTrainer } from './trainer';

const SIZE = 8;
const data = tinyTaskData({ size: SIZE, train: 32, test: 16 });
const ranges: ConditionRanges = { beta: { lo: 1e-2, hi: 1, pZero: 0.25 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.25 } };

function config(over: Partial<TrainConfig> = {}): TrainConfig {
  return { ...DEFAULT_CONFIG, preset: 'tiny', batchSize: 8, criticSteps: 1, iterations: 12, evalCount: 16, mseWarmup: 0, alpha: 1, lrDecayEvery: 6, ...over };
}

const bits = (net: { named: ReadonlyMap<string, tf.Variable> }) => new Map([...net.named].map(([k, v]) => [k, Array.from(new Uint32Array(new Float32Array(v.dataSync()).buffer))]));

let classifier: Net;

describe('conditional training checkpoints', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    classifier = buildNet(linearSpec(SIZE, 4), 1, false);
  });
  afterAll(() => classifier.dispose());

  it('restore gives the checkpointed weights bit for bit, and the resumed run takes exactly the uninterrupted run’s next steps', async () => {
    const cfg = config();
    const a = new CondTrainer(cfg, data, classifier, { ranges });
    const b = new CondTrainer(cfg, data, classifier, { ranges });
    try {
      for (let i = 0; i < 5; i++) a.step();
      const c = await checkpointOf(a);
      expect(c.iteration).toBe(5);
      expect(c.criticIterations).toBe(5);
      expect(checkpointFinite(c)).toBe(true);
      // Structured clone is how the checkpoint reaches IndexedDB and back.
      restoreCheckpoint(b, structuredClone(c));
      expect(b.iteration).toBe(5);
      expect(b.criticIterations).toBe(5);
      expect(bits(b.restorer)).toEqual(bits(a.restorer));
      expect(bits(b.critic)).toEqual(bits(a.critic));
      // The same restorer at a setting, BN running statistics included.
      const x = tf.tensor4d(data.test.degraded.subarray(0, 4 * SIZE * SIZE), [4, SIZE, SIZE, 1]);
      const cond = tf.tensor2d([0.1, -0.3, 0.5, 0.9, -1, -1, 0.2, 0.2], [4, 2]);
      const ya = a.restorer.apply(x, cond, { training: false });
      const yb = b.restorer.apply(x, cond, { training: false });
      expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
      tf.dispose([x, cond, ya, yb]);
      // Adam's moments, its bias correction and the batch and weight streams
      // all resume: the next steps (across the learning-rate decay at 6) are
      // the uninterrupted run's, bit for bit.
      for (let i = 0; i < 3; i++) {
        a.step();
        b.step();
        const la = await a.readLosses();
        const lb = await b.readLosses();
        expect(lb.iteration).toBe(la.iteration);
        expect(lb.losses).toEqual(la.losses);
      }
      expect(bits(b.restorer)).toEqual(bits(a.restorer));
      expect(bits(b.critic)).toEqual(bits(a.critic));
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('a checkpoint of another network, one holding a NaN, or a trainer that already trained is refused, and nothing changes', async () => {
    const a = new CondTrainer(config(), data, classifier, { ranges });
    const fresh = new CondTrainer(config(), data, classifier, { ranges });
    const other = new CondTrainer(config({ criticMode: 'gp' }), data, classifier, { ranges });
    try {
      a.step();
      const before = bits(fresh.restorer);
      const c = await checkpointOf(other);
      // The gp critic has no batch norm: its variables are not the clip critic's.
      const mine = (await checkpointOf(a)).restorer;
      expect(() => restoreCheckpoint(fresh, { ...c, restorer: mine })).toThrow(/critic/);
      expect(fresh.iteration).toBe(0);
      expect(bits(fresh.restorer)).toEqual(before);
      const good = await checkpointOf(a);
      const bad = new Float32Array(good.restorer.data.slice(0));
      bad[3] = NaN;
      const poisoned: CondCheckpoint = { ...good, restorer: { ...good.restorer, data: bad.buffer } };
      expect(checkpointFinite(poisoned)).toBe(false);
      expect(() => restoreCheckpoint(fresh, poisoned)).toThrow(/NaN or Inf/);
      expect(bits(fresh.restorer)).toEqual(before);
      expect(() => restoreCheckpoint(a, good)).toThrow(/fresh trainer/);
    } finally {
      a.dispose();
      fresh.dispose();
      other.dispose();
    }
  });

  it('train, checkpoint and restore leave no tensor behind', async () => {
    const baseline = tf.memory().numTensors;
    const cfg = config({ iterations: 8 });
    const spec: OwnTrainSpec = { cfg, warmCfg: cfg, options: { ranges }, checkpointEvery: 3, card: { preset: 'exp1', ranges, iterations: 8, warmStart: 'none' } };
    const checkpoints: CondCheckpoint[] = [];
    const first = new OwnTraining(new CondTrainer(cfg, data, classifier, { ranges }), spec);
    const paused = first.run({ onProgress: () => {}, onCheckpoint: (c) => void checkpoints.push(c) });
    // Hold it after the first checkpoint, as the Pause button does.
    while (checkpoints.length === 0) await new Promise((r) => setTimeout(r, 1));
    const held = (await first.pause())!;
    expect(held.iteration).toBeGreaterThanOrEqual(3);
    first.dispose();
    await expect(paused).rejects.toThrow();

    // A fresh trainer from the checkpoint trains to the end and hands over its model files.
    const second = new CondTrainer(cfg, data, classifier, { ranges });
    restoreCheckpoint(second, held);
    const resumed = new OwnTraining(second, spec);
    const out = await resumed.run({ onProgress: () => {}, onCheckpoint: (c) => void checkpoints.push(c) });
    expect(second.iteration).toBe(8);
    expect(out.model.json.userDefinedMetadata.own.preset).toBe('exp1');
    expect(out.model.data.byteLength).toBeGreaterThan(0);
    expect(checkpoints.every((c) => c.iteration < 8 && checkpointFinite(c))).toBe(true);
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('a run that diverges stops with a clear message and hands over no checkpoint holding a NaN', async () => {
    const cfg = config({ iterations: 40, restorerLr: 1e30, criticLr: 1e30 });
    const spec: OwnTrainSpec = { cfg, warmCfg: cfg, options: { ranges }, checkpointEvery: 1, card: { preset: 'exp1', ranges, iterations: 40, warmStart: 'none' } };
    const got: CondCheckpoint[] = [];
    const t = new OwnTraining(new CondTrainer(cfg, data, classifier, { ranges }), spec);
    try {
      await expect(t.run({ onProgress: () => {}, onCheckpoint: (c) => void got.push(c) })).rejects.toThrow(/NaN or Inf in the conditional training losses by iteration \d+/);
      expect(got.every(checkpointFinite)).toBe(true);
    } finally {
      t.dispose();
    }
  });
});
