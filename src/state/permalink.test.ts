import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, MAX_HASH_LENGTH, permalinkUrl, sanitizeValue } from './permalink';
import { DEFAULT_TOY_STATE, KEYS, PERMALINK_KEYS, ToyStateSchema, type ToyState } from './schema';

const RUNS = 10_000;

type AnyKey = (typeof KEYS)[keyof typeof KEYS];

/**
 * Strings a key's pattern accepts. fast-check cannot build a generator from
 * every regular expression (not from Unicode property classes such as the
 * experiment name's): those draw any text (all of Unicode, lone surrogates
 * included) and keep what the pattern accepts.
 */
function matching(p: RegExp): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(p);
  } catch {
    return fc.string({ unit: 'binary', maxLength: 40 }).filter((x) => p.test(x));
  }
}

/** Values a slider or a number input can actually produce, plus arbitrary doubles in range. */
function valueArb(def: AnyKey): fc.Arbitrary<unknown> {
  if (def.kind === 'enum') return fc.constantFrom(...def.values);
  if (def.kind === 'boolean') return fc.boolean();
  // Subsequences keep table order: the one canonical spelling of each set.
  if (def.kind === 'list') return fc.subarray([...def.values]);
  if (def.kind === 'text') return fc.oneof(fc.constant(def.default), matching(def.pattern).filter((x) => x.length <= def.maxLength));
  const stepped = fc
    .integer({ min: 0, max: Math.round((def.max - def.min) / def.step) })
    .map((k) => Math.min(def.max, def.min + k * def.step));
  return fc.oneof(
    fc.double({ min: def.min, max: def.max, noNaN: true }),
    stepped,
    fc.constantFrom(def.min, def.max, def.default),
  );
}

const validStateArb: fc.Arbitrary<ToyState> = fc.record(
  Object.fromEntries(PERMALINK_KEYS.map((k) => [k, valueArb(KEYS[k])])),
) as unknown as fc.Arbitrary<ToyState>;

/** Object.is, and for lists the same names in the same order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}

/** Same value with -0 and 0 told apart: the round trip must be bit-exact. */
function expectSameState(got: ToyState, want: ToyState) {
  for (const key of PERMALINK_KEYS) {
    if (!sameValue(got[key], want[key])) throw new Error(`${key}: got ${String(got[key])}, want ${String(want[key])}`);
  }
  expect(Object.keys(got).sort()).toEqual([...PERMALINK_KEYS].sort());
}

