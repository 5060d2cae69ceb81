import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resizeBicubic } from './bicubic';
import { srDegrade, srDownsample, srOperator } from './superResolution';

/** The pipeline spelled out step by step, as the paper describes it. */
function explicitPipeline(img: Float32Array, h: number, w: number, c: number, pad: number, k: number): Float32Array {
  const ph = h + 2 * pad;
  const pw = w + 2 * pad;
  const padded = new Float32Array(ph * pw * c);
  for (let y = 0; y < ph; y++) {
    for (let x = 0; x < pw; x++) {
      const sy = Math.min(h - 1, Math.max(0, y - pad));
      const sx = Math.min(w - 1, Math.max(0, x - pad));
      for (let ch = 0; ch < c; ch++) padded[(y * pw + x) * c + ch] = img[(sy * w + sx) * c + ch];
    }
  }
  const low = resizeBicubic(padded, 1, ph, pw, c, ph / k, pw / k);
  const up = resizeBicubic(low, 1, ph / k, pw / k, c, ph, pw);
  const out = new Float32Array(h * w * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let ch = 0; ch < c; ch++) out[(y * w + x) * c + ch] = Math.min(1, Math.max(0, up[((y + pad) * pw + x + pad) * c + ch]));
    }
  }
  return out;
}

describe('super-resolution degradation', () => {
  it('uses the paper sizes: MNIST 28 -> 30 -> 5, CIFAR 32 -> 36 -> 12', () => {
    const m = srOperator(28, 28, 1, 6);
    expect([m.lowH, m.lowW]).toEqual([5, 5]);
    const c = srOperator(32, 32, 2, 3);
    expect([c.lowH, c.lowW]).toEqual([12, 12]);
    expect(() => srOperator(28, 28, 2, 6)).toThrow(/not divisible/);
  });

  it('equals pad, bicubic down, bicubic up, crop, clip done one step at a time', () => {
    const images = new Uint8Array(3 * 28 * 28).map((_, i) => (i * 97 + (i >> 5) * 13) % 256);
    const op = srOperator(28, 28, 1, 6);
    const fast = srDegrade(op, images, 3, 1);
    for (let n = 0; n < 3; n++) {
      const one = Float32Array.from(images.subarray(n * 784, (n + 1) * 784), (v) => v / 255);
      const ref = explicitPipeline(one, 28, 28, 1, 1, 6);
      for (let i = 0; i < 784; i++) expect(fast[n * 784 + i]).toBeCloseTo(ref[i], 5);
    }
    const rgb = new Uint8Array(2 * 32 * 32 * 3).map((_, i) => (i * 53 + (i >> 7)) % 256);
    const cop = srOperator(32, 32, 2, 3);
    const cf = srDegrade(cop, rgb, 2, 3);
    const ref1 = explicitPipeline(Float32Array.from(rgb.subarray(3072), (v) => v / 255), 32, 32, 3, 2, 3);
    for (let i = 0; i < 3072; i++) expect(cf[3072 + i]).toBeCloseTo(ref1[i], 5);
  });

  it('keeps constant images constant and outputs lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (v) => {
        const out = srDegrade(srOperator(28, 28, 1, 6), new Uint8Array(784).fill(v), 1, 1);
        for (const y of out) expect(y).toBeCloseTo(v / 255, 5);
      }),
    );
    const noisy = new Uint8Array(784).map((_, i) => ((i * 7919) % 2) * 255);
    const out = srDegrade(srOperator(28, 28, 1, 6), noisy, 1, 1);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBeLessThanOrEqual(1);
  });

  it('keeps a linear ramp linear away from the borders', () => {
    // A horizontal ramp in 36 columns: factor 3 SR reproduces it where the
    // 12-pixel low-res grid's kernels stay inside the image.
    const h = 36;
    const w = 36;
    const img = new Float32Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img[y * w + x] = 0.2 + 0.015 * x;
    const out = srDegrade(srOperator(h, w, 0, 3), img, 1, 1);
    for (let y = 0; y < h; y++) for (let x = 9; x < 27; x++) expect(out[y * w + x]).toBeCloseTo(img[y * w + x], 4);
  });

  it('low-resolution image of a 6x6 block is its antialiased average', () => {
    // With pad 0 and factor 6 on 30x30, a low-res pixel whose support holds a
    // constant region equals that constant.
    const img = new Float32Array(30 * 30).fill(0.25);
    const low = srDownsample(srOperator(30, 30, 0, 6), img, 1, 1);
    expect(low.length).toBe(25);
    for (const v of low) expect(v).toBeCloseTo(0.25, 6);
  });

  it('loses detail: a checkerboard becomes nearly flat', () => {
    const img = new Float32Array(784);
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) img[y * 28 + x] = (x + y) % 2;
    const out = srDegrade(srOperator(28, 28, 1, 6), img, 1, 1);
    for (let y = 6; y < 22; y++) for (let x = 6; x < 22; x++) expect(Math.abs(out[y * 28 + x] - 0.5)).toBeLessThan(0.05);
  });
});
