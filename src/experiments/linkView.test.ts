import { describe, expect, it } from 'vitest';
import { decode, encode, MAX_HASH_LENGTH, sanitizeValue } from '../state/permalink';
import { DEFAULT_TOY_STATE, HIDEABLE } from '../state/schema';
import { MAX_CONFIG_CHARS, MAX_RESULTS_CHARS } from './link';
import { linkedTitle, linkNameParam, MAX_LINK_NAME, MAX_LINK_NAME_ENCODED, selectedFromParam, selectedParam } from './linkView';

// The Experiments view's name and view choices in the permalink: xn (name),
// xa (only admissible), xs (selected point).

const HOSTILE = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>';

describe('the experiment name (xn)', () => {
  it('is absent from links without one, and links written before it read as before', () => {
    expect(encode({ ...DEFAULT_TOY_STATE, view: 'experiments', xc: '1abc' })).not.toMatch(/x[nas]=/);
    const old = decode('v=1&view=experiments&xc=1abc&xr=1def');
    expect(old.ignored).toEqual([]);
    expect([old.state.xn, old.state.xa, old.state.xs]).toEqual(['', false, '']);
  });

  it('keeps markup as the literal text it is, percent-encoded in the link', () => {
    const hash = encode({ ...DEFAULT_TOY_STATE, xn: HOSTILE });
    expect(hash).not.toMatch(/[<>"]/);
    const { state, ignored } = decode(hash);
    expect(ignored).toEqual([]);
    expect(state.xn).toBe(HOSTILE);
    expect(linkedTitle(state.xn)).toBe(`“${HOSTILE}” (from a link)`);
    // Hand-written links percent-encode the same way.
    expect(decode('v=1&xn=%3Cb%3Ehi%3C%2Fb%3E').state.xn).toBe('<b>hi</b>');
  });

  it('refuses control, bidi and line-separator characters and over-long names, with a notice', () => {
    for (const raw of ['abc%E2%80%AEgpj.exe', 'a%0Ab', 'a%00b', 'a%E2%80%A8b', 'x'.repeat(MAX_LINK_NAME + 1), 'a%E2%80%8Bb']) {
      const { state, ignored } = decode(`v=1&xn=${raw}`);
      expect(state.xn, raw).toBe('');
      expect(ignored, raw).toEqual([{ key: 'xn', reason: 'malformed, ignored' }]);
    }
    expect(decode('v=1&xn=%E0%A4%A').ignored[0]?.key).toBe('xn');
  });

  it('is cleaned and clipped before it is written, so it always reads back unchanged', () => {
    expect(linkNameParam('  Exp\u202e-1\n sweep \u200b ')).toBe('Exp-1 sweep');
    expect(linkNameParam('x'.repeat(200))).toBe('x'.repeat(MAX_LINK_NAME));
    expect(linkNameParam('a\uD800b')).toBe('ab');
    // Set directly (not through the writer), such a name is refused rather than breaking the encoder.
    expect(sanitizeValue('xn', 'a\uD800b')).toBe('');
    const cjk = linkNameParam('実験'.repeat(50));
    expect(encodeURIComponent(cjk).length).toBeLessThanOrEqual(MAX_LINK_NAME_ENCODED);
    expect(cjk.length).toBe(13);
    // Clipping never splits a surrogate pair.
    const emoji = linkNameParam(`${'😀'.repeat(9)}x😀😀`);
    expect(emoji).toBe(`${'😀'.repeat(9)}x`);
    expect(linkNameParam('😀'.repeat(60))).toBe('😀'.repeat(10));
    for (const name of [HOSTILE, cjk, emoji, 'β sweep “γ=10”', `${'%'.repeat(70)}é`]) {
      const written = linkNameParam(name);
      const back = decode(encode({ ...DEFAULT_TOY_STATE, xn: written }));
      expect(back.ignored, name).toEqual([]);
      expect(back.state.xn).toBe(written);
    }
  });
});

describe('only admissible (xa) and the selected point (xs)', () => {
  it('round-trip, and are sparse', () => {
    const hash = encode({ ...DEFAULT_TOY_STATE, xa: true, xs: '3' });
    expect(hash).toContain('&xa=1&xs=3');
    const { state, ignored } = decode(hash);
    expect(ignored).toEqual([]);
    expect([state.xa, state.xs]).toEqual([true, '3']);
    expect(encode({ ...DEFAULT_TOY_STATE, xa: false, xs: '' })).toBe(encode(DEFAULT_TOY_STATE));
  });

  it('anything but a plain index, or a flag that is not 0/1, is ignored with a notice', () => {
    for (const raw of ['-1', '1.5', '007', '1e2', 'abc', '12345', '%3Cb%3E']) {
      const { state, ignored } = decode(`v=1&xs=${raw}`);
      expect(state.xs, raw).toBe('');
      expect(ignored, raw).toEqual([{ key: 'xs', reason: 'malformed, ignored' }]);
    }
    const a = decode('v=1&xa=yes');
    expect(a.state.xa).toBe(false);
    expect(a.ignored).toEqual([{ key: 'xa', reason: 'not 0 or 1, default false used' }]);
  });

  it('an index outside the config’s points is ignored, with the reason for the notice', () => {
    expect(selectedFromParam('', 9)).toEqual({ ok: true, value: null });
    expect(selectedFromParam('0', 9)).toEqual({ ok: true, value: 0 });
    expect(selectedFromParam('8', 9)).toEqual({ ok: true, value: 8 });
    expect(selectedFromParam('9', 9)).toEqual({ ok: false, reason: "point index 9 is not among the experiment's 9 points (0 to 8), ignored" });
    expect(selectedFromParam('x', 9).ok).toBe(false);
    expect(selectedParam(8, 9)).toBe('8');
    expect(selectedParam(9, 9)).toBe('');
    expect(selectedParam(null, 9)).toBe('');
  });
});

describe('the whole hash', () => {
  it('stays under the codec’s limit with every experiment key at its longest and a busy toy state', () => {
    const longest = linkNameParam('実験'.repeat(100));
    const state = {
      ...DEFAULT_TOY_STATE,
      view: 'experiments' as const,
      p1: 0.123456789012345,
      mu1: -1.23456789012345,
      mu2: 1.23456789012345,
      sigmaX: 0.123456789012345,
      sigmaN: 0.123456789012345,
      a: -0.123456789012345,
      D: 1.23456789012345,
      P: 0.123456789012345,
      p0: 0.123456789012345,
      alpha: 1.23456789012345,
      beta: 1.23456789012345,
      gamma: 12.3456789012345,
      slide: true,
      sa: 0.123456789012345,
      sb: 12.3456789012345,
      sg: 12.3456789012345,
      present: true,
      hide: [...HIDEABLE],
      tour: 'mmse-map' as const,
      xc: 'A'.repeat(MAX_CONFIG_CHARS),
      xr: 'B'.repeat(MAX_RESULTS_CHARS),
      xn: longest,
      xa: true,
      xs: '255',
    };
    const hash = encode(state);
    expect(hash.length).toBeLessThan(MAX_HASH_LENGTH);
    const back = decode(hash);
    expect(back.ignored).toEqual([]);
    expect([back.state.xn, back.state.xa, back.state.xs]).toEqual([longest, true, '255']);
  });
});
