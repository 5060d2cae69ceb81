import { useEffect, useState } from 'react';
import { pickSweep } from './sweepStep';

type Status =
  | { kind: 'looking' }
  | { kind: 'open'; name: string; done: number; total: number }
  | { kind: 'none' }
  | { kind: 'error'; text: string };

/**
 * The sweep step shows a sweep trained in this browser (saved in IndexedDB,
 * so it works offline too), never made-up numbers: with none saved it says
 * how to make one. The experiments store is loaded on demand, like its view.
 */
export function SweepStepStatus() {
  const [status, setStatus] = useState<Status>({ kind: 'looking' });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const { useExperiments } = await import('../experiments/store');
        await useExperiments.getState().init();
        await useExperiments.getState().refresh();
        const pick = pickSweep(useExperiments.getState().saved);
        if (!pick) {
          if (live) setStatus({ kind: 'none' });
          return;
        }
        await useExperiments.getState().open(pick.experiment.id);
        if (live) setStatus({ kind: 'open', name: pick.experiment.name, done: pick.done, total: pick.total });
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
      {status.kind === 'none' &&
        'No sweep has been trained in this browser yet. Below, pick a preset and press Start (the browser budget trains for minutes per point), or import a results file; this step then opens it.'}
      {status.kind === 'error' && `Saved sweeps are unavailable: ${status.text}`}
    </p>
  );
}
