import { useSyncExternalStore } from 'react';

// Whether the pointer is holding a range input right now. Expensive views
// (the WebGL surface) hold their redraws until the drag ends.

let dragging = false;
const listeners = new Set<() => void>();

function set(v: boolean) {
  if (dragging === v) return;
  dragging = v;
  for (const l of listeners) l();
}

function onDown(e: PointerEvent) {
  const t = e.target;
  if (t instanceof HTMLInputElement && t.type === 'range') set(true);
}
const onUp = () => set(false);

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onUp, true);
    window.addEventListener('blur', onUp);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onUp, true);
      window.removeEventListener('blur', onUp);
      dragging = false;
    }
  };
}

export function useSliderDrag(): boolean {
  return useSyncExternalStore(subscribe, () => dragging, () => false);
}
