import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { buildNet } from '../models/build';
import { netToArtifacts } from '../models/io';
import { DEFAULT_CONFIG } from './config';
import { linearSpec, squaresSet } from './fixtures';
import type { EvalEvent, Progress } from './runner';
import { TrainService } from './service';

describe('TrainService (what the worker exposes)', () => {
  it('configures, runs a job to its final evaluation, and frees every tensor on dispose', async () => {
    await tf.setBackend('wasm');
    const baseline = tf.memory().numTensors;
    const svc = new TrainService();
    // 28x28 so the SR operator of the MNIST catalog entry (pad 1, x6) applies.
    svc.setData('mnist', squaresSet(40, 28, 10, 1), squaresSet(20, 28, 10, 2));
    const c0 = buildNet(linearSpec(28, 10), 1, false);
    const summary = svc.classifierFromArtifacts(await netToArtifacts(c0));
    c0.dispose();
    expect(summary.params).toBe(7850);
    const progress: Progress[] = [];
    const evals: EvalEvent[] = [];
    for (const task of ['denoise', 'sr'] as const) {
      await svc.configure(
        { ...DEFAULT_CONFIG, task, preset: 'tiny', iterations: 3, batchSize: 4, criticSteps: 1, evalCount: 20, evalCriticSteps: 2 },
        { onProgress: (p) => progress.push(p), onEval: (e) => evals.push(e) },
      );
      svc.start();
      await svc.whenIdle();
      expect(svc.progress()?.state).toBe('done');
      expect(evals.at(-1)?.point.iteration).toBe(3);
      expect(evals.at(-1)?.grid.count).toBe(8);
    }
    const w = await svc.restorerWeights();
    expect(w.specs.length).toBeGreaterThan(0);
    expect(w.data.byteLength).toBe(w.specs.reduce((a, s) => a + 4 * s.shape.reduce((x, y) => x * y, 1), 0));
    await svc.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('refuses a classifier that does not take the dataset images, and a config out of range', async () => {
    await tf.setBackend('wasm');
    const svc = new TrainService();
    svc.setData('mnist', squaresSet(8, 28, 10, 1), squaresSet(8, 28, 10, 2));
    svc.setClassifier(buildNet(linearSpec(8, 10), 1, false));
    const noop = { onProgress: () => {}, onEval: () => {} };
    await expect(svc.configure({ ...DEFAULT_CONFIG, preset: 'tiny' }, noop)).rejects.toThrow(/takes 8x8x1 images/);
    svc.setClassifier(buildNet(linearSpec(28, 10), 1, false));
    await expect(svc.configure({ ...DEFAULT_CONFIG, batchSize: 0 }, noop)).rejects.toThrow();
    await svc.dispose();
  });

  it('trains the shared warm start once, starts every job from it, and can stop it', async () => {
    await tf.setBackend('wasm');
    const baseline = tf.memory().numTensors;
    const svc = new TrainService();
    svc.setData('mnist', squaresSet(40, 28, 10, 1), squaresSet(20, 28, 10, 2));
    svc.setClassifier(buildNet(linearSpec(28, 10), 1, false));
    const noop = { onProgress: () => {}, onEval: () => {} };
    const cfg = { ...DEFAULT_CONFIG, preset: 'tiny' as const, iterations: 2, batchSize: 4, criticSteps: 0, evalCount: 20, evalCriticSteps: 0, warmStart: 25 };
    await expect(svc.configure(cfg, noop)).rejects.toThrow(/warm start that is not trained/);

    const seen: number[] = [];
    await svc.warmStart(cfg, (p) => seen.push(p.iteration));
    expect(seen.at(-1)).toBe(25);
    expect(seen.length).toBeGreaterThan(1);
    // A different point of the same sweep (other weights) reuses the base: no new progress.
    await svc.warmStart({ ...cfg, beta: 0.7, gamma: 0.1 }, (p) => seen.push(p.iteration));
    expect(seen.at(-1)).toBe(25);
    expect(seen.filter((i) => i === 25).length).toBe(1);

    // The job's restorer starts from the base, not from the seed's initial weights.
    await svc.configure(cfg, noop);
    const fromBase = Array.from(new Float32Array((await svc.restorerWeights()).data));
    await svc.configure({ ...cfg, warmStart: 0 }, noop);
    const fromSeed = Array.from(new Float32Array((await svc.restorerWeights()).data));
    expect(fromBase).toHaveLength(fromSeed.length);
    expect(fromBase).not.toEqual(fromSeed);
    await svc.configure({ ...cfg, gamma: 0.3 }, noop);
    expect(Array.from(new Float32Array((await svc.restorerWeights()).data))).toEqual(fromBase);

    // A longer base is another base; stop() aborts it while it trains.
    const longer = svc.warmStart({ ...cfg, warmStart: 100_000 }, (p) => {
      if (p.iteration >= 20) void svc.stop();
    });
    await expect(longer).rejects.toThrow(/stopped/);
    await svc.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);
});
