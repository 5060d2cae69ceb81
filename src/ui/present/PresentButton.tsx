import { useToyStore } from '../../state/toyStore';

/** Toggles presentation mode (also `p`, or present=1 in a link). */
export function PresentButton() {
  const present = useToyStore((s) => s.present);
  const set = useToyStore((s) => s.set);
  return (
    <button
      type="button"
      className="header-button"
      data-testid="present-toggle"
      aria-pressed={present}
      aria-keyshortcuts="p"
      title="Presentation mode: large type, high contrast (P)"
      onClick={() => set('present', !present)}
    >
      Present
    </button>
  );
}
