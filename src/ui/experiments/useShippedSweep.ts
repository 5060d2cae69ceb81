import { useEffect, useState } from 'react';
import { isShippedSweepId, shippedSweepFor } from '../../experiments/shipped';
import { useExperiments, type ShippedOutcome } from './store';

/**
 * Opens the selected preset's shipped sweep whenever nothing else is open (a
 * first visit, a closed or deleted sweep), and switches it when the preset
 * changes while a shipped one is shown. Never while a sweep runs, a link's
 * results are shown, or a sweep of the visitor's own is open.
 */
export function useShippedSweep(): ShippedOutcome | null {
  const ready = useExperiments((s) => s.ready);
  const openId = useExperiments((s) => s.openId);
  const linked = useExperiments((s) => s.linked !== null);
  const busy = useExperiments((s) => s.sweep.state === 'running' || s.sweep.state === 'paused');
  const preset = useExperiments((s) => s.draft.preset);
  const hidden = useExperiments((s) => s.hiddenShipped);
  const [outcome, setOutcome] = useState<ShippedOutcome | null>(null);

  useEffect(() => {
    if (!ready || linked || busy || preset === 'custom') return;
    if (openId !== null && !isShippedSweepId(openId)) return;
    if (openId !== null && shippedSweepFor(preset)?.id === openId) return;
    let live = true;
    void useExperiments.getState().openShipped(preset).then(async (r) => {
      if (!live) return;
      setOutcome(r);
      // The shown shipped sweep belongs to another preset now: show none rather than the wrong one.
      if ((r.kind === 'none' || r.kind === 'hidden' || r.kind === 'failed') && isShippedSweepId(useExperiments.getState().openId)) await useExperiments.getState().open(null);
    });
    return () => {
      live = false;
    };
  }, [ready, linked, busy, preset, openId, hidden]);

  return outcome;
}
