import { useEffect } from 'react';
import { useToyStore } from '../../state/toyStore';

/**
 * Mirrors presentation mode and the tour step onto <html> (data-present,
 * data-tour) so the stylesheets can enlarge type, raise contrast and drop
 * what a step does not need.
 */
export function usePresentationMode(): void {
  const present = useToyStore((s) => s.present);
  const tour = useToyStore((s) => s.tour);
  useEffect(() => {
    const root = document.documentElement;
    if (present) root.dataset.present = '';
    else delete root.dataset.present;
    if (tour !== 'off') root.dataset.tour = tour;
    else delete root.dataset.tour;
  }, [present, tour]);
}
