import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportText, parseExportText } from './exportFile';
import { fakeBundle } from './fixtures';
import { decodeResultsParam, encodeResultsParam, type LinkPoint } from './link';
import { MAX_D } from './metricBounds';
import { DEFAULT_PRESET } from './presets';
import { MetricsSchema } from './records';

// Impossible metrics are refused with their field path, in export files and
// in link results alike; possible ones pass. A bad value is written into the
// JSON text as a literal, so 1e999 (Infinity after JSON.parse) is covered.

type Field = 'D' | 'P' | 'C' | 'Ptrain' | 'Pse' | 'Cse' | 'Dse' | 'n';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const infinite = fc.constantFrom('1e999', '-1e999');
const lit = (x: number) => JSON.stringify(x);

/** A JSON literal no value of the field can be, and the text its reason quotes. */
const impossible: Record<Field, fc.Arbitrary<string>> = {
  D: fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(lit), fc.double({ min: MAX_D * 1.0001, noNaN: true, noDefaultInfinity: true }).map(lit), infinite),
  C: fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(lit), fc.double({ min: 1.000001, noNaN: true, noDefaultInfinity: true }).map(lit), infinite),
  P: infinite,
  Ptrain: infinite,
  Pse: fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(lit), infinite),
  Cse: fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(lit), infinite),
  Dse: fc.oneof(fc.double({ max: -Number.MIN_VALUE, noNaN: true, noDefaultInfinity: true }).map(lit), infinite),
  n: fc.oneof(fc.integer({ max: 0 }).map(lit), fc.double({ min: 1, max: 1e6, noNaN: true }).filter((x) => !Number.isInteger(x)).map(lit), infinite),
};
const FIELDS = Object.keys(impossible) as Field[];

/** What the reason quotes of a literal: the number JSON.parse makes of it. */
const quoted = (literal: string) => String(JSON.parse(literal));

const SENTINEL = '"__impossible__"';
const withLiteral = (text: string, literal: string) => text.replace(SENTINEL, literal);

describe('impossible metrics in export files', () => {
  const base = JSON.parse(exportText(fakeBundle()));
  const points = base.points.length as number;

  it('are refused with the path of the field and the value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: points - 1 }), fc.constantFrom(...FIELDS).chain((f) => impossible[f].map((v) => [f, v] as const)), (k, [field, literal]) => {
        const f = structuredClone(base);
        f.points[k].metrics[field] = '__impossible__';
        const r = parseExportText(withLiteral(JSON.stringify(f), literal));
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.reason.startsWith(`invalid file: points[${k}].metrics.${field}: `)).toBe(true);
          expect(r.reason).toContain(quoted(literal));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('in a trail entry or a baseline too (property)', () => {
    const dpc = fc.constantFrom<'D' | 'P' | 'C'>('D', 'P', 'C').chain((f) => impossible[f].map((v) => [f, v] as const));
    fc.assert(
      fc.property(dpc, fc.constantFrom('trail', 'identity', 'clean'), ([field, literal], where) => {
        const f = structuredClone(base);
        let path: string;
        if (where === 'trail') {
          f.points[2].trail[0][field] = '__impossible__';
          path = `points[2].trail[0].${field}`;
        } else {
          f.experiment.baselines[where][field] = '__impossible__';
          path = `experiment.baselines.${where}.${field}`;
        }
        const r = parseExportText(withLiteral(JSON.stringify(f), literal));
        expect(r.ok ? '' : r.reason).toContain(`invalid file: ${path}: ${quoted(literal)} `);
      }),
      { numRuns: 200 },
    );
  });

  it('names the example of the issue exactly', () => {
    const f = structuredClone(base);
    f.points[3].metrics.C = 1.7;
    expect(parseExportText(JSON.stringify(f))).toEqual({ ok: false, reason: 'invalid file: points[3].metrics.C: 1.7 is outside [0, 1]' });
    f.points[3].metrics.C = 0.1;
    f.points[3].metrics.D = 1e308;
    expect(parseExportText(JSON.stringify(f))).toEqual({ ok: false, reason: `invalid file: points[3].metrics.D: 1e+308 is above ${MAX_D}, more than any mean squared error of images` });
  });

  it('a version 1 file is refused the same way, before migration', () => {
    const v1 = {
      format: 'cdp-lab-experiment',
      version: 1,
      name: 'old',
      created: '2024-01-01T00:00:00.000Z',
      config: { dataset: 'mnist', task: 'denoise', sigma: 1, classifier: 'cnn1', restorer: 'fast', critic: 'clip', iterations: 1000, batchSize: 50, seed: 1, evalCount: 500, evalCriticSteps: 100, weights: [[1, 0, 0]] },
      points: [{ alpha: 1, beta: 0, gamma: 0, D: -0.5, P: 1, C: 0.1, iteration: 1000 }],
    };
    expect(parseExportText(JSON.stringify(v1))).toEqual({ ok: false, reason: 'invalid version 1 file: points[0].D: -0.5 is negative' });
  });
});

