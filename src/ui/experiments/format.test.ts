import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

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
