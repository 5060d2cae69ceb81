import { selectToyState, useToyStore, type ToyStoreApi } from '../../state/toyStore';
import type { TourStepId, ToyState } from '../../state/schema';
import { STEPS, stepById, stepIndex, type StepState } from './steps';

// Moving through the tour is writing the store: the step id and the step's
// state go in together, so the URL (and a copied link) always names a step
// with the state it shows. Display keys (present, hide) are left alone.

function apply(store: ToyStoreApi, id: TourStepId, state: Partial<StepState>): void {
  const s = store.getState();
  s.replaceAll({ ...selectToyState(s), ...state, tour: id } as ToyState);
}

export function goToStep(id: TourStepId, store: ToyStoreApi = useToyStore): void {
  const step = stepById(id);
  if (step) apply(store, id, step.state);
}

/** Moves by `delta` steps, clamped to the first and last; starts the tour when it is off. */
export function moveStep(delta: number, store: ToyStoreApi = useToyStore): void {
  const at = stepIndex(store.getState().tour);
  const next = at < 0 ? 0 : Math.min(STEPS.length - 1, Math.max(0, at + delta));
  if (next !== at) goToStep(STEPS[next].id, store);
}

export function startTour(store: ToyStoreApi = useToyStore): void {
  goToStep(STEPS[0].id, store);
}

/** Leaves the tour; what the last step showed stays on screen to explore. */
export function exitTour(store: ToyStoreApi = useToyStore): void {
  store.getState().set('tour', 'off');
}

/** Key names a hash spells out (`v=1&p1=0.5&tour=curves` -> p1, tour), ignoring malformed ones. */
export function keysInHash(hash: string): Set<string> {
  const out = new Set<string>();
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const pair of h.split('&')) {
    const eq = pair.indexOf('=');
    const raw = eq < 0 ? pair : pair.slice(0, eq);
    try {
      out.add(decodeURIComponent(raw));
    } catch {
      // a malformed key is the codec's to report
    }
  }
  return out;
}

/**
 * After a link is opened (page load or hashchange): when it names a tour step,
 * the step's state fills every key the link does not spell out, so
 * `#v=1&tour=curves&present=1` opens the step as the tour shows it, while a
 * link copied mid-step (every key present) is restored exactly.
 */
export function fillStepFromLink(hash: string, store: ToyStoreApi = useToyStore): void {
  const s = store.getState();
  const step = stepById(s.tour);
  if (!step) return;
  const named = keysInHash(hash);
  const fill: Partial<StepState> = {};
  let any = false;
  for (const [k, v] of Object.entries(step.state) as [keyof StepState, StepState[keyof StepState]][]) {
    if (named.has(k) || Object.is(s[k], v)) continue;
    (fill as Record<string, unknown>)[k] = v;
    any = true;
  }
  if (any) apply(store, step.id, fill);
}
