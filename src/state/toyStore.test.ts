import { describe, expect, it } from 'vitest';
import { createToyStore, selectToyState } from './toyStore';
import { DEFAULT_TOY_STATE } from './schema';

describe('toy store', () => {
  it('starts at the schema defaults with no notices', () => {
    const store = createToyStore();
    expect(selectToyState(store.getState())).toEqual(DEFAULT_TOY_STATE);
    expect(store.getState().notices).toEqual([]);
  });

  it('set() clamps like a decoded link and skips no-op updates', () => {
    const store = createToyStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().set('p1', 0.4);
    expect(store.getState().p1).toBe(0.4);
    store.getState().set('p1', 0.4);
    expect(calls).toBe(1);
    store.getState().set('sigmaX', 99);
    expect(store.getState().sigmaX).toBe(3);
    store.getState().set('a', Number.NaN);
    expect(store.getState().a).toBe(DEFAULT_TOY_STATE.a);
  });

  it('replaceAll sanitizes, reset restores defaults', () => {
    const store = createToyStore();
    store.getState().replaceAll({ ...DEFAULT_TOY_STATE, mu1: -9, div: 'w2' });
    expect(store.getState().mu1).toBe(-4);
    expect(store.getState().div).toBe('w2');
    store.getState().reset();
    expect(selectToyState(store.getState())).toEqual(DEFAULT_TOY_STATE);
  });

  it('keeps at most five notices and dismisses by index', () => {
    const store = createToyStore();
    for (let i = 0; i < 7; i++) store.getState().pushNotice(`n${i}`);
    expect(store.getState().notices).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    store.getState().dismissNotice(1);
    expect(store.getState().notices).toEqual(['n2', 'n4', 'n5', 'n6']);
  });
});
