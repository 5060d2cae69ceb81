import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactForShipping, roundSignificant } from './compact';
import { exportText, parseExportText } from './exportFile';

const shipped = readFileSync(new URL('../../public/precomputed/exp1-mnist-denoise.json', import.meta.url), 'utf8');

describe('sweeps compacted for shipping', () => {
  it('rounds to significant digits: relative error under half a unit of the last digit', () => {
    expect(roundSignificant(0.030172647908329964, 4)).toBe(0.03017);
    expect(roundSignificant(-1234.5678, 4)).toBe(-1235);
    expect(roundSignificant(0, 4)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => Math.abs(x) > 1e-12), (x) => {
        expect(Math.abs(roundSignificant(x, 4) - x)).toBeLessThanOrEqual(5e-4 * Math.abs(x) * (1 + 1e-12));
      }),
    );
  });

  it('keeps metrics, weights and images exactly, histories to 4 digits, and still validates', () => {
    const parsed = parseExportText(shipped);
    if (!parsed.ok) throw new Error(parsed.reason);
    const c = compactForShipping(parsed.value);
    const now = new Date('2026-12-07T00:00:00Z');
    const again = parseExportText(exportText(c, { now }));
    if (!again.ok) throw new Error(again.reason);
    expect(again.value.experiment).toEqual(parsed.value.experiment);
    for (const [i, p] of again.value.points.entries()) {
      const o = parsed.value.points[i];
      expect([p.metrics, p.weights, p.thumbnails, p.seconds]).toEqual([o.metrics, o.weights, o.thumbnails, o.seconds]);
      expect(p.history.iteration).toEqual(o.history.iteration);
      for (const [k, v] of Object.entries(o.history.series)) {
        v.forEach((x, j) => {
          const y = p.history.series[k][j];
          if (x === null) expect(y).toBeNull();
          else expect(Math.abs(y! - x)).toBeLessThanOrEqual(5e-4 * Math.abs(x) + 1e-300);
        });
      }
    }
    // Compacting twice changes nothing more.
    expect(exportText(compactForShipping(c), { now })).toBe(exportText(c, { now }));
  });

  it('the shipped sweep is compacted and at most 150 KB gzipped', () => {
    const parsed = parseExportText(shipped);
    if (!parsed.ok) throw new Error(parsed.reason);
    const c = compactForShipping(parsed.value);
    expect(c.points.map((p) => p.history)).toEqual(parsed.value.points.map((p) => p.history));
    expect(gzipSync(shipped).length).toBeLessThanOrEqual(150_000);
  });
});
