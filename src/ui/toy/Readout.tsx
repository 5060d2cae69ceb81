import type { ReactNode } from 'react';

/** One labelled value; `busy` while the worker has not answered the current inputs. */
export function Readout({ testId, label, value, busy }: { testId: string; label: ReactNode; value: string; busy?: boolean }) {
  return (
    <div className="readout">
      <dt>{label}</dt>
      <dd data-testid={testId} aria-busy={busy || undefined} className={busy ? 'stale' : undefined}>
        {value}
      </dd>
    </div>
  );
}
