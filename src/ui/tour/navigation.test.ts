import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../state/permalink';
import { DEFAULT_TOY_STATE } from '../../state/schema';
import { createToyStore, selectToyState } from '../../state/toyStore';
import { exitTour, fillStepFromLink, goToStep, keysInHash, moveStep, startTour } from './navigation';
import { STEPS } from './steps';

describe('tour navigation', () => {
  it('start, next, previous and exit walk the steps with their states, clamped at both ends', () => {
    const store = createToyStore();
    store.getState().replaceAll({ ...DEFAULT_TOY_STATE, present: true, hide: ['mu1'], sigmaX: 2.5 });
    startTour(store);
    expect(store.getState().tour).toBe(STEPS[0].id);
    expect(selectToyState(store.getState())).toEqual({ ...DEFAULT_TOY_STATE, ...STEPS[0].state, present: true, hide: ['mu1'], tour: STEPS[0].id });
    moveStep(-1, store);
    expect(store.getState().tour).toBe(STEPS[0].id);
    for (let i = 1; i < STEPS.length; i++) {
      moveStep(1, store);
      expect(store.getState().tour).toBe(STEPS[i].id);
      expect(store.getState().p1).toBe(STEPS[i].state.p1);
    }
    moveStep(1, store);
    expect(store.getState().tour).toBe(STEPS.at(-1)!.id);
    moveStep(-2, store);
    expect(store.getState().tour).toBe(STEPS.at(-3)!.id);
    store.getState().set('a', 0.33);
    exitTour(store);
    expect(store.getState().tour).toBe('off');
    expect(store.getState().a).toBe(0.33); // what was on screen stays
    expect(store.getState().present).toBe(true);
  });

  it('moving while off starts at the first step', () => {
    const store = createToyStore();
    moveStep(1, store);
    expect(store.getState().tour).toBe(STEPS[0].id);
  });

  it('a step link fills only the keys it does not name', () => {
    const store = createToyStore();
    const curves = STEPS.find((s) => s.id === 'curves')!;
    const hash = 'v=1&tour=curves&present=1&a=0.3&%ZZ=1';
    store.getState().replaceAll(decode(hash).state);
    fillStepFromLink(hash, store);
    const s = store.getState();
    expect(s.a).toBe(0.3);
    expect(s.present).toBe(true);
    expect(s.tour).toBe('curves');
    expect(s.sigmaN).toBe(curves.state.sigmaN);
    expect(s.div).toBe(curves.state.div);
  });

  it('a full link copied mid-step is restored exactly; no tour, no change', () => {
    const store = createToyStore();
    goToStep('surface', store);
    store.getState().set('D', 1.7);
    store.getState().set('sigmaN', 0.4);
    const link = encode(selectToyState(store.getState()));
    const other = createToyStore();
    other.getState().replaceAll(decode(link).state);
    fillStepFromLink(link, other);
    expect(selectToyState(other.getState())).toEqual(selectToyState(store.getState()));
    const plain = createToyStore();
    plain.getState().replaceAll(decode('v=1&p1=0.4').state);
    fillStepFromLink('v=1&p1=0.4', plain);
    expect(selectToyState(plain.getState())).toEqual({ ...DEFAULT_TOY_STATE, p1: 0.4 });
  });

  it('reads key names from a hash, skipping malformed escapes', () => {
    expect([...keysInHash('#v=1&p%31=2&%E0=1&tour')]).toEqual(['v', 'p1', 'tour']);
  });
});
