import { describe, expect, it } from 'vitest';
import { finiteArray, fmt, paddedRange } from './format';

describe('fmt', () => {
  it('rounds to significant digits and names the special values', () => {
    expect(fmt(0.123456)).toBe('0.123');
    expect(fmt(1234.5, 2)).toBe('1200');
    expect(fmt(0)).toBe('0');
    expect(fmt(Infinity)).toBe('∞');
    expect(fmt(-Infinity)).toBe('-∞');
    expect(fmt(NaN)).toBe('–');
    expect(fmt(null)).toBe('–');
  });
  it('finiteArray maps non-finite to null', () => {
    expect(finiteArray([1, NaN, Infinity, null, -2])).toEqual([1, null, null, null, -2]);
  });
});

describe('finiteArray cache', () => {
  it('returns the same array for the same input and a new one for a new input', () => {
    const v = [1, NaN];
    expect(finiteArray(v)).toBe(finiteArray(v));
    expect(finiteArray([1, NaN])).not.toBe(finiteArray(v));
  });
});

describe('paddedRange', () => {
  it('pads the finite extent and ignores null and non-finite values', () => {
    expect(paddedRange([[1, null, 2], [NaN, Infinity, 1.5]])).toEqual([1 - 0.06, 2 + 0.06]);
  });
  it('gives a constant series a small non-zero span around it', () => {
    const [lo, hi] = paddedRange([[0.13874852997086576, 0.13874852997086579]])!;
    expect(hi - lo).toBeGreaterThan(1e-6);
    expect(lo).toBeLessThan(0.1387485);
    expect(hi).toBeGreaterThan(0.1387485);
  });
  it('is undefined with no finite value', () => {
    expect(paddedRange([[null, NaN]])).toBeUndefined();
  });
});
