import { describe, expect, it } from 'vitest';
import { finiteArray, fmt } from './format';

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
