import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNet, type Net } from '../models/build';
import { DEFAULT_CONFIG, type TrainConfig } from './config';
import { linearSpec, tinyTaskData } from './fixtures';
import { Trainer } from './trainer';

const SIZE = 8;
const data = tinyTaskData({ size: SIZE, train: 16, test: 16 });

function config(over: Partial<TrainConfig> = {}): TrainConfig {
  return {
    ...DEFAULT_CONFIG,
    preset: 'tiny',
    batchSize: 8,
    criticSteps: 2,
    iterations: 1000,
    evalCount: 16,
    evalCriticSteps: 3,
    ...over,
  };
}

let classifier: Net;

function flat(vars: tf.Variable[]): number[] {
  return vars.flatMap((v) => Array.from(v.dataSync()));
}

describe('Trainer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    classifier = buildNet(linearSpec(SIZE, 4), 1, false);
  });
  afterAll(() => classifier.dispose());

  it('lowers the MSE on a small fixed set', async () => {
    const t = new Trainer(config({ beta: 0, gamma: 0, criticSteps: 0, batchSize: 16, restorerLr: 5e-3 }), data, classifier);
    try {
      const mses: number[] = [];
      for (let i = 0; i < 25; i++) {
        t.step('restorer');
        mses.push((await t.readLosses()).losses.mse!);
      }
      const head = mses.slice(0, 3).reduce((a, b) => a + b) / 3;
      const tail = mses.slice(-3).reduce((a, b) => a + b) / 3;
      expect(tail).toBeLessThan(0.7 * head);
    } finally {
      t.dispose();
    }
  });

  it('keeps every critic weight in [-clip, clip] (weight clipping)', async () => {
    const t = new Trainer(config({ criticMode: 'clip', criticLr: 0.05 }), data, classifier);
    try {
      for (let i = 0; i < 3; i++) t.step('critic');
      const w = flat(t.critic.weights);
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.01 + 1e-9);
      // With a large learning rate many weights sit on the bounds: the clip did act.
      expect(w.filter((v) => Math.abs(v) > 0.0099).length).toBeGreaterThan(w.length / 4);
    } finally {
      t.dispose();
    }
  });

  it('WGAN-GP trains a critic without batch norm and reports the penalty', async () => {
    const t = new Trainer(config({ criticMode: 'gp' }), data, classifier);
    try {
      t.step('critic');
      const r = await t.readLosses();
      expect(r.losses.gp).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(r.losses.critic)).toBe(true);
      expect(t.critic.spec.layers.some((l) => l.kind === 'bn')).toBe(false);
    } finally {
      t.dispose();
    }
  });

  it('gamma = 0 leaves the classifier out of the gradient', async () => {
    // A classifier whose outputs are all NaN poisons any gradient it enters.
    const poisoned = buildNet(linearSpec(SIZE, 4), 1, false);
    poisoned.weights[0].assign(tf.fill(poisoned.weights[0].shape, NaN));
    const run = (c: Net, gamma: number) => {
      const t = new Trainer(config({ gamma, beta: 0.5, criticSteps: 1 }), data, c);
      t.step('both');
      const w = flat(t.restorer.weights);
      t.dispose();
      return w;
    };
    try {
      const clean0 = run(classifier, 0);
      const poisoned0 = run(poisoned, 0);
      expect(poisoned0).toEqual(clean0);
      expect(poisoned0.every(Number.isFinite)).toBe(true);
      // Control: with gamma > 0 the classifier does enter the gradient.
      const clean1 = run(classifier, 0.5);
      expect(clean1).not.toEqual(clean0);
      expect(run(poisoned, 0.5).some((v) => !Number.isFinite(v))).toBe(true);
    } finally {
      poisoned.dispose();
    }
  });

  it('reset with the same seed gives the same initial weights and the same run', async () => {
    const t = new Trainer(config({ criticSteps: 1 }), data, classifier);
    try {
      const init = flat(t.restorer.weights);
      const initCritic = flat(t.critic.weights);
      t.step('both');
      t.step('both');
      const after2 = flat(t.restorer.weights);
      expect(after2).not.toEqual(init);
      t.reset();
      expect(t.iteration).toBe(0);
      expect(flat(t.restorer.weights)).toEqual(init);
      expect(flat(t.critic.weights)).toEqual(initCritic);
      t.step('both');
      t.step('both');
      expect(flat(t.restorer.weights)).toEqual(after2);
    } finally {
      t.dispose();
    }
  });

  it('single steps: restorer only, critic only, both', async () => {
    const t = new Trainer(config({ criticSteps: 3 }), data, classifier);
    try {
      const r0 = flat(t.restorer.weights);
      const c0 = flat(t.critic.weights);
      t.step('critic');
      expect([t.iteration, t.criticIterations]).toEqual([0, 3]);
      expect(flat(t.restorer.weights)).toEqual(r0);
      expect(flat(t.critic.weights)).not.toEqual(c0);
      const c1 = flat(t.critic.weights);
      t.step('restorer');
      expect([t.iteration, t.criticIterations]).toEqual([1, 3]);
      expect(flat(t.critic.weights)).toEqual(c1);
      expect(flat(t.restorer.weights)).not.toEqual(r0);
      t.step('both');
      expect([t.iteration, t.criticIterations]).toEqual([2, 6]);
    } finally {
      t.dispose();
    }
  });
});
