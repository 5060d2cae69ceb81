import { describe, expect, it } from 'vitest';
import { decode, encode } from '../state/permalink';
import { DEFAULT_TOY_STATE } from '../state/schema';
import { decodeConfigParam, encodeConfigParam, encodeResultsParam } from './link';
import { EXPERIMENT_PRESETS } from './presets';

// The experiment's two keys in the app's permalink: xc (config) and xr (results).

describe('experiment keys in the permalink', () => {
  it('are absent from links while empty, so older links keep their exact text', () => {
    expect(encode(DEFAULT_TOY_STATE)).not.toMatch(/xc=|xr=/);
  });

  it('carry the config and results through encode/decode unchanged', () => {
    const xc = encodeConfigParam(EXPERIMENT_PRESETS[1].config)!;
    const xr = encodeResultsParam({ points: [{ index: 0, D: 0.05, P: 1.2, C: 0.1 }], identity: null, clean: null })!;
    const hash = encode({ ...DEFAULT_TOY_STATE, view: 'experiments', xc, xr });
    expect(hash).toContain(`&xc=${xc}`);
    const { state, ignored } = decode(hash);
    expect(ignored).toEqual([]);
    expect([state.xc, state.xr]).toEqual([xc, xr]);
    const c = decodeConfigParam(state.xc);
    expect(c.ok && c.value).toEqual(EXPERIMENT_PRESETS[1].config);
  });

  it('text outside the alphabet or too long is dropped with a notice', () => {
    const bad = decode('v=1&view=experiments&xc=%3Cscript%3E');
    expect(bad.state.xc).toBe('');
    expect(bad.ignored).toEqual([{ key: 'xc', reason: 'malformed, ignored' }]);
    const long = decode(`v=1&xr=${'A'.repeat(1501)}`);
    expect(long.state.xr).toBe('');
    expect(long.ignored).toEqual([{ key: 'xr', reason: 'malformed, ignored' }]);
  });
});
