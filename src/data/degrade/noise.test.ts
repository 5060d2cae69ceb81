import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { addGaussianNoise, noisyTestCopy, toUnit } from './noise';

describe('gaussian noise degradation', () => {
  const images = new Uint8Array(50 * 784).map((_, i) => (i * 37) % 256);

  it('adds N(0, sigma^2) to X in [0,1] and does not clip', () => {
    const sigma = 1;
    const y = addGaussianNoise(images, sigma, createRng(5));
    const x = toUnit(images);
    const n = x.length;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const d = y[i] - x[i];
      s += d;
      s2 += d * d;
      if (y[i] < 0 || y[i] > 1) outside++;
    }
    expect(Math.abs(s / n)).toBeLessThan((5 * sigma) / Math.sqrt(n));
    expect(Math.abs(s2 / n - sigma * sigma)).toBeLessThan(5 * sigma * sigma * Math.sqrt(2 / n));
    expect(outside).toBeGreaterThan(n / 4);
  });

  it('scales the noise by sigma and reads uint8 as v/255', () => {
    const y0 = addGaussianNoise(images, 0, createRng(1));
    expect(Array.from(y0.subarray(0, 5))).toEqual(Array.from(images.subarray(0, 5), (v) => Math.fround(v / 255)));
    const a = addGaussianNoise(images, 0.5, createRng(9));
    const b = addGaussianNoise(images, 1, createRng(9));
    for (let i = 0; i < 100; i++) expect(a[i] - y0[i]).toBeCloseTo((b[i] - y0[i]) / 2, 5);
  });

  it('draws fresh noise for each batch from a running generator', () => {
    const rng = createRng(2);
    const first = addGaussianNoise(images, 1, rng);
    const second = addGaussianNoise(images, 1, rng);
    let same = 0;
    for (let i = 0; i < first.length; i++) if (first[i] === second[i]) same++;
    expect(same).toBe(0);
  });

  it('makes the same fixed noisy test copy every time', () => {
    const a = noisyTestCopy(images, 1);
    const b = noisyTestCopy(images, 1);
    expect(b).toEqual(a);
    expect(noisyTestCopy(images, 1, 1234)).not.toEqual(a);
  });
});
