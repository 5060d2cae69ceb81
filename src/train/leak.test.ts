import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { buildNet } from '../models/build';
import { criticSpec } from '../models/zoo';
import { DEFAULT_CONFIG } from './config';
import { linearSpec, tinyTaskData } from './fixtures';
import { Runner } from './runner';
import { Trainer } from './trainer';

// On wasm, the backend the app trains on without a GPU: 500 steps of the
// tiny preset take seconds there and minutes on the cpu backend.
describe('no tensor leaks', () => {
  it('500 steps, then start/stop/reset cycles: back to the baseline tensor count', async () => {
    await tf.setBackend('wasm');
    const SIZE = 8;
    const data = tinyTaskData({ size: SIZE, train: 16, test: 16 });
    const baseline = tf.memory().numTensors;
    const classifier = buildNet(linearSpec(SIZE, 4), 1, false);
    const cfg = { ...DEFAULT_CONFIG, preset: 'tiny' as const, criticSteps: 1, batchSize: 4, iterations: 100_000, evalCount: 16, evalCriticSteps: 2 };
    const t = new Trainer(cfg, data, classifier);
    const evalCritic = { spec: criticSpec('tiny', 'clip', [SIZE, SIZE, 1]), steps: 2, seed: 3, lr: 1e-4, batchSize: 8, mode: 'clip' as const, clip: 0.01, gpLambda: 10 };
    const runner = new Runner(t, { test: data.test, inputShape: [SIZE, SIZE, 1], classifier }, evalCritic, {}, { reportMs: 10, asyncBackend: false, gridCount: 4 });
    t.step('both');
    await t.readLosses();
    const steady = tf.memory().numTensors;
    for (let i = 0; i < 499; i++) t.step('both');
    await t.readLosses();
    expect(t.iteration).toBe(500);
    expect(tf.memory().numTensors).toBe(steady);
    for (let cycle = 0; cycle < 3; cycle++) {
      runner.start();
      await new Promise((r) => setTimeout(r, 50));
      const p = await runner.evaluate();
      expect(Number.isFinite(p.D)).toBe(true);
      await runner.stop();
      expect(runner.state).toBe('stopped');
      await runner.reset();
      expect(t.iteration).toBe(0);
      await runner.step('critic');
      await runner.baselines();
      await runner.step('both');
      expect(tf.memory().numTensors).toBe(steady);
    }
    t.dispose();
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  }, 180_000);
});
