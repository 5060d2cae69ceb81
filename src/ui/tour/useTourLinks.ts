import { useEffect } from 'react';
import { fillStepFromLink } from './navigation';

/**
 * A link naming a tour step (`#v=1&tour=curves`) opens that step with its
 * state, on load and on every hashchange. Runs after the URL sync has read
 * the hash (that listener was added first, at startup).
 */
export function useTourLinks(): void {
  useEffect(() => {
    const onLink = () => fillStepFromLink(window.location.hash);
    onLink();
    window.addEventListener('hashchange', onLink);
    return () => window.removeEventListener('hashchange', onLink);
  }, []);
}
