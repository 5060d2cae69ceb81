import { useEffect, useRef } from 'react';
import { useToyStore } from '../../state/toyStore';
import { hasViewAction } from './actions';
import { useHelpStore } from './helpStore';
import { SHORTCUTS } from './shortcuts';
import '../tour/tour.css';
import './help.css';

/**
 * The `?` overlay: a modal <dialog>, so focus stays inside, Esc closes it and
 * focus returns to where it was.
 */
export function HelpOverlay() {
  const open = useHelpStore((s) => s.open);
  const setOpen = useHelpStore((s) => s.setOpen);
  const touring = useToyStore((s) => s.tour !== 'off');
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="help-dialog"
      aria-labelledby="help-title"
      data-testid="help-dialog"
      onClose={() => setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === '?') {
          e.preventDefault();
          setOpen(false);
        }
      }}
    >
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="help-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => {
            const inactive = (s.tourOnly && !touring) || (s.id === 'playPause' && !hasViewAction('playPause'));
            return (
              <tr key={s.id} className={inactive ? 'help-inactive' : undefined}>
                <td>
                  {s.label.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' or '}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </td>
                <td>
                  {s.description}
                  {s.tourOnly && !touring && ' (during the tour)'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="help-note">
        Shortcuts wait while you type in a box; arrows and space stay with a focused slider or button. Sliders: arrows step, Page Up/Down
        jump, Home/End go to the ends.
      </p>
      <form method="dialog" className="help-actions">
        <button type="submit" className="tour-button tour-primary" data-testid="help-close" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
