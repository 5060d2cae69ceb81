import { useToyStore } from '../../state/toyStore';
import { stepById } from './steps';

/**
 * During a step only its plot sections are shown. A generated rule keeps the
 * toy view itself unaware of the tour; the ids are our own constants.
 */
export function TourStyle() {
  const tour = useToyStore((s) => s.tour);
  const step = stepById(tour);
  if (!step || step.sections.length === 0) return null;
  const keep = step.sections.map((id) => `[aria-labelledby="${id}"]`).join(', ');
  return <style>{`.toy-view .plots > :not(${keep}) { display: none !important; }`}</style>;
}
