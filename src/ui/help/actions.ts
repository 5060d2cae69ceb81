import { useEffect, useRef } from 'react';

// Shortcut actions that belong to a view (space = play/pause training) are
// registered by that view while it is mounted; the key handler only runs them.

export type ViewAction = 'playPause';

const handlers = new Map<ViewAction, () => void>();

export function registerViewAction(id: ViewAction, run: () => void): () => void {
  handlers.set(id, run);
  return () => {
    if (handlers.get(id) === run) handlers.delete(id);
  };
}

export function hasViewAction(id: ViewAction): boolean {
  return handlers.has(id);
}

export function runViewAction(id: ViewAction): boolean {
  const run = handlers.get(id);
  run?.();
  return run !== undefined;
}

/** For a view: `useViewAction('playPause', () => toggleTraining())` while mounted. */
export function useViewAction(id: ViewAction, run: () => void): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => registerViewAction(id, () => latest.current()), [id]);
}
