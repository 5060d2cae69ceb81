import { describe, expect, it } from 'vitest';
import { decode, encode } from './permalink';
import { PRESETS } from './presets';
import { DEFAULT_TOY_STATE, HIDEABLE, KEYS } from './schema';

// The toy's loss weights alpha, beta, gamma (issue 20, item 4): in the link, but
// sparse, so every link written before them still reads (and re-encodes) the same.

const OLD_LINK = 'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=kl&a=0.8&D=1&P=0.1&p0=0.2';

describe('loss weights in the permalink', () => {
  it('a link from before the weights reads with the default weights and nothing ignored', () => {
    const { state, ignored } = decode(OLD_LINK);
    expect(ignored).toEqual([]);
    expect([state.alpha, state.beta, state.gamma]).toEqual([KEYS.alpha.default, KEYS.beta.default, KEYS.gamma.default]);
    // ... and writes back exactly as it was.
    expect(encode(state)).toBe(OLD_LINK);
    expect(encode(DEFAULT_TOY_STATE)).toBe(OLD_LINK);
    for (const p of PRESETS) expect(decode(p.hash).ignored).toEqual([]);
  });

  it('non-default weights are written and read back exactly', () => {
    const s = { ...DEFAULT_TOY_STATE, alpha: 0.35, beta: 0, gamma: 42.5 };
    const h = encode(s);
    expect(h).toBe(`${OLD_LINK}&alpha=0.35&beta=0&gamma=42.5`);
    const r = decode(h);
    expect(r.ignored).toEqual([]);
    expect([r.state.alpha, r.state.beta, r.state.gamma]).toEqual([0.35, 0, 42.5]);
  });

  it('out-of-range or malformed weights are clamped or defaulted, with a notice', () => {
    const r = decode('v=1&alpha=-2&beta=abc&gamma=1e9');
    expect([r.state.alpha, r.state.beta, r.state.gamma]).toEqual([0, KEYS.beta.default, 100]);
    expect(r.ignored.map((i) => i.key)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('the weight sliders can be hidden by a link like the other toy controls', () => {
    expect(HIDEABLE).toEqual(expect.arrayContaining(['alpha', 'beta', 'gamma']));
    expect(decode('v=1&hide=alpha,gamma').state.hide).toEqual(['alpha', 'gamma']);
  });
});
