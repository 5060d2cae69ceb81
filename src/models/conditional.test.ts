import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPenalty } from '../train/losses';
import { buildNet } from './build';
import { buildCondNet, condSpec, filmParamCount, filmPoints, type CondNet } from './conditional';
import { conditionFeatures, drawRatio, lossRatios, ratioFeature, ratioInRange, type ConditionRanges } from './conditioning';
import { directional, FD_STEPS } from './directional';
import { paramCount } from './spec';
import { criticSpec, restorerSpec } from './zoo';

const shape: [number, number, number] = [12, 12, 1];
const ranges: ConditionRanges = { beta: { lo: 1e-3, hi: 1, pZero: 0.2 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.2 } };

function randomCond(n: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([n, 2], -1, 1, 'float32', seed) as tf.Tensor2D;
}

/** Non-zero FiLM heads, as after training (at init they are zero and the trunk gets no gradient). */
function perturbHeads(net: CondNet, seed: number): void {
  let i = 0;
  for (const [name, v] of net.named) if (name.startsWith('film/head')) v.assign(tf.tidy(() => tf.randomNormal(v.shape, 0, 0.3, 'float32', seed + i++)));
}

describe('loss-ratio features', () => {
  it('maps 0 to -1 and hi to +1, monotone in between, and refuses alpha <= 0', () => {
    expect(ratioFeature(0, ranges.gamma)).toBeCloseTo(-1, 12);
    expect(ratioFeature(2, ranges.gamma)).toBeCloseTo(1, 12);
    const xs = [0, 1e-3, 5e-3, 0.015, 0.1, 1, 2].map((r) => ratioFeature(r, ranges.gamma));
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    expect(() => lossRatios({ alpha: 0, beta: 1, gamma: 1 })).toThrow(/alpha/);
    // The authors' Exp-3 alpha = 0.5 point is the model's (1, 2 beta, 2 gamma).
    expect(lossRatios({ alpha: 0.5, beta: 0.015, gamma: 0.005 })).toEqual({ beta: 0.03, gamma: 0.01 });
    expect(ratioInRange(0, ranges.beta) && ratioInRange(1e-3, ranges.beta) && !ratioInRange(1.5, ranges.beta) && !ratioInRange(5e-4, ranges.beta)).toBe(true);
    expect(Array.from(conditionFeatures(ranges, [{ beta: 1, gamma: 0 }]))).toEqual([Math.fround(ratioFeature(1, ranges.beta)), -1]);
  });

  it('draws 0 with probability pZero and log-uniform otherwise', () => {
    const r = ranges.beta;
    let zeros = 0;
    const logs: number[] = [];
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const v = drawRatio(r, (i * 0.6180339887) % 1, ((i * 0.7548776662) % 1) || 0.5);
      if (v === 0) zeros++;
      else {
        expect(v).toBeGreaterThanOrEqual(r.lo);
        expect(v).toBeLessThanOrEqual(r.hi);
        logs.push(Math.log(v));
      }
    }
    expect(zeros / n).toBeCloseTo(r.pZero, 2);
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    expect(mean).toBeCloseTo((Math.log(r.lo) + Math.log(r.hi)) / 2, 1);
  });
});

