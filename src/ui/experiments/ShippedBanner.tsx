import { isShippedSweepId, shippedSweepFor, type ShippedSweepId } from '../../experiments/shipped';
import { presetById } from '../../experiments';
import type { ShippedOutcome } from './store';
import { useExperiments } from './store';

/**
 * Says that the sweep shown is one shipped with the app (not trained in this
 * browser), with one click to train the same preset here or to hide it; or,
 * with nothing open, why no shipped sweep is shown.
 */
export function ShippedBanner({ outcome }: { outcome: ShippedOutcome | null }) {
  const openId = useExperiments((s) => s.openId);
  const preset = useExperiments((s) => s.draft.preset);
  const busy = useExperiments((s) => s.sweep.state === 'running' || s.sweep.state === 'paused');
  const hideShipped = useExperiments((s) => s.hideShipped);
  const restoreShipped = useExperiments((s) => s.restoreShipped);
  const label = presetById(preset)?.label ?? 'this preset';

  const train = () => {
    const s = useExperiments.getState();
    // The shipped file's name is not the visitor's sweep's name.
    s.setName('');
    void s.startSweep();
  };

  if (openId !== null && isShippedSweepId(openId)) {
    return (
      <p className="xp-shipped" role="note" data-testid="xp-shipped" data-id={openId}>
        <span>
          Shipped with CDP Lab: a real sweep of {label}, trained once at the browser budget in headless Chromium (<code>npm run sweep</code>; how, when
          and how long: <code>precomputed/README.md</code>). Nothing was trained in this browser.
        </span>
        <button type="button" className="small-button" onClick={train} disabled={busy} data-testid="xp-train-shipped">
          Train this preset yourself
        </button>
        <button type="button" className="small-button" onClick={() => void hideShipped(openId)} data-testid="xp-hide-shipped">
          Hide
        </button>
      </p>
    );
  }
  if (openId !== null || outcome === null || outcome.kind === 'opened' || outcome.kind === 'superseded') return null;
  const shipped = shippedSweepFor(preset);
  return (
    <p className="field-hint xp-shipped-none" data-testid="xp-shipped-none" data-kind={outcome.kind}>
      {outcome.kind === 'none' && `CDP Lab ships no trained sweep for ${label}: press Run new sweep to train it here.`}
      {outcome.kind === 'failed' && `The shipped sweep of ${label} is unavailable (${outcome.reason}).`}
      {outcome.kind === 'hidden' && shipped && (
        <>
          You hid the shipped sweep of {label}.{' '}
          <button type="button" className="xp-link" onClick={() => void restoreShipped(shipped.id as ShippedSweepId)} data-testid="xp-restore-shipped">
            Show it again
          </button>
        </>
      )}
    </p>
  );
}
