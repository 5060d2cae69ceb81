import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec, describeIgnored } from './codec';
import { flag, num, oneOf } from './keyTable';

// A synthetic table exercising the kinds the app table does not use yet
// (booleans, integers), so later issues can add such keys with one line.
const TABLE = {
  mode: oneOf({ label: 'Mode', storage: 'permalink', values: ['x', 'y'], default: 'x' }),
  seed: num({ label: 'Seed', unit: '', storage: 'permalink', min: 0, max: 1000, step: 1, default: 42, integer: true }),
  present: flag({ label: 'Presenter mode', storage: 'permalink', default: false }),
  secret: num({ label: 'Local only', unit: '', storage: 'local', min: 0, max: 1, step: 0.1, default: 0.5 }),
  busy: flag({ label: 'Transient', storage: 'transient', default: false }),
} as const;

const codec = createCodec(TABLE);

describe('generic codec', () => {
  it('writes only permalink keys', () => {
    expect(codec.encode({ mode: 'y', seed: 7, present: true })).toBe('v=1&mode=y&seed=7&present=1');
    expect(Object.keys(codec.defaults)).toEqual(['mode', 'seed', 'present']);
  });

  it('round-trips every valid state of the synthetic table (10000 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom('x' as const, 'y' as const), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (mode, seed, present) => {
        const s = { mode, seed, present };
        const r = codec.decode(codec.encode(s));
        expect(r.ignored).toEqual([]);
        expect(r.state).toEqual(s);
        expect(codec.schema.safeParse(r.state).success).toBe(true);
      }),
      { numRuns: 10_000 },
    );
  });

  it('rounds and clamps integers, reads booleans strictly', () => {
    const r = codec.decode('v=1&seed=3.6&present=true');
    expect(r.state).toEqual({ mode: 'x', seed: 4, present: true });
    expect(r.ignored).toEqual([{ key: 'seed', reason: 'not an integer [0, 1000], clamped to 4' }]);
    expect(codec.decode('v=1&seed=1e9').state.seed).toBe(1000);
    expect(codec.decode('v=1&seed=-2.4').state.seed).toBe(0);
    const b = codec.decode('v=1&present=yes');
    expect(b.state.present).toBe(false);
    expect(b.ignored).toEqual([{ key: 'present', reason: 'not 0 or 1, default false used' }]);
  });

  it('reports local and transient keys found in a link as not stored in links', () => {
    const r = codec.decode('v=1&secret=0.1&busy=1');
    expect(r.ignored).toEqual([
      { key: 'secret', reason: 'not stored in links' },
      { key: 'busy', reason: 'not stored in links' },
    ]);
  });

  it('summarises ignored keys in one line, capped', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, reason: 'unknown key' }));
    const line = describeIgnored(many, 3);
    expect(line).toBe('Link partly ignored: k0: unknown key; k1: unknown key; k2: unknown key; and 6 more.');
  });
});
