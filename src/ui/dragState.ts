/**
 * Whether a slider is being dragged, from the window's input events. A drag is
 * a pointer held on a range input, or an arrow key held on one long enough to
 * repeat: both move the slider many times a second, and expensive plots hold
 * their redraws until it ends (useSliderDrag). A single key press is not a
 * drag, so stepping one notch still redraws everything at once.
 */
export interface DragInput {
  readonly type: string;
  /** The event's target is an <input type="range"> (for keys, a number box too: it steps the same way). */
  readonly onRange: boolean;
  /** KeyboardEvent.repeat: the key is held and the browser repeats it. */
  readonly repeat?: boolean;
}

export function nextDragging(dragging: boolean, e: DragInput): boolean {
  switch (e.type) {
    case 'pointerdown':
      return e.onRange;
    case 'keydown':
      // The first keydown of a press could be a single step; only the repeats make it a drag.
      return e.onRange && e.repeat === true ? true : dragging;
    case 'pointerup':
    case 'pointercancel':
    case 'keyup':
    case 'blur':
      return false;
    default:
      return dragging;
  }
}
