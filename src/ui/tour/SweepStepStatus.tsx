import { useEffect, useState } from 'react';
import { fetchPrecomputedSweep, PRECOMPUTED_SWEEP } from './precomputed';
import { pickSweep } from './sweepStep';

type Status =
  | { kind: 'looking' }
  | { kind: 'open'; name: string; done: number; total: number }
  | { kind: 'precomputed'; name: string; done: number }
  | { kind: 'none'; why: string }
  | { kind: 'error'; text: string };

/**
 * The sweep step shows a sweep trained in this browser (saved in IndexedDB,
 * so it works offline too). With none saved it shows the precomputed sweep
 * shipped with the app, imported like any results file and labelled as
 * such in its name and here; never made-up numbers. The experiments store
 * is loaded on demand, like its view.
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
        const own = pickSweep(store().saved, new Set([PRECOMPUTED_SWEEP.id]));
        if (own) {
          await store().open(own.experiment.id);
          if (live) setStatus({ kind: 'open', name: own.experiment.name, done: own.done, total: own.total });
          return;
        }
        if (!store().saved.some((s) => s.experiment.id === PRECOMPUTED_SWEEP.id)) {
          let text: string;
          try {
            text = await fetchPrecomputedSweep();
          } catch (e) {
            if (live) setStatus({ kind: 'none', why: e instanceof Error ? e.message : String(e) });
            return;
          }
          if (!(await store().importText(text, 'the precomputed sweep'))) {
            if (live) setStatus({ kind: 'none', why: store().message?.text ?? 'it was not imported' });
            return;
          }
          // The step's own line says what was added; the view's import notice would repeat it.
          store().say(null);
        }
        const pre = store().saved.find((s) => s.experiment.id === PRECOMPUTED_SWEEP.id);
        if (!pre) throw new Error('the precomputed sweep is missing after its import');
        await store().open(pre.experiment.id);
        if (live) setStatus({ kind: 'precomputed', name: pre.experiment.name, done: pre.done });
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
        `Precomputed: no sweep has been trained in this browser yet, so this is “${status.name}” (${status.done} points, shipped with CDP Lab, now in your saved list). ` +
          'Train your own below; this step then shows yours.'}
      {status.kind === 'none' &&
        `No sweep has been trained in this browser yet, and the precomputed one is unavailable (${status.why}). ` +
          'Below, pick a preset and press Start (the browser budget trains for minutes per point), or import a results file; this step then opens it.'}
      {status.kind === 'error' && `Saved sweeps are unavailable: ${status.text}`}
    </p>
  );
}