describe('possible metrics', () => {
  const metrics = fc.record({
    D: fc.double({ min: 0, max: MAX_D, noNaN: true }),
    P: fc.option(finite, { nil: null }),
    C: fc.double({ min: 0, max: 1, noNaN: true }),
    Ptrain: fc.option(finite, { nil: null }),
    iteration: fc.nat(),
    seconds: fc.double({ min: 0, max: 1e6, noNaN: true }),
    Pse: fc.option(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }), { nil: undefined }),
    Cse: fc.option(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { nil: undefined }),
    Dse: fc.option(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null }), { nil: undefined }),
    n: fc.option(fc.integer({ min: 1, max: 1e6 }), { nil: undefined }),
  });
  const clean = <T extends object>(m: T) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined));

  it('pass the schema, and a file carrying them reads back equal (property)', () => {
    const base = JSON.parse(exportText(fakeBundle()));
    fc.assert(
      fc.property(metrics, fc.integer({ min: 0, max: base.points.length - 1 }), (m, k) => {
        expect(MetricsSchema.safeParse(clean(m)).success).toBe(true);
        const f = structuredClone(base);
        f.points[k].metrics = clean(m);
        const r = parseExportText(JSON.stringify(f));
        expect(r.ok ? '' : r.reason).toBe('');
        if (r.ok) expect(r.value.points[k].metrics).toEqual(JSON.parse(JSON.stringify(clean(m))));
      }),
      { numRuns: 200 },
    );
  });
});

describe('impossible metrics in link results', () => {
  const config = DEFAULT_PRESET.config;
  const good = (index: number): LinkPoint => ({ index, D: 0.05, P: 1, C: 0.1 });
  const bad = {
    D: fc.oneof(fc.double({ max: -1e-3, min: -1e6, noNaN: true }), fc.double({ min: MAX_D * 1.01, max: 1e300, noNaN: true })),
    C: fc.oneof(fc.double({ max: -1e-3, min: -10, noNaN: true }), fc.double({ min: 1.001, max: 1e6, noNaN: true })),
  };

  it('are refused with the point and field (property)', () => {
    const field = fc.constantFrom<'D' | 'C'>('D', 'C').chain((f) => bad[f].map((v) => [f, v] as const));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), field, (index, [name, value]) => {
        const points = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => (i === index ? { ...good(i), [name]: value } : good(i)));
        const s = encodeResultsParam({ points, identity: null, clean: null })!;
        const r = decodeResultsParam(s, config);
        expect(r.ok ? '' : r.reason).toMatch(new RegExp(`^results\\.points\\[${index}\\]\\.${name}: \\S+ is (outside \\[0, 1\\]|negative|above)`));
      }),
      { numRuns: 200 },
    );
  });

  it('in a baseline, and the example reads as in files', () => {
    const s = encodeResultsParam({ points: [good(0)], identity: [1, 5, 1.7], clean: null })!;
    expect(decodeResultsParam(s, config)).toEqual({ ok: false, reason: 'results.identity.C: 1.7 is outside [0, 1]' });
    const c = encodeResultsParam({ points: [good(0)], identity: null, clean: [-0.25, 0, 0.08] })!;
    expect(decodeResultsParam(c, config)).toEqual({ ok: false, reason: 'results.clean.D: -0.25 is negative' });
  });

  it('possible ones pass (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: MAX_D / 2, noNaN: true }), fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), fc.double({ min: 0, max: 1, noNaN: true }), (D, P, C) => {
        const s = encodeResultsParam({ points: [{ index: 3, D, P, C }], identity: [D, P, C], clean: null })!;
        expect(decodeResultsParam(s, config).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
