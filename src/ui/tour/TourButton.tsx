import { useToyStore } from '../../state/toyStore';
import { exitTour, startTour } from './navigation';

/** Starts the guided tour at step 1, or leaves it (also `t`). */
export function TourButton() {
  const touring = useToyStore((s) => s.tour !== 'off');
  return (
    <button
      type="button"
      className="header-button"
      data-testid="tour-toggle"
      aria-pressed={touring}
      aria-keyshortcuts="t"
      title="Guided tour through the tradeoffs (T)"
      onClick={() => (touring ? exitTour() : startTour())}
    >
      Tour
    </button>
  );
}
