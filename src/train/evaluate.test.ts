import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNet, type Net } from '../models/build';
import { criticSpec } from '../models/zoo';
import { criticEstimate, criticStats, evaluatePoint, evaluationCritic, sampleGrid, type EvalCriticConfig } from './evaluate';
import { binomialSe, diffOfMeansSe } from './standardErrors';
import { linearSpec, tinyTaskData } from './fixtures';

const SIZE = 8;
const data = tinyTaskData({ size: SIZE, train: 16, test: 40, sigma: 0.5 });
const inputShape: [number, number, number] = [SIZE, SIZE, 1];

// Independent references computed in plain JS from the same arrays.
function jsMse(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s / a.length;
}

function jsError(w: Float32Array, bias: Float32Array, images: Float32Array, labels: Int32Array, classes: number): number {
  const per = SIZE * SIZE;
  let wrong = 0;
  for (let n = 0; n < labels.length; n++) {
    let best = -Infinity;
    let arg = -1;
    for (let k = 0; k < classes; k++) {
      let z = bias[k];
      for (let j = 0; j < per; j++) z += images[n * per + j] * w[j * classes + k];
      if (z > best) {
        best = z;
        arg = k;
      }
    }
    if (arg !== labels[n]) wrong++;
  }
  return wrong / labels.length;
}

describe('evaluation of known restorers', () => {
  let classifier: Net;
  let critic: EvalCriticConfig;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    classifier = buildNet(linearSpec(SIZE, 4), 4, false);
    // A short budget: P's meaning is tested on wasm below, D and C here.
    critic = { spec: criticSpec('tiny', 'gp', inputShape), steps: 3, seed: 5, lr: 5e-4, batchSize: 20, mode: 'gp', clip: 0.01, gpLambda: 10 };
  });
  afterAll(() => classifier.dispose());

  const weights = { alpha: 1, beta: 0, gamma: 0 };
  const w = () => classifier.weights[0].dataSync() as Float32Array;
  const b = () => classifier.weights[1].dataSync() as Float32Array;

  it('identity restorer: D is the input MSE, C the classifier error on the degraded input', async () => {
    const p = await evaluatePoint({ test: data.test, inputShape, classifier }, { kind: 'identity', iteration: 0, weights, critic });
    expect(p.D).toBeCloseTo(jsMse(data.test.degraded, data.test.clean), 5);
    expect(p.D).toBeCloseTo(0.25, 1); // sigma^2 for unclipped Gaussian noise
    expect(p.C).toBeCloseTo(jsError(w(), b(), data.test.degraded, data.test.labels, 4), 6);
    expect(Number.isFinite(p.P)).toBe(true);
  });

  it('clean oracle: D = 0, C = error of c0 on clean images, P = 0', async () => {
    const p = await evaluatePoint({ test: data.test, inputShape, classifier }, { kind: 'clean', iteration: 0, weights, critic });
    expect(p.D).toBe(0);
    expect(p.C).toBeCloseTo(jsError(w(), b(), data.test.clean, data.test.labels, 4), 6);
    expect(p.P).toBe(0);
  });

  it('a restorer net is applied to the degraded inputs (clip-only net = clipped input)', async () => {
    const clipNet = buildNet({ name: 'clip', input: inputShape, layers: [{ kind: 'clip', min: 0, max: 1 }] }, 1);
    const clipped = data.test.degraded.map((v) => Math.min(1, Math.max(0, v)));
    const trainingCritic = buildNet(criticSpec('tiny', 'clip', inputShape), 9);
    const p = await evaluatePoint(
      { test: data.test, inputShape, classifier },
      { kind: 'restorer', iteration: 3, weights, restorer: clipNet, trainingCritic, critic },
    );
    expect(p.D).toBeCloseTo(jsMse(clipped, data.test.clean), 5);
    expect(p.C).toBeCloseTo(jsError(w(), b(), clipped, data.test.labels, 4), 6);
    expect(Number.isFinite(p.Ptrain)).toBe(true);
    const grid = await sampleGrid({ test: data.test, inputShape, classifier }, clipNet, 5);
    expect(grid.count).toBe(5);
    expect(Array.from(grid.restored)).toEqual(Array.from(clipped.slice(0, 5 * SIZE * SIZE)).map((v) => expect.closeTo(v, 6)));
    clipNet.dispose();
    trainingCritic.dispose();
  });

  it('standard errors: Cse binomial over n, Pse the sample SE combined with the seed SD, 0 for the clean input', async () => {
    const inp = { test: data.test, inputShape, classifier };
    const p = await evaluatePoint(inp, { kind: 'identity', iteration: 0, weights, critic });
    expect(p.n).toBe(data.test.count);
    expect(p.Cse).toBeCloseTo(binomialSe(p.C, data.test.count), 12);
    const withSd = await evaluatePoint(inp, { kind: 'identity', iteration: 0, weights, critic: { ...critic, seedSd: 0.5 } });
    expect(withSd.P).toBe(p.P);
    // p.Pse is the sample SE alone (no seed SD given).
    expect(withSd.Pse).toBeCloseTo(Math.sqrt(p.Pse ** 2 + 0.25), 10);
    expect(p.Pse).toBeGreaterThan(0);
    const c = await evaluatePoint(inp, { kind: 'clean', iteration: 0, weights, critic });
    expect([c.P, c.Pse]).toEqual([0, 0]);
    const none = await evaluatePoint(inp, { kind: 'identity', iteration: 0, weights, critic: { ...critic, steps: 0 } });
    expect(none.P).toBeNaN();
    expect(none.Pse).toBeNaN();
  });

  it('P from per-image critic values: the batched estimate, and the SE of those values', async () => {
    const shape4: [number, number, number, number] = [data.test.count, ...inputShape];
    const clean = tf.tensor4d(data.test.clean, shape4);
    const degraded = tf.tensor4d(data.test.degraded, shape4);
    const f = buildNet(critic.spec, critic.seed);
    const st = await criticStats(f, clean, degraded, 16);
    const est = criticEstimate(f, clean, degraded, 16);
    expect(st.P).toBeCloseTo(est.dataSync()[0], 5);
    const fr = Array.from(tf.tidy(() => f.apply(clean, { training: true })).dataSync());
    const fg = Array.from(tf.tidy(() => f.apply(degraded, { training: true })).dataSync());
    expect(st.sampleSe).toBeCloseTo(diffOfMeansSe(fr, fg), 6);
    const none = await evaluationCritic(clean, degraded, { ...critic, steps: 0 });
    expect(none.P).toBeNaN();
    const s1 = await evaluationCritic(clean, degraded, critic);
    expect([s1.n, s1.se]).toEqual([data.test.count, s1.sampleSe]);
    tf.dispose([clean, degraded, est]);
    f.dispose();
  });

  it('the evaluation critic is seeded: same budget and seed, same P', async () => {
    const a = await evaluatePoint({ test: data.test, inputShape, classifier }, { kind: 'identity', iteration: 0, weights, critic: { ...critic, steps: 5 } });
    const b2 = await evaluatePoint({ test: data.test, inputShape, classifier }, { kind: 'identity', iteration: 0, weights, critic: { ...critic, steps: 5 } });
    expect(b2.P).toBe(a.P);
  });
});

