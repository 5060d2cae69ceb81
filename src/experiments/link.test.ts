import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesToBase64Url } from './base64';
import { createRng } from '../data/rng';
import type { ExperimentConfig } from './config';
import { fakeMetrics } from './fixtures';
import {
  decodeConfigParam,
  decodeResultsParam,
  encodeConfigParam,
  encodeResultsParam,
  MAX_CONFIG_CHARS,
  MAX_RESULTS_CHARS,
  roundDigits,
  type LinkPoint,
} from './link';
import { EXPERIMENT_PRESETS, withBudget } from './presets';
import { expandWeights } from './weights';

const exp1 = EXPERIMENT_PRESETS[0].config;

/** Measured-looking metrics: full double precision, as an evaluation returns them. */
function measured(n: number, seed = 3): LinkPoint[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, index) => {
    const m = fakeMetrics(1, rng.uniform(), rng.uniform() * 0.5);
    return { index, D: m.D * (1 + 0.1 * rng.normal()), P: m.P * (1 + 0.1 * rng.normal()), C: Math.round(m.C * 1000) / 1000 };
  });
}

function listConfig(n: number): ExperimentConfig {
  const points = Array.from({ length: n }, (_, i) => ({ alpha: 1, beta: (i % 16) / 15, gamma: Math.floor(i / 16) / 30 }));
  return { ...exp1, preset: 'custom', weights: { kind: 'list', points } };
}

describe('config in the link', () => {
  it('round-trips every preset in both budgets, in a few hundred characters', () => {
    for (const p of EXPERIMENT_PRESETS) {
      for (const b of ['browser', 'paper'] as const) {
        const c = withBudget(p.config, b);
        const s = encodeConfigParam(c)!;
        expect(s).toMatch(/^1[A-Za-z0-9_-]+$/);
        expect(s.length).toBeLessThan(400);
        const d = decodeConfigParam(s);
        expect(d.ok && d.value).toEqual(c);
      }
    }
  });

  it('a hand-edited list of 256 points still fits', () => {
    const c = listConfig(256);
    const s = encodeConfigParam(c);
    expect(s).not.toBeNull();
    expect(s!.length).toBeLessThanOrEqual(MAX_CONFIG_CHARS);
    const d = decodeConfigParam(s!);
    expect(d.ok && expandWeights(d.value.weights)).toEqual(expandWeights(c.weights));
  });

  it('rejects damage with a reason and never throws (property)', () => {
    const good = encodeConfigParam(exp1)!;
    expect(decodeConfigParam('')).toEqual({ ok: false, reason: 'empty' });
    expect(decodeConfigParam('9' + good.slice(1))).toEqual({ ok: false, reason: 'unknown link version "9"' });
    expect(decodeConfigParam('1abc$')).toEqual({ ok: false, reason: 'not base64url' });
    expect(decodeConfigParam('1' + bytesToBase64Url(strToU8('plain')))).toEqual({ ok: false, reason: 'not compressed data' });
    const notJson = '1' + bytesToBase64Url(deflateSync(strToU8('{nope')));
    expect(decodeConfigParam(notJson)).toEqual({ ok: false, reason: 'not JSON' });
    const wrong = '1' + bytesToBase64Url(deflateSync(strToU8(JSON.stringify({ ...exp1, classifier: 'cnn2p' }))));
    const w = decodeConfigParam(wrong);
    expect(w.ok ? '' : w.reason).toMatch(/^invalid config: classifier: cnn2p takes 32x32x3/);
    // A tiny link that inflates to megabytes of zeros is refused.
    const bomb = '1' + bytesToBase64Url(deflateSync(new Uint8Array(1_000_000), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_CONFIG_CHARS);
    expect(decodeConfigParam(bomb)).toEqual({ ok: false, reason: 'expands too far' });
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: good.length - 1 }), fc.string({ maxLength: 3 }), (junk, at, ins) => {
        expect(decodeConfigParam(junk).ok).toBe(false);
        const r = decodeConfigParam(good.slice(0, at) + ins + good.slice(at + 1));
        // Most edits break it; any that survive still pass the schema.
        if (r.ok) expect(r.value.weights).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('results embedded in the link', () => {
  it('round-trip rounded to 4 significant digits, with baselines and unmeasured P', () => {
    const pts = measured(9);
    const withNull = [{ ...pts[0], P: null }, ...pts.slice(1)];
    const s = encodeResultsParam({ points: withNull, identity: [1.0123456, 5.55555, 0.6], clean: [0, null, 0.0812345] })!;
    const d = decodeResultsParam(s, exp1);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.value.identity).toEqual([1.012, 5.556, 0.6]);
    expect(d.value.clean).toEqual([0, null, 0.08123]);
    d.value.points.forEach((p, i) => {
      expect(p.index).toBe(withNull[i].index);
      for (const k of ['D', 'P', 'C'] as const) {
        const want = withNull[i][k];
        if (want === null) expect(p[k]).toBeNull();
        else expect(Math.abs((p[k] as number) - want)).toBeLessThanOrEqual(5e-4 * Math.abs(want));
      }
    });
  });

  it(`fit up to the stated limit: about 100 measured points in ${MAX_RESULTS_CHARS} characters`, () => {
    const config = listConfig(256);
    let fits = 0;
    for (let n = 1; n <= 256; n++) {
      if (encodeResultsParam({ points: measured(n), identity: [1, 5, 0.6], clean: [0, 0, 0.08] }) === null) break;
      fits = n;
    }
    // The limit stated in link.ts ("about 100 points") is this measurement (109 here).
    expect(fits).toBeGreaterThanOrEqual(90);
    expect(fits).toBeLessThanOrEqual(130);
    const s = encodeResultsParam({ points: measured(fits), identity: null, clean: null })!;
    expect(decodeResultsParam(s, config).ok).toBe(true);
  });

  it('refuse points the config does not have, duplicates and junk', () => {
    const s = encodeResultsParam({ points: [{ index: 9, D: 1, P: 1, C: 1 }], identity: null, clean: null })!;
    expect(decodeResultsParam(s, exp1)).toEqual({ ok: false, reason: "point 9 is not in the config's 9 points" });
    const dup = encodeResultsParam({ points: [{ index: 1, D: 1, P: 1, C: 1 }, { index: 1, D: 2, P: 1, C: 1 }], identity: null, clean: null })!;
    expect(decodeResultsParam(dup, exp1)).toEqual({ ok: false, reason: 'point 1 appears twice' });
    const junk = '1' + bytesToBase64Url(deflateSync(strToU8('{"p":[[0,"x",1,1]],"i":null,"c":null}')));
    expect(decodeResultsParam(junk, exp1)).toEqual({ ok: false, reason: 'results.points[0].D: expected a number, got a string ("x")' });
    const shape = '1' + bytesToBase64Url(deflateSync(strToU8('{"p":7,"i":null,"c":null}')));
    expect(decodeResultsParam(shape, exp1)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid results: p: /) });
  });

  it('roundDigits keeps zero and non-finite values', () => {
    expect([roundDigits(0), roundDigits(123456), roundDigits(0.000123456)]).toEqual([0, 123500, 0.0001235]);
    expect(Number.isNaN(roundDigits(NaN))).toBe(true);
  });
});
