import { useId, useState, type ReactNode } from 'react';

interface Props {
  /** Classes of the control column (controls, xp-controls...). */
  className: string;
  /** The aside's accessible name and the phone toggle's text. */
  label: string;
  testId: string;
  children: ReactNode;
}

/**
 * A view's control column. On a wide screen it is the sticky column beside
 * the plots; on a phone (phone.css) it becomes a bottom sheet that starts
 * collapsed to its toggle bar, so the plots come first and, with the sheet
 * open, the plot a slider changes stays on screen above it.
 */
export function ControlsSheet({ className, label, testId, children }: Props) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  return (
    <aside className={`${className} controls-sheet`} aria-label={label} data-open={open ? '' : undefined} data-testid={testId}>
      <button
        type="button"
        className="controls-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
        data-testid={`${testId}-toggle`}
      >
        {label}
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      <div id={bodyId} className="controls-body">
        {children}
      </div>
    </aside>
  );
}