describe('evaluation critic (WGAN-GP, on wasm for speed)', () => {
  it('estimates a clearly larger distance for noisy than for slightly perturbed images', async () => {
    await tf.setBackend('wasm');
    const S = 16;
    const shape: [number, number, number] = [S, S, 1];
    const clf = buildNet(linearSpec(S, 4), 4, false);
    const noisy = tinyTaskData({ size: S, train: 8, test: 60, sigma: 0.5 });
    const mild = tinyTaskData({ size: S, train: 8, test: 60, sigma: 0.02 });
    const critic: EvalCriticConfig = { spec: criticSpec('tiny', 'gp', shape), steps: 60, seed: 5, lr: 5e-4, batchSize: 30, mode: 'gp', clip: 0.01, gpLambda: 10 };
    const w0 = { alpha: 1, beta: 0, gamma: 0 };
    const pNoisy = await evaluatePoint({ test: noisy.test, inputShape: shape, classifier: clf }, { kind: 'identity', iteration: 0, weights: w0, critic });
    const pMild = await evaluatePoint({ test: mild.test, inputShape: shape, classifier: clf }, { kind: 'identity', iteration: 0, weights: w0, critic });
    clf.dispose();
    expect(pNoisy.P).toBeGreaterThan(0);
    expect(pNoisy.P).toBeGreaterThan(5 * Math.abs(pMild.P));
    await tf.setBackend('cpu');
  }, 120_000);
});
