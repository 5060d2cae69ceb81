import { useHeld } from '../../useSettled';
import { useSliderDrag } from '../../useSliderDrag';

/**
 * `value` while no slider is dragged; during a drag, the value from before it
 * (see useSliderDrag). `held` says the plot shows something older than the
 * controls, for the card's notice.
 */
export function useDragHold<T>(value: T): { shown: T; held: boolean; dragging: boolean } {
  const dragging = useSliderDrag();
  const shown = useHeld(value, dragging);
  return { shown, held: dragging && shown !== value, dragging };
}

/** Text in a held plot's title, so a plot that stands still mid-drag reads as waiting, not broken. */
export function HeldNote({ name, held }: { name: string; held: boolean }) {
  if (!held) return null;
  return (
    <span className="plot-held" data-testid={`held-${name}`}>
      updates when you let go
    </span>
  );
}
