import { describe, expect, it } from 'vitest';
import { KEYS } from './schema';
import { loadHiddenSweeps, saveHiddenSweeps, updateHiddenSweeps } from './hiddenSweeps';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('hidden shipped sweeps across tabs', () => {
  it('two tabs hiding different sweeps both keep their choice (merged per id, not last write wins)', () => {
    const [a, b] = KEYS.hiddenSweeps.values;
    const storage = memory();
    // Both tabs loaded the list empty; each then hides one.
    updateHiddenSweeps((cur) => [...cur, a], storage);
    const now = updateHiddenSweeps((cur) => [...cur, b], storage);
    expect(now).toEqual([a, b]);
    expect(loadHiddenSweeps(storage)).toEqual([a, b]);
    // Restoring one in a tab leaves the other tab's.
    expect(updateHiddenSweeps((cur) => cur.filter((x) => x !== a), storage)).toEqual([b]);
  });

  it('the whole-list write still replaces (what a merge avoids)', () => {
    const [a, b] = KEYS.hiddenSweeps.values;
    const storage = memory();
    saveHiddenSweeps([a], storage);
    saveHiddenSweeps([b], storage);
    expect(loadHiddenSweeps(storage)).toEqual([b]);
  });
});
