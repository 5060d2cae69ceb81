import { useHelpStore } from './helpStore';

/** Opens the keyboard-shortcut overlay (also `?`). */
export function HelpButton() {
  const setOpen = useHelpStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className="header-button"
      data-testid="help-open"
      aria-keyshortcuts="Shift+?"
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      onClick={() => setOpen(true)}
    >
      ?
    </button>
  );
}
