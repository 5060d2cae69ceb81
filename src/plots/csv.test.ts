import { describe, expect, it } from 'vitest';
import { seriesRows, toCsv } from './csv';

describe('toCsv', () => {
  it('writes header and rows with CRLF and empty cells for missing or non-finite values', () => {
    const text = toCsv(['a', 'b', 'c'], [
      [1, 0.1 + 0.2, null],
      [Number.NaN, Infinity, -2.5e-12],
    ]);
    expect(text).toBe('a,b,c\r\n1,0.30000000000000004,\r\n,,-2.5e-12\r\n');
  });

  it('quotes fields with separators and doubles quotes (RFC 4180)', () => {
    const text = toCsv(['name'], [['P = 0.1, KL'], ['say "hi"'], ['two\nlines']]);
    expect(text.split('\r\n')).toEqual(['name', '"P = 0.1, KL"', '"say ""hi"""', '"two\nlines"', '']);
  });

  it('round-trips numbers exactly', () => {
    const xs = [Math.PI, 1 / 3, 1e-300, -0.1];
    const text = toCsv(['x'], xs.map((x) => [x]));
    const back = text.trim().split('\r\n').slice(1).map(Number);
    expect(back).toEqual(xs);
  });

  it('seriesRows flattens named series in order', () => {
    const rows = [...seriesRows([
      { name: 's1', x: [0, 1], y: [2, null] },
      { name: 's2', x: [5], y: [6] },
    ])];
    expect(rows).toEqual([
      ['s1', 0, 2],
      ['s1', 1, null],
      ['s2', 5, 6],
    ]);
  });
});
