import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keys, resizeBicubic, resizeWeights } from './bicubic';

const row = (m: { cols: number; data: Float64Array }, i: number) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

describe('Keys kernel (a = -0.5)', () => {
  it('has the hand-computed values', () => {
    // |t| < 1: 1.5|t|^3 - 2.5|t|^2 + 1;  1 <= |t| < 2: -0.5|t|^3 + 2.5|t|^2 - 4|t| + 2
    expect(keys(0)).toBe(1);
    expect(keys(0.25)).toBe(0.8671875);
    expect(keys(-0.5)).toBe(0.5625);
    expect(keys(0.75)).toBe(0.2265625);
    expect(keys(1)).toBeCloseTo(0, 15);
    expect(keys(1.25)).toBe(-0.0703125);
    expect(keys(1.5)).toBe(-0.0625);
    expect(keys(-1.75)).toBe(-0.0234375);
    expect(keys(2)).toBeCloseTo(0, 15);
    expect(keys(3)).toBe(0);
  });
});

describe('bicubic resize weights', () => {
  it('upsampling by 2 uses the kernel at distances 1.75, 0.75, 0.25, 1.25', () => {
    // Output 4 of 12 has its centre at 2.25 in input units; input centres 0.5..3.5.
    const w = resizeWeights(6, 12);
    expect(row(w, 4)).toEqual([-0.0234375, 0.2265625, 0.8671875, -0.0703125, 0, 0]);
  });

  it('downsampling by 2 stretches the kernel by 2 and renormalises (antialiasing)', () => {
    // Output 2 of 6 has centre 5; inputs 1..8 sit at distances 3.5..0.5, the
    // stretched kernel reads keys(d / 2) at 1.75, 1.25, 0.75, 0.25; the sum is 2.
    const w = resizeWeights(12, 6);
    const raw = [-0.0234375, -0.0703125, 0.2265625, 0.8671875, 0.8671875, 0.2265625, -0.0703125, -0.0234375];
    expect(raw.reduce((a, b) => a + b, 0)).toBe(2);
    expect(row(w, 2)).toEqual([0, ...raw.map((v) => v / 2), 0, 0, 0]);
  });

  it('replicates the edge: taps left of pixel 0 land on pixel 0', () => {
    // Output 0 of 12 (centre 0.25): taps at -2..1, kernel at 1.75 (j=-2), 0.75 (j=-1), 0.25 (j=0), 1.25 (j=1).
    const w = resizeWeights(6, 12);
    expect(row(w, 0)).toEqual([-0.0234375 + 0.2265625 + 0.8671875, -0.0703125, 0, 0, 0, 0]);
  });

  it('rows sum to one for any sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (n, m) => {
        const w = resizeWeights(n, m);
        for (let i = 0; i < m; i++) expect(row(w, i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('bicubic resize', () => {
  it('matches Pillow 9.4 (Image.resize BICUBIC, mode F) away from the borders', () => {
    // Pillow drops out-of-range taps where we replicate, so only outputs whose
    // support lies inside the image are compared. Values printed by Pillow 9.4.0.
    const x = Float32Array.from({ length: 36 }, (_, i) => ((7 * i) % 11) / 10);
    const down = resizeBicubic(x, 1, 1, 36, 1, 1, 6);
    expect(down[2]).toBeCloseTo(0.5461130142211914, 6);
    expect(down[3]).toBeCloseTo(0.4502989947795868, 6);
    const u = Float32Array.from([0.0, 0.2, 1.0, 0.5, 0.3, 0.9]);
    const up = resizeBicubic(u, 1, 1, 6, 1, 1, 18);
    const pillow = [0.8074073791503906, 1.0, 0.9185185432434082, 0.6925926208496094, 0.5, 0.38148149847984314];
    pillow.forEach((v, k) => expect(up[6 + k]).toBeCloseTo(v, 6));
  });

  it('keeps constants constant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (h, w, oh, ow, c) => {
          const out = resizeBicubic(new Float32Array(h * w * 3).fill(c), 1, h, w, 3, oh, ow);
          for (const v of out) expect(v).toBeCloseTo(c, 5);
        },
      ),
    );
  });

  it('keeps a linear ramp linear away from the borders, up and down', () => {
    for (const [n, m] of [[10, 30], [8, 24], [30, 5], [36, 12], [12, 24]]) {
      const ramp = Float32Array.from({ length: n }, (_, j) => 0.1 + 0.05 * (j + 0.5));
      const out = resizeBicubic(ramp, 1, 1, n, 1, 1, m);
      const scale = n / m;
      const support = 2 * Math.max(scale, 1);
      for (let i = 0; i < m; i++) {
        const c = (i + 0.5) * scale;
        if (c - support < 0 || c + support > n) continue;
        expect(out[i]).toBeCloseTo(0.1 + 0.05 * c, 5);
      }
    }
  });

  it('treats channels independently (HWC)', () => {
    const h = 5;
    const w = 4;
    const a = Float32Array.from({ length: h * w }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: h * w }, (_, i) => Math.cos(3 * i));
    const hwc = new Float32Array(h * w * 2);
    for (let i = 0; i < h * w; i++) [hwc[2 * i], hwc[2 * i + 1]] = [a[i], b[i]];
    const out = resizeBicubic(hwc, 1, h, w, 2, 9, 7);
    const ra = resizeBicubic(a, 1, h, w, 1, 9, 7);
    const rb = resizeBicubic(b, 1, h, w, 1, 9, 7);
    for (let i = 0; i < 63; i++) {
      expect(out[2 * i]).toBeCloseTo(ra[i], 6);
      expect(out[2 * i + 1]).toBeCloseTo(rb[i], 6);
    }
  });
});
