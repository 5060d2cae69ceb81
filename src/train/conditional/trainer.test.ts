import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNet, type Net } from '../../models/build';
import type { ConditionRanges } from '../../models/conditioning';
import { DEFAULT_CONFIG, type TrainConfig } from '../config';
import { linearSpec, tinyTaskData } from '../fixtures';
import { Trainer } from '../trainer';
import { CondTrainer } from './trainer';
import { WeightSampler } from './weightSampler';

const SIZE = 8;
const data = tinyTaskData({ size: SIZE, train: 32, test: 16 });
const ranges: ConditionRanges = { beta: { lo: 1e-2, hi: 1, pZero: 0.25 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.25 } };

function config(over: Partial<TrainConfig> = {}): TrainConfig {
  return { ...DEFAULT_CONFIG, preset: 'tiny', batchSize: 8, criticSteps: 1, iterations: 100, evalCount: 16, mseWarmup: 0, alpha: 1, lrDecayEvery: 0, ...over };
}

let classifier: Net;

describe('CondTrainer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    classifier = buildNet(linearSpec(SIZE, 4), 1, false);
  });
  afterAll(() => classifier.dispose());

  for (const mode of ['clip', 'gp'] as const) {
    it(`with every example at one setting and FiLM frozen, follows the fixed-weight trainer (${mode} critic)`, async () => {
      const cfg = config({ beta: 0.4, gamma: 0.7, criticMode: mode });
      const fixed = new Trainer(cfg, data, classifier);
      const cond = new CondTrainer(cfg, data, classifier, { ranges, fixed: { beta: 0.4, gamma: 0.7 }, trainFilm: false });
      try {
        for (let i = 0; i < 4; i++) {
          fixed.step('both');
          cond.step();
          const a = (await fixed.readLosses()).losses;
          const b = (await cond.readLosses()).losses;
          for (const k of ['mse', 'adv', 'ce', 'total', 'critic'] as const) {
            expect(Math.abs(b[k]! - a[k]!), `${k} at iteration ${i + 1}: ${b[k]} vs ${a[k]}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(a[k]!)));
          }
        }
      } finally {
        fixed.dispose();
        cond.dispose();
      }
    });
  }

  it('with FiLM trained, the first step is the fixed-weight step and the losses stay close for a few more', async () => {
    const cfg = config({ beta: 0.2, gamma: 0.5 });
    const fixed = new Trainer(cfg, data, classifier);
    const cond = new CondTrainer(cfg, data, classifier, { ranges, fixed: { beta: 0.2, gamma: 0.5 } });
    try {
      for (let i = 0; i < 4; i++) {
        fixed.step('both');
        cond.step();
        const a = (await fixed.readLosses()).losses;
        const b = (await cond.readLosses()).losses;
        const tol = i === 0 ? 1e-5 : 0.05;
        expect(Math.abs(b.total! - a.total!) / Math.abs(a.total!), `iteration ${i + 1}`).toBeLessThan(tol);
      }
    } finally {
      fixed.dispose();
      cond.dispose();
    }
  });

  it('per-example weights: the loss is the batch mean of each example’s own weighted sum', async () => {
    // Two trainers on the same batches: one with drawn weights, one at the mean setting.
    // Their totals differ unless the weighting is per example; recompute it by hand from the draws.
    const cfg = config({ criticSteps: 0 });
    const t = new CondTrainer(cfg, data, classifier, { ranges });
    const draws = new WeightSampler(ranges, 0);
    try {
      const d = draws.next(1000);
      const zeros = (a: Float32Array) => a.filter((v) => v === 0).length / a.length;
      expect(zeros(d.beta)).toBeGreaterThan(0.18);
      expect(zeros(d.beta)).toBeLessThan(0.32);
      t.step();
      const r = await t.readLosses();
      expect(r.finite).toBe(true);
      // total = mean(mse_i + b_i adv_i + g_i ce_i) is neither mse alone nor an unweighted sum.
      expect(r.losses.total).not.toBeCloseTo(r.losses.mse!, 6);
      expect(r.losses.total).not.toBeCloseTo(r.losses.mse! + r.losses.adv! + r.losses.ce!, 6);
    } finally {
      t.dispose();
    }
  });

  it('balance: at one setting the normaliser is a constant factor, so Adam takes the unnormalised steps; across settings it reweights examples by 1/(1 + b/b* + g/g*)', async () => {
    const cfg = config({ beta: 0.4, gamma: 0.7 });
    const balance = { beta: 0.1, gamma: 0.02 };
    const plain = new CondTrainer(cfg, data, classifier, { ranges, fixed: { beta: 0.4, gamma: 0.7 } });
    const scaled = new CondTrainer(cfg, data, classifier, { ranges, fixed: { beta: 0.4, gamma: 0.7 }, balance });
    const factor = 1 / (1 + 0.4 / 0.1 + 0.7 / 0.02);
    try {
      for (let i = 0; i < 3; i++) {
        plain.step();
        scaled.step();
        const a = (await plain.readLosses()).losses;
        const b = (await scaled.readLosses()).losses;
        // Adam's step is invariant to a constant gradient scale (up to its epsilon): same nets, same raw losses.
        for (const k of ['mse', 'adv', 'ce'] as const) expect(Math.abs(b[k]! - a[k]!), `${k} at ${i + 1}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(a[k]!)));
        // The reported total is the normalised objective.
        expect(b.total! / a.total!).toBeCloseTo(factor, 4);
      }
    } finally {
      plain.dispose();
      scaled.dispose();
    }
    // Mixed settings: the total is the mean of each example's own normalised loss, not a rescaled mean.
    const mixedPlain = new CondTrainer(config({ criticSteps: 0 }), data, classifier, { ranges });
    const mixed = new CondTrainer(config({ criticSteps: 0 }), data, classifier, { ranges, balance });
    try {
      mixedPlain.step();
      mixed.step();
      const a = (await mixedPlain.readLosses()).losses;
      const b = (await mixed.readLosses()).losses;
      expect(b.mse).toBeCloseTo(a.mse!, 6);
      expect(b.total!).toBeLessThan(a.total!);
      expect(b.total!).toBeGreaterThan(a.total! / (1 + 1 / 0.1 + 2 / 0.02));
    } finally {
      mixedPlain.dispose();
      mixed.dispose();
    }
  });

  it("bn 'running': training normalises with the running statistics, which stay as loaded while the weights train ('batch' moves them)", async () => {
    const cfg = config({ preset: 'fast', beta: 0.2, gamma: 0.1, batchSize: 4 });
    for (const bn of ['running', 'batch'] as const) {
      const t = new CondTrainer(cfg, data, classifier, { ranges, bn });
      try {
        const read = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));
        const stats0 = read(t.restorer.stats);
        const w0 = read(t.restorer.base.weights);
        expect(stats0.length).toBeGreaterThan(0);
        t.step();
        t.step();
        expect(read(t.restorer.base.weights)).not.toEqual(w0);
        if (bn === 'running') expect(read(t.restorer.stats)).toEqual(stats0);
        else expect(read(t.restorer.stats)).not.toEqual(stats0);
      } finally {
        t.dispose();
      }
    }
  });

  it('leaks no tensor over steps, reset and dispose; clips only the base critic', async () => {
    const before = tf.memory().numTensors;
    const t = new CondTrainer(config({ criticLr: 0.05 }), data, classifier, { ranges });
    for (let i = 0; i < 3; i++) t.step();
    await t.readLosses();
    const w = t.critic.base.weights.flatMap((v) => Array.from(v.dataSync()));
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.01 + 1e-9);
    const film = t.critic.film.flatMap((v) => Array.from(v.dataSync()));
    expect(Math.max(...film.map(Math.abs))).toBeGreaterThan(0.01);
    t.reset();
    t.step();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