// Pieces of hashes that have broken parsers before: percent garbage, number
// spellings Number() accepts but we never write, prototype keys, separators.
const nastyValue = fc.oneof(
  fc.constantFrom(
    '', '%', '%2', '%G1', '%E0%A4%A', '%00', '%FF', '%C0%80', '+', '-', '.', 'e5', '1e', '--1', '1..2',
    ' 1', '1 ', '0x10', '0b1', '0o7', 'Infinity', '-Infinity', 'NaN', 'null', 'undefined', 'true', '[]', '{}',
    '1e400', '-1e400', '5e-324', '1e-400', '-0', '+0.5', '00000.7', '.5', '5.', '1_000', '١', '０.５',
    'KL', 'kl ', 'kl%20', 'w3', 'tv%00', 'toy#', '<script>alert(1)</script>', '%3Cb%3E', '\u0000', '\u202e',
    '9'.repeat(400), `0.${'1'.repeat(400)}`,
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const nastyKey = fc.oneof(
  fc.constantFrom(...PERMALINK_KEYS, 'v', 'theme', 'notices'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'P1', 'd', 'p', '', '%', '%70%31', 'p%31'),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const pairArb = fc.oneof(
  fc.tuple(nastyKey, nastyValue).map(([k, v]) => `${k}=${v}`),
  fc.tuple(nastyKey, nastyValue, nastyValue).map(([k, v, w]) => `${k}=${v}=${w}`),
  nastyKey,
);
const adversarialHashArb = fc
  .tuple(
    fc.constantFrom('', '#', '##', '#v=1&', 'v=1&', 'v=2&', 'v=&', 'v=1&v=1&'),
    fc.array(pairArb, { maxLength: 30 }),
    fc.constantFrom('&', '&&', ';', '&amp;'),
  )
  .map(([prefix, pairs, sep]) => prefix + pairs.join(sep));

function expectSchemaValid(state: ToyState) {
  const parsed = ToyStateSchema.safeParse(state);
  if (!parsed.success) throw new Error(`schema violation: ${parsed.error.message}`);
}

describe('permalink codec: properties', () => {
  it(`valid states round-trip exactly (${RUNS} runs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(validStateArb, (s) => {
        runs++;
        expectSchemaValid(s);
        const { state, ignored } = decode(encode(s));
        expect(ignored).toEqual([]);
        expectSameState(state, s);
        // The '#'-prefixed form (location.hash) reads the same.
        expectSameState(decode(`#${encode(s)}`).state, s);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  });

  it(`random strings never throw and always give a schema-valid state (${RUNS} runs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 })), (h) => {
        runs++;
        const { state, ignored } = decode(h);
        expectSchemaValid(state);
        expect(Array.isArray(ignored)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  });

  it(`adversarial hashes never throw, give schema-valid states, and re-encode canonically (${RUNS} runs)`, () => {
    let runs = 0;
    fc.assert(
      fc.property(adversarialHashArb, (h) => {
        runs++;
        const { state, ignored } = decode(h);
        expectSchemaValid(state);
        for (const i of ignored) {
          expect(typeof i.key).toBe('string');
          expect(typeof i.reason).toBe('string');
          expect(i.key.length).toBeLessThanOrEqual(41);
        }
        // Whatever came in, the canonical form of the result is a clean link.
        const again = decode(encode(state));
        expect(again.ignored).toEqual([]);
        expectSameState(again.state, state);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  });

  it(`a valid pair inside garbage is kept and never reported; unknown keys are reported (${RUNS} runs)`, () => {
    const knownKey = fc.constantFrom(...PERMALINK_KEYS);
    const junkKey = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => /^[a-z_]+$/i.test(k) && !(k in KEYS) && k !== 'v');
    let runs = 0;
    fc.assert(
      fc.property(
        knownKey.chain((k) => fc.tuple(fc.constant(k), valueArb(KEYS[k]))),
        fc.array(fc.tuple(junkKey, nastyValue.map((v) => v.replaceAll('&', '%26'))), { maxLength: 6 }),
        fc.nat(6),
        ([key, value], junk, at) => {
          runs++;
          const pairs = junk.map(([k, v]) => `${k}=${v}`);
          const text = typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : String(value);
          pairs.splice(Math.min(at, pairs.length), 0, `${key}=${encodeURIComponent(text)}`);
          const { state, ignored } = decode(`v=1&${pairs.join('&')}`);
          expect(sameValue(state[key], value)).toBe(true);
          expect(ignored.some((i) => i.key === key)).toBe(false);
          for (const [k] of junk) expect(ignored.some((i) => i.key === k && i.reason === 'unknown key')).toBe(true);
          for (const other of PERMALINK_KEYS) if (other !== key) expect(state[other]).toBe(DEFAULT_TOY_STATE[other]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  });

  it(`out-of-range numbers are clamped to the nearest bound and reported (${RUNS} runs)`, () => {
    const numericKeys = PERMALINK_KEYS.filter((k) => KEYS[k].kind === 'number');
    let runs = 0;
    fc.assert(
      fc.property(fc.constantFrom(...numericKeys), fc.double({ noNaN: true }), (key, x) => {
        runs++;
        const def = KEYS[key] as Extract<(typeof KEYS)[typeof key], { kind: 'number' }>;
        const text = Object.is(x, -0) ? '-0' : String(x);
        const { state, ignored } = decode(`v=1&${key}=${encodeURIComponent(text)}`);
        const reported = ignored.filter((i) => i.key === key);
        if (!Number.isFinite(x)) {
          // 'Infinity' is not a decimal literal: the default is used instead.
          expect(state[key]).toBe(def.default);
          expect(reported[0].reason).toMatch(/not a number/);
          return;
        }
        expect(state[key]).toBe(x < def.min ? def.min : x > def.max ? def.max : x);
        if (x < def.min || x > def.max) {
          expect(reported).toHaveLength(1);
          expect(reported[0].reason).toMatch(/clamped to/);
        } else expect(reported).toHaveLength(0);
      }),
      { numRuns: RUNS },
    );
    expect(runs).toBe(RUNS);
  });
});

describe('permalink codec: examples', () => {
  it('encodes the defaults in table order with the version first', () => {
    expect(encode(DEFAULT_TOY_STATE)).toBe(
      'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=kl&a=0.8&D=1&P=0.1&p0=0.2',
    );
  });

  it('writes numbers with String(x): 0.1 + 0.2 survives bit-exactly', () => {
    const s = { ...DEFAULT_TOY_STATE, a: 0.1 + 0.2, P: 5e-324, mu1: -0 };
    const h = encode(s);
    expect(h).toContain('a=0.30000000000000004');
    expect(h).toContain('P=5e-324');
    expect(h).toContain('mu1=-0');
    expectSameState(decode(h).state, s);
  });

  it('empty, "#" and defaults-only hashes give defaults with nothing reported', () => {
    for (const h of ['', '#', '#v=1', 'v=1&&&']) {
      const { state, ignored } = decode(h);
      expectSameState(state, DEFAULT_TOY_STATE);
      expect(ignored).toEqual([]);
    }
  });

  it('reports a missing and an unknown version but still reads the keys', () => {
    let r = decode('p1=0.5');
    expect(r.state.p1).toBe(0.5);
    expect(r.ignored).toEqual([{ key: 'v', reason: 'missing version; read as v=1' }]);
    r = decode('v=9&p1=0.5');
    expect(r.state.p1).toBe(0.5);
    expect(r.ignored).toEqual([{ key: 'v', reason: 'unknown version 9; read as v=1' }]);
  });

  it('clamps, defaults and names each bad key', () => {
    const { state, ignored } = decode('#v=1&p1=1.5&mu1=abc&div=kl2&sigmaN=-3&zzz=1&theme=dark&p1=0.2&a=0x1');
    expect(state.p1).toBe(0.99);
    expect(state.mu1).toBe(-1);
    expect(state.div).toBe('kl');
    expect(state.sigmaN).toBe(0);
    expect(state.a).toBe(0.8);
    expect(ignored).toEqual([
      { key: 'p1', reason: 'out of range [0.01, 0.99], clamped to 0.99' },
      { key: 'mu1', reason: 'not a number, default -1 used' },
      { key: 'div', reason: 'not one of kl, kl-reverse, tv, w1, w2, default kl used' },
      { key: 'sigmaN', reason: 'out of range [0, 3], clamped to 0' },
      { key: 'zzz', reason: 'unknown key' },
      { key: 'theme', reason: 'not stored in links' },
      { key: 'p1', reason: 'duplicate key; first value kept' },
      { key: 'a', reason: 'not a number, default 0.8 used' },
    ]);
  });

  it('decodes percent-encoding and survives malformed escapes', () => {
    expect(decode('v=1&%70%31=0%2E25&div=kl%2Dreverse').state).toMatchObject({ p1: 0.25, div: 'kl-reverse' });
    const r = decode('v=1&p1=%E0%A4%A&%ZZ=1&mu2=2');
    expect(r.state.p1).toBe(0.7);
    expect(r.state.mu2).toBe(2);
    expect(r.ignored.map((i) => i.key)).toEqual(['p1', '%ZZ']);
  });

  it('never throws on prototype keys and does not pollute objects', () => {
    const r = decode('v=1&__proto__=1&constructor=2&toString=3&hasOwnProperty=x');
    expect(r.ignored.map((i) => i.reason)).toEqual(Array(4).fill('unknown key'));
    expect(Object.getPrototypeOf(r.state)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expectSchemaValid(r.state);
  });

  it('drops huge hashes whole and quotes long keys truncated', () => {
    const huge = `v=1&p1=0.5&${'x'.repeat(MAX_HASH_LENGTH)}`;
    const r = decode(huge);
    expect(r.state.p1).toBe(0.7);
    expect(r.ignored).toHaveLength(1);
    expect(r.ignored[0].reason).toMatch(/too long/);
    const long = decode(`v=1&${'k'.repeat(500)}=1`);
    expect(long.ignored[0].key.length).toBe(41);
    // A million characters is still handled promptly.
    expect(decode('&'.repeat(1_000_000)).ignored[0].key).toBe('(link)');
  });

  it('rejects number spellings that Number() accepts but links never contain', () => {
    for (const v of ['', ' 1', '1 ', '0x1', '0b1', 'Infinity', 'NaN', '1_0']) {
      const r = decode(`v=1&D=${encodeURIComponent(v)}`);
      expect(r.state.D).toBe(1);
      expect(r.ignored[0].reason).toMatch(/not a number/);
    }
    // ...but real decimal literals, even unusual ones, are numbers.
    expect(decode('v=1&D=.5').state.D).toBe(0.5);
    expect(decode('v=1&D=5.').state.D).toBe(5);
    expect(decode('v=1&D=2.5E-1').state.D).toBe(0.25);
    expect(decode('v=1&D=1e400').state.D).toBe(10);
  });

  it('sanitizeValue mirrors decode', () => {
    expect(sanitizeValue('p1', 2)).toBe(0.99);
    expect(sanitizeValue('p1', Number.NaN)).toBe(0.7);
    expect(sanitizeValue('div', 'nope' as never)).toBe('kl');
    expect(sanitizeValue('a', -0.5)).toBe(-0.5);
  });

  it('builds a link on the current page, replacing any old hash', () => {
    expect(permalinkUrl(DEFAULT_TOY_STATE, 'http://127.0.0.1:5173/?x=1#old')).toBe(
      `http://127.0.0.1:5173/?x=1#${encode(DEFAULT_TOY_STATE)}`,
    );
  });
});
