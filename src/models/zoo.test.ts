import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNet } from './build';
import { netFromArtifacts, netToArtifacts } from './io';
import { forwardFlops, outputShape, paramCount, type NetSpec } from './spec';
import { classifierSpec, criticSpec, restorerSpec } from './zoo';

// Parameter counts written out by hand from REFERENCE.md section 2
// (k*k*cin*cout weights + biases; BN adds 2 per channel, replacing the bias).
const conv = (k: number, cin: number, cout: number, bias = true) => k * k * cin * cout + (bias ? cout : 0);
const dense = (i: number, o: number) => i * o + o;

const EXPECTED: Array<{ spec: NetSpec; params: number; out: number[] }> = [
  { spec: classifierSpec('logistic'), params: 784 * 10 + 10, out: [10] },
  // CNN-1 is the PyTorch MNIST example net: 21,840 parameters.
  { spec: classifierSpec('cnn1'), params: 21840, out: [10] },
  { spec: classifierSpec('cnn2'), params: conv(3, 1, 64) + 5 * conv(3, 64, 64) + dense(576, 256) + dense(256, 10), out: [10] },
  { spec: classifierSpec('cnn2p'), params: conv(3, 3, 64) + 5 * conv(3, 64, 64) + dense(1024, 256) + dense(256, 10), out: [10] },
  {
    spec: restorerSpec('denoiser', 'paper', [28, 28, 1]),
    params: conv(5, 1, 32) + conv(5, 32, 64, false) + 128 + conv(5, 64, 64, false) + 128 + conv(5, 64, 32, false) + 64 + conv(5, 32, 1),
    out: [28, 28, 1],
  },
  {
    spec: restorerSpec('denoiser', 'fast', [28, 28, 1]),
    params: conv(3, 1, 16) + conv(3, 16, 32, false) + 64 + conv(3, 32, 32, false) + 64 + conv(3, 32, 16, false) + 32 + conv(3, 16, 1),
    out: [28, 28, 1],
  },
  { spec: restorerSpec('sr', 'paper', [28, 28, 1]), params: conv(9, 1, 64) + conv(5, 64, 32) + conv(5, 32, 1), out: [28, 28, 1] },
  { spec: restorerSpec('sr', 'paper', [32, 32, 3]), params: conv(9, 3, 64) + conv(5, 64, 32) + conv(5, 32, 3), out: [32, 32, 3] },
  { spec: restorerSpec('sr', 'fast', [28, 28, 1]), params: conv(3, 1, 32) + conv(3, 32, 16) + conv(3, 16, 1), out: [28, 28, 1] },
  // 28 -> 14 -> 7 -> 4 with stride-2 'same' convs: 4*4*128 = 2048 features.
  { spec: criticSpec('paper', 'clip', [28, 28, 1]), params: conv(5, 1, 32) + conv(5, 32, 64, false) + 128 + conv(5, 64, 128, false) + 256 + dense(2048, 1), out: [1] },
  { spec: criticSpec('paper', 'gp', [28, 28, 1]), params: conv(5, 1, 32) + conv(5, 32, 64) + conv(5, 64, 128) + dense(2048, 1), out: [1] },
  { spec: criticSpec('paper', 'clip', [32, 32, 3]), params: conv(5, 3, 32) + conv(5, 32, 64, false) + 128 + conv(5, 64, 128, false) + 256 + dense(2048, 1), out: [1] },
  { spec: criticSpec('fast', 'clip', [28, 28, 1]), params: conv(5, 1, 16) + conv(5, 16, 32, false) + 64 + conv(5, 32, 64, false) + 128 + dense(1024, 1), out: [1] },
];

describe('model zoo', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has the published CNN-1 and logistic sizes', () => {
    expect(paramCount(classifierSpec('cnn1'))).toBe(21840);
    expect(paramCount(classifierSpec('logistic'))).toBe(7850);
  });

  for (const e of EXPECTED) {
    it(`${e.spec.name} ${e.spec.input.join('x')}: parameter count and output shape`, () => {
      expect(paramCount(e.spec)).toBe(e.params);
      expect([...outputShape(e.spec)]).toEqual(e.out);
      const net = buildNet(e.spec, 3);
      try {
        const n = [...net.weights, ...net.stats].reduce((a, v) => a + v.size, 0);
        const stats = net.stats.reduce((a, v) => a + v.size, 0);
        expect(n - stats).toBe(e.params);
        const y = tf.tidy(() => net.apply(tf.zeros([1, ...e.spec.input]), { training: false }));
        expect(y.shape).toEqual([1, ...e.out]);
        y.dispose();
      } finally {
        net.dispose();
      }
    });
  }

  it('counts the paper denoiser at about 48 GFLOP per batch-50 MSE step (TESTING.md)', () => {
    const f = forwardFlops(restorerSpec('denoiser', 'paper', [28, 28, 1]));
    // Forward + backward ~ 3x forward; TESTING.md measured "about 48 GFLOP per step".
    expect((3 * 50 * f) / 1e9).toBeGreaterThan(40);
    expect((3 * 50 * f) / 1e9).toBeLessThan(55);
  });

  it('same seed gives the same initial weights, another seed different ones', () => {
    const spec = criticSpec('fast', 'clip', [28, 28, 1]);
    const a = buildNet(spec, 11);
    const b = buildNet(spec, 11);
    const c = buildNet(spec, 12);
    try {
      const flat = (n: typeof a) => n.weights.flatMap((v) => Array.from(v.dataSync()));
      expect(flat(a)).toEqual(flat(b));
      expect(flat(a)).not.toEqual(flat(c));
    } finally {
      [a, b, c].forEach((n) => n.dispose());
    }
  });

  it('batch norm normalizes with batch statistics in training and running ones otherwise', () => {
    const spec: NetSpec = { name: 'bn', input: [2, 2, 1], layers: [{ kind: 'bn', name: 'bn', c: 1 }] };
    const net = buildNet(spec, 1);
    try {
      const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2, 1]);
      const y = net.apply(x, { training: true, updateStats: true }).dataSync();
      const mean = 4.5;
      const variance = 5.25; // population variance of 1..8
      y.forEach((v, i) => expect(v).toBeCloseTo((i + 1 - mean) / Math.sqrt(variance + 1e-5), 5));
      // running stats moved by (1 - momentum) toward the batch: 0.1 * 4.5, 0.9 + 0.1 * 5.25
      expect(net.stats[0].dataSync()[0]).toBeCloseTo(0.45, 6);
      expect(net.stats[1].dataSync()[0]).toBeCloseTo(0.9 + 0.525, 5);
      const z = net.apply(x, { training: false }).dataSync();
      expect(z[0]).toBeCloseTo((1 - 0.45) / Math.sqrt(1.425 + 1e-5), 5);
    } finally {
      net.dispose();
    }
  });

  it('saves and loads through tf.io artifacts with identical outputs', async () => {
    const spec = restorerSpec('denoiser', 'fast', [12, 12, 1]);
    const net = buildNet(spec, 5);
    const x = tf.randomUniform([3, 12, 12, 1], 0, 1, 'float32', 9);
    try {
      const a = await netToArtifacts(net);
      const { net: back } = netFromArtifacts(a);
      const y0 = net.apply(x, { training: false }).dataSync();
      const y1 = back.apply(x, { training: false }).dataSync();
      expect(Array.from(y1)).toEqual(Array.from(y0));
      back.dispose();
      const broken = { ...a, weightSpecs: a.weightSpecs!.slice(1) };
      expect(() => netFromArtifacts(broken)).toThrow(/missing|weight/);
    } finally {
      net.dispose();
      x.dispose();
    }
  });
});
