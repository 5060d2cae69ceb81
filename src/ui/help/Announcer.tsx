import { useHelpStore } from './helpStore';

/** A polite live region for results of shortcuts that show nothing else (copy link). */
export function Announcer() {
  const message = useHelpStore((s) => s.message);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
