import { useEffect, useState } from 'react';
import { SHIPPED_SWEEP_IDS } from '../../experiments/shipped';
import { PRECOMPUTED_SWEEP } from './precomputed';
import { pickSweep } from './sweepStep';

type Status =
  | { kind: 'looking' }
  | { kind: 'open'; name: string; done: number; total: number }
  | { kind: 'precomputed'; name: string; done: number }
  | { kind: 'none'; why: string }
  | { kind: 'error'; text: string };

/**
 * The sweep step shows a sweep trained in this browser (saved in IndexedDB,
 * so it works offline too). With none saved it shows the shipped Exp-1
 * sweep (the experiments store imports it once, like any results file),
 * labelled as such in its name and here; never made-up numbers; unless the
 * visitor hid it. The experiments store is loaded on demand, like its view.
 */
export function SweepStepStatus() {
  const [status, setStatus] = useState<Status>({ kind: 'looking' });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { useExperiments } = await import('../experiments/store');
        const store = useExperiments.getState;
        await store().init();
        await store().refresh();
        const own = pickSweep(store().saved, new Set<string>(SHIPPED_SWEEP_IDS));
        if (own) {
          await store().open(own.experiment.id);
          if (live) setStatus({ kind: 'open', name: own.experiment.name, done: own.done, total: own.total });
          return;
        }
        const r = await store().openShipped('exp1');
        if (r.kind !== 'opened') {
          const why = r.kind === 'hidden' ? 'you hid it; “Hidden shipped sweeps” under Saved in this browser shows it again' : r.kind === 'failed' ? r.reason : 'none is shipped';
          if (live) setStatus({ kind: 'none', why });
          return;
        }
        const pre = store().saved.find((s) => s.experiment.id === PRECOMPUTED_SWEEP.id);
        if (live) setStatus({ kind: 'precomputed', name: pre?.experiment.name ?? 'the shipped Exp-1 sweep', done: pre?.done ?? 0 });
      } catch (e) {
        if (live) setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  return (
    <p className="tour-status" role="status" data-testid="tour-sweep-status" data-kind={status.kind}>
      {status.kind === 'looking' && 'Looking for a trained sweep in this browser…'}
      {status.kind === 'open' && `Showing your sweep “${status.name}”: ${status.done} of ${status.total} points trained.`}
      {status.kind === 'precomputed' &&
        `Shipped: no sweep has been trained in this browser yet, so this is “${status.name}” (${status.done} points, trained once in headless Chromium by npm run sweep and shipped with CDP Lab; now in your saved list). ` +
          'Train your own below; this step then shows yours.'}
      {status.kind === 'none' &&
        `No sweep has been trained in this browser yet, and the precomputed one is unavailable (${status.why}). ` +
          'Below, pick a preset and press Start (the browser budget trains for minutes per point), or import a results file; this step then opens it.'}
      {status.kind === 'error' && `Saved sweeps are unavailable: ${status.text}`}
    </p>
  );
}
