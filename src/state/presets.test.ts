import { describe, expect, it } from 'vitest';
import { decode, encode } from './permalink';
import { PRESETS } from './presets';
import { DEFAULT_TOY_STATE } from './schema';

describe('presets', () => {
  it('are complete canonical permalinks that decode with nothing ignored', () => {
    for (const p of PRESETS) {
      const { state, ignored } = decode(p.hash);
      expect(ignored, p.id).toEqual([]);
      expect(encode(state), p.id).toBe(p.hash);
    }
  });

  it('have unique ids and labels', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(new Set(PRESETS.map((p) => p.label)).size).toBe(PRESETS.length);
  });

  it('"Paper Fig. 2" is the paper toy (the defaults) and "Blau Fig. 5" is X ~ N(0, 1)', () => {
    expect(decode(PRESETS.find((p) => p.id === 'paper-fig2')!.hash).state).toEqual(DEFAULT_TOY_STATE);
    const blau = decode(PRESETS.find((p) => p.id === 'blau-fig5')!.hash).state;
    expect([blau.mu1, blau.mu2, blau.sigmaX, blau.div]).toEqual([0, 0, 1, 'kl']);
  });
});
