import { describe, expect, it } from 'vitest';
import { commitValue, entryProblem, parseEntry, rangeText } from './numberEntry';

const TEST_IMAGES = { min: 10, max: 10_000, integer: true };
const SIGMA = { min: 0.01, max: 4 };

describe('number box entries', () => {
  it('typing 100 over a box with a minimum of 10 passes through invalid text without rejecting it, and commits 100', () => {
    // The keystrokes of select-all + "100": each prefix is classified, none is refused or rewritten.
    expect(parseEntry('1', TEST_IMAGES)).toEqual({ kind: 'out-of-range', value: 1 });
    expect(parseEntry('10', TEST_IMAGES)).toEqual({ kind: 'valid', value: 10 });
    expect(parseEntry('100', TEST_IMAGES)).toEqual({ kind: 'valid', value: 100 });
    expect(commitValue('100', 500, TEST_IMAGES)).toBe(100);
  });

  it('an empty box is invalid and commits nothing', () => {
    expect(parseEntry('', TEST_IMAGES)).toEqual({ kind: 'empty' });
    expect(parseEntry('   ', TEST_IMAGES)).toEqual({ kind: 'empty' });
    expect(commitValue('', 500, TEST_IMAGES)).toBeNull();
    expect(entryProblem({ kind: 'empty' }, TEST_IMAGES)).toBe('Allowed: whole numbers 10 to 10,000');
  });

  it('out-of-range and fractional values are named with the allowed range, not clamped', () => {
    expect(parseEntry('5', TEST_IMAGES).kind).toBe('out-of-range');
    expect(parseEntry('20000', TEST_IMAGES).kind).toBe('out-of-range');
    expect(parseEntry('12.5', TEST_IMAGES)).toEqual({ kind: 'not-integer', value: 12.5 });
    expect(commitValue('5', 500, TEST_IMAGES)).toBeNull();
    expect(commitValue('20000', 500, TEST_IMAGES)).toBeNull();
    expect(entryProblem(parseEntry('5', TEST_IMAGES), TEST_IMAGES)).toBe('Allowed: whole numbers 10 to 10,000');
    expect(entryProblem(parseEntry('9', SIGMA), SIGMA)).toBe('Allowed: 0.01 to 4');
    expect(entryProblem(parseEntry('2', SIGMA), SIGMA)).toBeNull();
  });

  it('the range ends are allowed', () => {
    expect(parseEntry('10', TEST_IMAGES).kind).toBe('valid');
    expect(parseEntry('10000', TEST_IMAGES).kind).toBe('valid');
    expect(parseEntry('0.01', SIGMA).kind).toBe('valid');
    expect(parseEntry('4', SIGMA).kind).toBe('valid');
  });

  it('reads the ways people write numbers and refuses the rest', () => {
    expect(parseEntry('.5', SIGMA)).toEqual({ kind: 'valid', value: 0.5 });
    expect(parseEntry('1.', SIGMA)).toEqual({ kind: 'valid', value: 1 });
    expect(parseEntry(' 2.5 ', SIGMA)).toEqual({ kind: 'valid', value: 2.5 });
    expect(parseEntry('1e3', TEST_IMAGES)).toEqual({ kind: 'valid', value: 1000 });
    expect(parseEntry('0x10', TEST_IMAGES).kind).toBe('not-a-number');
    expect(parseEntry('1,5', SIGMA).kind).toBe('not-a-number');
    expect(parseEntry('Infinity', SIGMA).kind).toBe('not-a-number');
    expect(parseEntry('-', SIGMA).kind).toBe('not-a-number');
    expect(parseEntry('-1', { min: -2, max: 2 })).toEqual({ kind: 'valid', value: -1 });
  });

  it('a commit of the value the box already holds hands nothing on', () => {
    expect(commitValue('500', 500, TEST_IMAGES)).toBeNull();
    expect(commitValue('0500', 500, TEST_IMAGES)).toBeNull();
    expect(commitValue('501', 500, TEST_IMAGES)).toBe(501);
  });

  it('says the range as people read it', () => {
    expect(rangeText({ min: 0, max: 2 ** 31 - 1, integer: true })).toBe('whole numbers 0 to 2,147,483,647');
    expect(rangeText({ min: 0, max: 100 })).toBe('0 to 100');
  });
});
