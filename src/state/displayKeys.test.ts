import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCodec } from './codec';
import { listOf, num } from './keyTable';
import { decode, encode, sanitizeValue } from './permalink';
import { DEFAULT_TOY_STATE, HIDEABLE, ToyStateSchema } from './schema';

// The display keys of issue 7: present (flag), hide (list of control names)
// and tour (step id). All are sparse: written only when not at their default.

describe('hide (list of control names)', () => {
  it('reads the documented form and keeps table order', () => {
    const { state, ignored } = decode('v=1&hide=mu1,mu2,sigmaX');
    expect(state.hide).toEqual(['mu1', 'mu2', 'sigmaX']);
    expect(ignored).toEqual([]);
    // Order, repeats, blanks and an escaped comma are spelling, not errors.
    const r = decode('v=1&hide=sigmaX,%20mu1,,mu1%2Cp0');
    expect(r.state.hide).toEqual(['mu1', 'sigmaX', 'p0']);
    expect(r.ignored).toEqual([]);
  });

  it('drops unknown names with a notice that names them, keeps the known ones', () => {
    const { state, ignored } = decode('v=1&hide=mu1,slider9,theme');
    expect(state.hide).toEqual(['mu1']);
    expect(ignored).toHaveLength(1);
    expect(ignored[0].key).toBe('hide');
    expect(ignored[0].reason).toMatch(/^unknown names slider9, theme ignored \(known: p1, mu1/);
    // Control characters and long names are quoted safely, and the list is capped.
    const junk = Array.from({ length: 8 }, (_, i) => `x${i}`).join(',');
    const many = decode(`v=1&hide=%00evil,${'k'.repeat(80)},${junk}`);
    expect(many.state.hide).toEqual([]);
    expect(many.ignored[0].reason).toContain('?evil');
    expect(many.ignored[0].reason).toContain(`${'k'.repeat(40)}…`);
    expect(many.ignored[0].reason).toContain('and 5 more');
  });

  it('writes commas literally and round-trips every subset', () => {
    expect(encode({ ...DEFAULT_TOY_STATE, hide: ['mu1', 'mu2', 'sigmaX'] })).toContain('&hide=mu1,mu2,sigmaX');
    fc.assert(
      fc.property(fc.subarray([...HIDEABLE]), (hide) => {
        const s = { ...DEFAULT_TOY_STATE, hide };
        const r = decode(encode(s));
        expect(r.ignored).toEqual([]);
        expect(r.state.hide).toEqual(hide);
      }),
      { numRuns: 300 },
    );
  });

  it('the schema accepts only the canonical spelling; sanitize produces it', () => {
    expect(ToyStateSchema.safeParse({ ...DEFAULT_TOY_STATE, hide: ['mu1', 'p1'] }).success).toBe(false);
    expect(ToyStateSchema.safeParse({ ...DEFAULT_TOY_STATE, hide: ['p1', 'mu1'] }).success).toBe(true);
    expect(sanitizeValue('hide', ['P', 'zz', 'p1', 'P'] as never)).toEqual(['p1', 'P']);
    expect(sanitizeValue('hide', 'mu1' as never)).toEqual([]);
  });
});

describe('present and tour', () => {
  it('links without them are unchanged: defaults are not written', () => {
    expect(encode(DEFAULT_TOY_STATE)).toBe('v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=kl&a=0.8&D=1&P=0.1&p0=0.2');
    const s = { ...DEFAULT_TOY_STATE, present: true, tour: 'surface' as const };
    expect(encode(s)).toBe(`${encode(DEFAULT_TOY_STATE)}&present=1&tour=surface`);
    expect(decode(encode(s)).state).toEqual(s);
  });

  it('reads present strictly and falls back on unknown tour steps', () => {
    expect(decode('v=1&present=1').state.present).toBe(true);
    const r = decode('v=1&present=yes&tour=nope');
    expect(r.state.present).toBe(false);
    expect(r.state.tour).toBe('off');
    expect(r.ignored.map((i) => i.key)).toEqual(['present', 'tour']);
  });
});

describe('generic list and sparse keys', () => {
  const codec = createCodec({
    tags: listOf({ label: 'Tags', storage: 'permalink', values: ['a', 'b', 'c'], default: ['a'], sparse: true }),
    n: num({ label: 'N', unit: '', storage: 'permalink', min: 0, max: 9, step: 1, default: 3, sparse: true }),
  } as const);

  it('omits a sparse key only when it equals its default', () => {
    expect(codec.encode({ tags: ['a'], n: 3 })).toBe('v=1');
    expect(codec.encode({ tags: [], n: 3 })).toBe('v=1&tags=');
    expect(codec.decode('v=1&tags=').state.tags).toEqual([]);
    expect(codec.decode('v=1').state).toEqual({ tags: ['a'], n: 3 });
    expect(codec.encode({ tags: ['a', 'c'], n: 0 })).toBe('v=1&tags=a,c&n=0');
  });
});
