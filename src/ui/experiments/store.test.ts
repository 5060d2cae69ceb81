import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportText } from '../../experiments/exportFile';
import { fakeBundle } from '../../experiments/fixtures';
import { SHIPPED_SWEEPS } from '../../experiments/shipped';
import { useExperiments } from './store';

// The shipped files come from public/, as the app's own origin serves them; fetches are counted.
const fetches: string[] = [];
beforeAll(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    fetches.push(url);
    const s = SHIPPED_SWEEPS.find((x) => url.endsWith(x.file));
    if (!s) return new Response('not found', { status: 404 });
    // A slow network: both callers are in flight together.
    await new Promise((r) => setTimeout(r, 20));
    return new Response(readFileSync(join(process.cwd(), 'public', s.file), 'utf8'));
  });
});
afterEach(() => {
  fetches.length = 0;
});

const savedIds = () => useExperiments.getState().saved.map((e) => e.experiment.id);

describe('the experiments store and the shipped sweeps', () => {
  it('two openShipped calls at once (the view and a restore button) import once, and the saved list holds the sweep', async () => {
    const store = useExperiments.getState();
    await store.init();
    const [a, b] = await Promise.all([store.openShipped('exp1'), useExperiments.getState().openShipped('exp1')]);
    expect(a).toEqual({ kind: 'opened', id: 'precomputed-exp1-mnist' });
    expect(b).toEqual(a);
    expect(fetches).toHaveLength(1);
    expect(savedIds()).toEqual(['precomputed-exp1-mnist']);
    expect(useExperiments.getState().openId).toBe('precomputed-exp1-mnist');
    // The shipped file's name is not offered as the name of the visitor's next sweep.
    expect(useExperiments.getState().name).toBe('');
  });

  it('hide removes it from the list and the view; restore while the view asks too brings it back, listed once', async () => {
    await useExperiments.getState().hideShipped('precomputed-exp1-mnist');
    expect(savedIds()).toEqual([]);
    expect(useExperiments.getState().openId).toBeNull();
    expect(await useExperiments.getState().openShipped('exp1')).toEqual({ kind: 'hidden' });
    const restoring = useExperiments.getState().restoreShipped('precomputed-exp1-mnist');
    // What useShippedSweep does when hiddenShipped changes: ask for the preset's sweep again.
    const viewAsks = useExperiments.getState().openShipped('exp1');
    expect(await restoring).toEqual({ kind: 'opened', id: 'precomputed-exp1-mnist' });
    expect(await viewAsks).toEqual({ kind: 'opened', id: 'precomputed-exp1-mnist' });
    expect(fetches).toHaveLength(1);
    expect(savedIds()).toEqual(['precomputed-exp1-mnist']);
  });

  it("a sweep of the visitor's own asked for while the shipped one is being opened wins (the tour's step and the view ask together)", async () => {
    const store = useExperiments.getState();
    // Test data only (src/experiments/fixtures.ts), imported as a user imports a results file.
    expect(await store.importText(exportText(fakeBundle({ id: 'ownFixture01', name: 'own (test data)' })), 'own.json')).toBe(true);
    await useExperiments.getState().open(null);
    const shipped = useExperiments.getState().openShipped('exp1');
    const own = useExperiments.getState().open('ownFixture01');
    expect(await shipped).toEqual({ kind: 'superseded' });
    await own;
    expect(useExperiments.getState().openId).toBe('ownFixture01');
    expect(useExperiments.getState().name).toBe('own (test data)');
  });

  it('a failed open (a sweep deleted meanwhile) does not keep the shipped sweep from opening later', async () => {
    await useExperiments.getState().open(null);
    await useExperiments.getState().open('noSuchSweep01');
    expect(useExperiments.getState().message?.text).toMatch(/no longer saved/);
    expect(await useExperiments.getState().openShipped('exp1')).toEqual({ kind: 'opened', id: 'precomputed-exp1-mnist' });
  });
});
