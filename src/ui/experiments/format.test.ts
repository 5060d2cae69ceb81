import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatWithSe } from './format';

describe('formatDuration', () => {
  it('seconds, minutes, hours', () => {
    expect([formatDuration(12.4), formatDuration(250), formatDuration(7500), formatDuration(null), formatDuration(NaN)]).toEqual([
      '12 s',
      '4 min 10 s',
      '2 h 05 min',
      '–',
      '–',
    ]);
  });
});

describe('formatWithSe', () => {
  it('rounds the value to the SE: two significant digits for an SE starting with 1 or 2, else one', () => {
    expect(formatWithSe(0.6213, 0.0512)).toBe('0.62 ± 0.05');
    expect(formatWithSe(0.28312, 0.01425)).toBe('0.283 ± 0.014');
    expect(formatWithSe(44.711, 1.3)).toBe('44.7 ± 1.3');
    expect(formatWithSe(2.4653, 0.25)).toBe('2.47 ± 0.25');
  });
  it('no SE (older files), no value, a zero SE', () => {
    expect(formatWithSe(0.62034, undefined)).toBe('0.6203');
    expect(formatWithSe(0.62034, null)).toBe('0.6203');
    expect(formatWithSe(null, 0.05)).toBe('–');
    expect(formatWithSe(0, 0)).toBe('0 ± 0');
  });
});

describe('formatBytes', () => {
  it('bytes as browsers report quotas, in powers of 1000', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1234)).toBe('1.2 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(300e9)).toBe('300 GB');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});