describe('conditional nets (FiLM)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('modulates the output of every layer that feeds an activation', () => {
    const d = restorerSpec('denoiser', 'fast', [28, 28, 1]);
    expect(filmPoints(d).map((f) => d.layers[f.after].kind)).toEqual(['conv', 'bn', 'bn', 'bn']);
    expect(filmPoints(d).map((f) => f.channels)).toEqual([16, 32, 32, 16]);
    const s = restorerSpec('sr', 'fast', [28, 28, 1]);
    expect(filmPoints(s).map((f) => s.layers[f.after].kind)).toEqual(['conv', 'conv']);
    const c = criticSpec('fast', 'clip', [28, 28, 1]);
    expect(filmPoints(c).map((f) => f.channels)).toEqual([16, 32, 64]);
    const spec = condSpec(d, { boundedScale: false });
    // trunk 2->32->32, heads 32 -> 2c for c in 16, 32, 32, 16
    expect(filmParamCount(spec)).toBe(2 * 32 + 32 + 32 * 32 + 32 + (32 + 1) * 2 * (16 + 32 + 32 + 16));
    expect(paramCount(d)).toBeGreaterThan(0);
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`at initialisation is its base net exactly, for any condition (${backend})`, async () => {
      await tf.setBackend(backend);
      for (const [spec, bounded] of [
        [restorerSpec('denoiser', 'tiny', shape), false],
        [restorerSpec('sr', 'tiny', shape), false],
        [criticSpec('tiny', 'clip', shape), true],
      ] as const) {
        const plain = buildNet(spec, 5);
        const cond = buildCondNet(condSpec(spec, { boundedScale: bounded }), 5);
        const before = tf.memory().numTensors;
        const x = tf.randomUniform([4, ...shape], 0, 1, 'float32', 3);
        const c = randomCond(4, 9);
        for (const training of [false, true]) {
          const a = tf.tidy(() => plain.apply(x, { training }));
          const b = tf.tidy(() => cond.apply(x, c, { training }));
          expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
          const v = cond.at(new Float32Array([0.3, -0.7]));
          const e = v.apply(x, { training });
          expect(Array.from(e.dataSync())).toEqual(Array.from(a.dataSync()));
          tf.dispose([a, b, e]);
        }
        tf.dispose([x, c]);
        expect(tf.memory().numTensors).toBe(before);
        plain.dispose();
        cond.dispose();
      }
    });
  }

  it('a trained condition changes the output per example: each row follows its own condition', () => {
    const spec = restorerSpec('denoiser', 'tiny', shape);
    const net = buildCondNet(condSpec(spec, { boundedScale: false }), 2);
    perturbHeads(net, 40);
    const x = tf.randomUniform([1, ...shape], 0, 1, 'float32', 3);
    const x2 = tf.concat([x, x]);
    const c = tf.tensor2d([-1, -1, 1, 1], [2, 2]);
    const both = net.apply(x2, c, { training: false });
    const lo = net.at(new Float32Array([-1, -1])).apply(x, { training: false });
    const hi = net.at(new Float32Array([1, 1])).apply(x, { training: false });
    const b = both.arraySync() as number[][][][];
    expect(b[0]).toEqual((lo.arraySync() as number[][][][])[0]);
    expect(b[1]).toEqual((hi.arraySync() as number[][][][])[0]);
    const diff = tf.max(tf.abs(tf.sub(lo, hi))).dataSync()[0];
    expect(diff).toBeGreaterThan(1e-3);
    tf.dispose([x, x2, c, both, lo, hi]);
    net.dispose();
  });

  const fdCases: Array<{ name: string; build: () => CondNet; loss: (net: CondNet, x: tf.Tensor4D, y: tf.Tensor4D, c: tf.Tensor2D, w: tf.Tensor1D) => tf.Scalar }> = [
    {
      name: 'conditional denoiser, per-example weighted MSE (batch norm in training mode)',
      build: () => {
        const s = restorerSpec('denoiser', 'tiny', shape);
        return buildCondNet(condSpec({ ...s, layers: s.layers.filter((l) => l.kind !== 'clip') }, { boundedScale: false }), 3);
      },
      loss: (net, x, y, c, w) => tf.mean(tf.mul(w, tf.mean(tf.square(tf.sub(net.apply(y, c, { training: true }), x)), [1, 2, 3]))),
    },
    {
      name: 'conditional critic with batch norm, per-example weighted critic values',
      build: () => buildCondNet(condSpec(criticSpec('tiny', 'clip', shape), { boundedScale: true }), 5),
      loss: (net, x, y, c, w) => tf.sub(tf.mean(tf.mul(w, tf.reshape(net.apply(y, c, { training: true }), [-1]))), tf.mean(net.apply(x, c, { training: true }))),
    },
    {
      name: 'conditional WGAN-GP critic: the gradient penalty through FiLM',
      build: () => buildCondNet(condSpec(criticSpec('tiny', 'gp', shape), { boundedScale: true }), 6),
      loss: (net, x, y, c) => gradientPenalty((z) => net.apply(z, c, { training: true }), x, y, 17),
    },
  ];
  for (const fc of fdCases) {
    it(`finite differences: ${fc.name}`, async () => {
      const net = fc.build();
      perturbHeads(net, 70);
      const x = tf.randomUniform([3, ...shape], 0, 1, 'float32', 11) as tf.Tensor4D;
      const y = tf.add(x, tf.randomNormal(x.shape, 0, 0.3, 'float32', 12)) as tf.Tensor4D;
      const c = tf.tensor2d([-0.9, 0.2, 0.1, 0.8, 0.7, -0.4], [3, 2]);
      const w = tf.tensor1d([0.2, 1, 3]);
      try {
        let best = { fd: NaN, analytic: NaN, err: Infinity };
        for (const h of FD_STEPS) {
          const { fd, analytic } = await directional(net, () => fc.loss(net, x, y, c, w), 100, h);
          const err = Math.abs(fd - analytic) / Math.abs(analytic);
          if (err < best.err) best = { fd, analytic, err };
        }
        expect(Math.abs(best.analytic)).toBeGreaterThan(1e-3);
        expect(best.err, `fd ${best.fd} analytic ${best.analytic}`).toBeLessThan(3e-2);
        // The FiLM variables themselves get gradients (trunk included, once the heads are non-zero).
        const { grads } = tf.variableGrads(() => fc.loss(net, x, y, c, w), net.film);
        for (const v of net.film) expect(tf.max(tf.abs(grads[v.name])).dataSync()[0], v.name).toBeGreaterThan(0);
        tf.dispose(Object.values(grads));
      } finally {
        net.dispose();
        tf.dispose([x, y, c, w]);
      }
    });
  }
});
