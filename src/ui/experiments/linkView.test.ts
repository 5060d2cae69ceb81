import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { encodeResultsParam, pointCount, type ExperimentConfig, type LinkResults } from '../../experiments';
import { exportText } from '../../experiments/exportFile';
import { fakeBundle } from '../../experiments/fixtures';
import { EXPERIMENT_PRESETS } from '../../experiments/presets';
import { NO_VIEW_PARAMS, viewParamsFor } from './linkParams';
import { useExperiments } from './store';

// An Experiments link carries the experiment's name and the view choices
// (only admissible, the selected point); the receiving browser applies them.

const exp1 = EXPERIMENT_PRESETS[0].config;
const exp2 = EXPERIMENT_PRESETS[1].config;
const xr = encodeResultsParam({ points: [{ index: 0, D: 0.05, P: 1, C: 0.1 }], identity: null, clean: null })!;

describe('the view keys written', () => {
  it('describe a saved experiment whose config is the one in the link', () => {
    const b = fakeBundle({ config: exp1, name: 'β sweep <b>1</b>' });
    const n = pointCount(exp1.weights);
    expect(viewParamsFor({ draft: exp1, bundle: b, opened: null, onlyAdmissible: true, selected: 2 })).toEqual({ xn: 'β sweep <b>1</b>', xa: true, xs: '2' });
    // A selection that is not one of its points is not written.
    expect(viewParamsFor({ draft: exp1, bundle: b, opened: null, onlyAdmissible: false, selected: n }).xs).toBe('');
  });

  it('keep an opened link’s name while it is in force, and are left out once another config is edited', () => {
    const opened = { config: exp1, xr, name: 'from Alice' };
    expect(viewParamsFor({ draft: exp1, bundle: null, opened, onlyAdmissible: true, selected: 0 })).toEqual({ xn: 'from Alice', xa: true, xs: '0' });
    expect(viewParamsFor({ draft: exp1, bundle: null, opened: { config: exp1, xr }, onlyAdmissible: false, selected: null })).toEqual(NO_VIEW_PARAMS);
    expect(viewParamsFor({ draft: exp2, bundle: fakeBundle({ config: exp1 }), opened, onlyAdmissible: true, selected: 0 })).toEqual(NO_VIEW_PARAMS);
    expect(viewParamsFor({ draft: exp1, bundle: null, opened: null, onlyAdmissible: true, selected: 0 })).toEqual(NO_VIEW_PARAMS);
  });
});

// A config no shipped sweep and no other test uses: the link's results are all there is.
const CONFIG: ExperimentConfig = {
  ...exp1,
  preset: 'custom',
  iterations: 321,
  weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 1, steps: 2 }, gamma: { from: 0, to: 1, steps: 2 } },
};
const RESULTS: LinkResults = {
  points: [
    { index: 0, D: 0.03, P: 2, C: 0.2 },
    { index: 1, D: 0.07, P: 2.8, C: 0.1 },
    { index: 2, D: 0.05, P: 0.8, C: 0.21 },
  ],
  identity: null,
  clean: null,
};

describe('a link applied in the store', () => {
  it('shows its results under its name with its view choices, and Save in this browser keeps the name', async () => {
    const store = useExperiments.getState();
    await store.init();
    await store.applyLink(CONFIG, RESULTS, null, { name: '<img src=x onerror=alert(1)>', onlyAdmissible: true, selected: 2 });
    const s = useExperiments.getState();
    expect(s.linked?.name).toBe('<img src=x onerror=alert(1)>');
    expect([s.onlyAdmissible, s.selected]).toEqual([true, 2]);
    // A sweep run here from the link gets the sender's name.
    expect(s.name).toBe('<img src=x onerror=alert(1)>');
    await s.saveLinked();
    const after = useExperiments.getState();
    expect(after.bundle?.experiment.name).toBe('<img src=x onerror=alert(1)>');
    expect(after.linked).toBeNull();
    expect([after.onlyAdmissible, after.selected]).toEqual([true, 2]);
  });

  it('a link without view keys (written before them) reads as before', async () => {
    useExperiments.setState({ onlyAdmissible: true, selected: 1 });
    await useExperiments.getState().applyLink({ ...CONFIG, iterations: 322 }, RESULTS, null);
    const s = useExperiments.getState();
    expect(s.linked?.name).toBe('');
    expect([s.onlyAdmissible, s.selected]).toEqual([false, null]);
    await s.saveLinked();
    expect(useExperiments.getState().bundle?.experiment.name).toMatch(/ \(from a link\)$/);
  });

  it('a link to an experiment saved here opens it under its own name with the link’s view choices', async () => {
    const store = useExperiments.getState();
    const own = fakeBundle({ id: 'linkViewOwn01', name: 'mine', config: exp2 });
    expect(await store.importText(exportText(own), 'own.json')).toBe(true);
    await useExperiments.getState().open(null);
    await useExperiments.getState().applyLink(exp2, null, null, { name: 'theirs', onlyAdmissible: true, selected: 3 });
    const s = useExperiments.getState();
    expect(s.openId).toBe('linkViewOwn01');
    expect(s.bundle?.experiment.name).toBe('mine');
    expect([s.onlyAdmissible, s.selected]).toEqual([true, 3]);
  });
});
