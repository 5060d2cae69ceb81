import { describe, expect, it } from 'vitest';
import { decodeResultsParam, encodeResultsParam } from '../../experiments';
import { fakeBundle } from '../../experiments/fixtures';
import { EXPERIMENT_PRESETS } from '../../experiments/presets';
import { bundleResultsParam, linkOpenedMessage, resultsParamFor, XR_WITHOUT_XC } from './linkParams';

// The permalink keeps a link's results while its experiment is the one
// shown, so a reload restores it; a saved experiment writes its own.

const exp1 = EXPERIMENT_PRESETS[0].config;
const exp2 = EXPERIMENT_PRESETS[1].config;
const xr = encodeResultsParam({ points: [{ index: 0, D: 0.05, P: 1, C: 0.1 }], identity: null, clean: null })!;

describe('the results param', () => {
  it('keeps the link’s xr while the link applies and while its results are shown', () => {
    const opened = { config: exp1, xr };
    // Just opened: the draft is the link's config, nothing saved is shown (or another experiment still is).
    expect(resultsParamFor({ draft: exp1, bundle: null, opened })).toEqual({ xr, opened });
    const other = fakeBundle({ config: exp2 });
    expect(resultsParamFor({ draft: exp1, bundle: other, opened })).toEqual({ xr, opened });
  });

  it('gives way to a saved experiment of that config (saved, or found here)', () => {
    const saved = fakeBundle({ config: exp1 });
    const r = resultsParamFor({ draft: exp1, bundle: saved, opened: { config: exp1, xr } });
    expect(r.opened).toBeNull();
    expect(r.xr).toBe(bundleResultsParam(saved));
    const back = decodeResultsParam(r.xr, exp1);
    expect(back.ok && back.value.points.length).toBe(saved.points.length);
  });

  it('is dropped once the experiment is left, and does not come back with its config', () => {
    const left = resultsParamFor({ draft: exp2, bundle: null, opened: { config: exp1, xr } });
    expect(left).toEqual({ xr: '', opened: null });
    expect(resultsParamFor({ draft: exp1, bundle: null, opened: left.opened })).toEqual({ xr: '', opened: null });
  });

  it('is empty with nothing opened or shown', () => {
    expect(resultsParamFor({ draft: exp1, bundle: null, opened: null })).toEqual({ xr: '', opened: null });
  });
});

describe('link notices', () => {
  it('keeps why the results were ignored ahead of what to do', () => {
    const m = linkOpenedMessage(false, 'results.points[3].C: 1.7 is outside [0, 1]');
    expect(m).toEqual({
      kind: 'error',
      text: 'The link’s embedded results were ignored: results.points[3].C: 1.7 is outside [0, 1]. This link carries an experiment config whose results are not in this browser: run the sweep, or import its exported file.',
    });
    expect(linkOpenedMessage(true, null)?.kind).toBe('info');
    expect(linkOpenedMessage(false, null)).toEqual({ kind: 'info', text: expect.stringMatching(/^This link carries an experiment config/) });
  });

  it('names xr without xc', () => {
    expect(XR_WITHOUT_XC).toMatch(/\(xr\) were ignored: .*no experiment config \(xc\)/);
  });
});
