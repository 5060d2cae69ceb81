import { useSyncExternalStore } from 'react';
import { nextDragging } from './dragState';

// Whether a slider is dragged right now (pointer held on a range input, or a
// held arrow key repeating on one or on a number box). Expensive views (the WebGL surface, the
// contour map, the profiles) hold their redraws until the drag ends.

let dragging = false;
const listeners = new Set<() => void>();

function onEvent(e: Event) {
  const t = e.target;
  const key = e instanceof KeyboardEvent;
  const next = nextDragging(dragging, {
    type: e.type,
    // A number box steps on held arrow keys as a slider does (and commits each step).
    onRange: t instanceof HTMLInputElement && (t.type === 'range' || (key && t.type === 'number')),
    repeat: key ? e.repeat : undefined,
  });
  if (next === dragging) return;
  dragging = next;
  for (const l of listeners) l();
}

const CAPTURED = ['pointerdown', 'pointerup', 'pointercancel', 'keydown', 'keyup'] as const;

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    for (const type of CAPTURED) window.addEventListener(type, onEvent, true);
    window.addEventListener('blur', onEvent);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      for (const type of CAPTURED) window.removeEventListener(type, onEvent, true);
      window.removeEventListener('blur', onEvent);
      dragging = false;
    }
  };
}

export function useSliderDrag(): boolean {
  return useSyncExternalStore(subscribe, () => dragging, () => false);
}
