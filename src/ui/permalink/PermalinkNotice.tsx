import { useToyStore } from '../../state/toyStore';
import './permalink.css';

/**
 * What an opened link had to ignore or correct. The region is always in the
 * DOM so screen readers announce notices as they arrive; the text comes from
 * the URL and is rendered as text only.
 */
export function PermalinkNotice() {
  const notices = useToyStore((s) => s.notices);
  const dismiss = useToyStore((s) => s.dismissNotice);
  return (
    <div role="status" aria-live="polite" className="permalink-notices">
      {notices.map((text, i) => (
        <div key={`${i}:${text}`} className="permalink-notice" data-testid="permalink-notice">
          <span className="permalink-notice-text">{text}</span>
          <button
            type="button"
            className="permalink-notice-dismiss"
            data-testid="permalink-notice-dismiss"
            aria-label="Dismiss notice"
            onClick={() => dismiss(i)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
