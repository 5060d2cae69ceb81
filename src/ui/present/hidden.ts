import { HIDEABLE, type Hideable, type TourStepId } from '../../state/schema';
import { useToyStore } from '../../state/toyStore';
import { stepById } from '../tour/steps';

/**
 * Whether a control is hidden: named in the link's hide= list, or left out
 * of the current tour step's controls. Names outside HIDEABLE (controls of
 * other views) are never hidden.
 */
export function isControlHidden(name: string, hide: readonly Hideable[], tour: TourStepId | 'off'): boolean {
  if (!(HIDEABLE as readonly string[]).includes(name)) return false;
  if ((hide as readonly string[]).includes(name)) return true;
  const step = stepById(tour);
  return step !== null && !(step.controls as readonly string[]).includes(name);
}

/** For a control component: render nothing when this returns true. */
export function useControlHidden(name: string): boolean {
  return useToyStore((s) => isControlHidden(name, s.hide, s.tour));
}
