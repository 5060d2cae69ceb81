import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { buildNet } from '../models/build';
import { criticSpec } from '../models/zoo';
import { DEFAULT_CONFIG } from './config';
import { linearSpec, tinyTaskData } from './fixtures';
import { Runner, type EvalEvent, type Progress } from './runner';
import { Trainer } from './trainer';

const SIZE = 8;

function setup(over: Partial<typeof DEFAULT_CONFIG> = {}) {
  const data = tinyTaskData({ size: SIZE, train: 16, test: 16 });
  const classifier = buildNet(linearSpec(SIZE, 4), 1, false);
  const cfg = { ...DEFAULT_CONFIG, preset: 'tiny' as const, criticSteps: 1, batchSize: 4, evalCount: 16, evalCriticSteps: 2, ...over };
  const trainer = new Trainer(cfg, data, classifier);
  const progress: Progress[] = [];
  const evals: EvalEvent[] = [];
  const events: string[] = [];
  let samples = 0;
  const runner = new Runner(
    trainer,
    { test: data.test, inputShape: [SIZE, SIZE, 1], classifier },
    { spec: criticSpec('tiny', 'gp', [SIZE, SIZE, 1]), steps: 2, seed: 1, lr: 5e-4, batchSize: 8, mode: 'gp', clip: 0.01, gpLambda: 10 },
    {
      onProgress: (p) => {
        progress.push(p);
        events.push(`progress:${p.state}`);
      },
      onEval: (e) => {
        evals.push(e);
        events.push(`eval:${e.point.iteration}`);
      },
      onSamples: (g) => {
        if (g.count === 4) samples++;
      },
    },
    { reportMs: 0, asyncBackend: false, gridCount: 4, samplesMs: 1 },
  );
  const dispose = () => {
    trainer.dispose();
    classifier.dispose();
  };
  return { runner, trainer, classifier, progress, evals, events, dispose, samples: () => samples };
}

describe('Runner', () => {
  it('evaluates every evalEvery iterations, then once at the end after reporting done', async () => {
    await tf.setBackend('wasm');
    const r = setup({ iterations: 7, evalEvery: 3 });
    try {
      r.runner.start();
      await r.runner.whenIdle();
      expect(r.runner.state).toBe('done');
      expect(r.evals.map((e) => e.point.iteration)).toEqual([3, 6, 7]);
      const doneAt = r.events.indexOf('progress:done');
      expect(doneAt).toBeGreaterThan(-1);
      expect(r.events.indexOf('eval:7')).toBeGreaterThan(doneAt);
      expect(r.progress.at(-1)?.iteration).toBe(7);
      expect(r.evals.at(-1)?.grid.count).toBe(4);
    } finally {
      r.dispose();
    }
  }, 60_000);

  it('a NaN loss stops the job with a message and keeps the last evaluated point', async () => {
    await tf.setBackend('wasm');
    const r = setup({ iterations: 1000, gamma: 0.5 });
    try {
      await r.runner.step('both');
      const kept = await r.runner.evaluate();
      // From here the classifier outputs NaN, so CE (gamma > 0) is NaN.
      r.classifier.weights[0].assign(tf.fill(r.classifier.weights[0].shape, NaN));
      r.runner.start();
      await r.runner.whenIdle();
      expect(r.runner.state).toBe('failed');
      expect(r.runner.message).toMatch(/NaN or Inf/);
      expect(r.runner.message).toContain(`iteration ${kept.iteration}`);
      expect(r.runner.points).toEqual([kept]);
      await expect(r.runner.step('both')).rejects.toThrow(/failed/);
      // Reset clears the failure.
      await r.runner.reset();
      expect(r.runner.state).toBe('idle');
    } finally {
      r.dispose();
    }
  }, 60_000);

  it('pause, resume and stop control a running job; weights change live', async () => {
    await tf.setBackend('wasm');
    const r = setup({ iterations: 100_000 });
    try {
      r.runner.start();
      await new Promise((res) => setTimeout(res, 30));
      r.runner.setWeights({ alpha: 0.5, beta: 0, gamma: 2 });
      r.runner.pause();
      await r.runner.whenIdle();
      expect(r.runner.state).toBe('paused');
      const at = r.trainer.iteration;
      await new Promise((res) => setTimeout(res, 30));
      expect(r.trainer.iteration).toBe(at);
      expect(r.runner.progress().weights).toEqual({ alpha: 0.5, beta: 0, gamma: 2 });
      r.runner.resume();
      await new Promise((res) => setTimeout(res, 30));
      await r.runner.stop();
      expect(r.runner.state).toBe('stopped');
      expect(r.trainer.iteration).toBeGreaterThan(at);
      expect(r.samples()).toBeGreaterThan(0);
    } finally {
      r.dispose();
    }
  }, 60_000);
});
