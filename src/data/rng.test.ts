import { describe, expect, it } from 'vitest';
import { createRng, permutation } from './rng';

describe('seeded rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 8 }, () => a.uniform());
    expect(Array.from({ length: 8 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 8 }, () => c.uniform())).not.toEqual(xa);
  });

  it('uniforms have mean 1/2 and variance 1/12 (seeded Monte Carlo, 5 sigma bounds)', () => {
    const r = createRng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('normals match N(0,1) moments and tail mass', () => {
    const r = createRng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      s4 += z ** 4;
      if (Math.abs(z) > 2) beyond2++;
    }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // P(|Z| > 2) = 0.0455003
    const p = 0.0455003;
    expect(Math.abs(beyond2 / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });

  it('permutation is a permutation and roughly uniform in first place', () => {
    const r = createRng(3);
    const counts = new Array(5).fill(0);
    for (let t = 0; t < 20_000; t++) {
      const p = permutation(5, r);
      expect([...p].sort()).toEqual([0, 1, 2, 3, 4]);
      counts[p[0]]++;
    }
    for (const c of counts) expect(Math.abs(c - 4000)).toBeLessThan(5 * Math.sqrt(20_000 * 0.2 * 0.8));
  });
});
