import { useEffect, useMemo } from 'react';
import { datasetInfo } from '../../data/catalog';
import { Plot } from '../../plots/Plot';
import { useViewAction } from '../help/actions';
import { usePalette } from '../usePalette';
import { BackendBadge } from './BackendBadge';
import { ClassifierBox } from './ClassifierBox';
import { DpcTable } from './DpcTable';
import { lossFigure } from './lossFigure';
import { SampleCanvas } from './SampleCanvas';
import { TrainControls } from './TrainControls';
import { useTrainStore } from './trainStore';
import { WeightSliders } from './WeightSliders';
import './train.css';

function fmtEta(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '–';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const fmt = (v: number | undefined, d = 4) => (v === undefined || !Number.isFinite(v) ? '–' : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : v.toFixed(d));

/**
 * Training a restorer in the browser: the job's setup, the live loss
 * weights, run controls (start, pause, single steps, stop, reset), progress
 * with a loss chart, and the D/P/C evaluation with a sample grid.
 */
export function TrainView() {
  const s = useTrainStore();
  const pal = usePalette();
  useEffect(() => {
    void s.boot();
    // boot is idempotent; the worker outlives the view so a job keeps running across tabs.
  }, [s.boot]);
  // Space (src/ui/help/shortcuts.ts): pause a running job, resume a paused one, else start.
  useViewAction('playPause', () => {
    const t = useTrainStore.getState();
    const st = t.progress?.state ?? 'idle';
    if (t.busy !== null) return;
    if (st === 'running') void t.pause();
    else if (st === 'paused') void t.resume();
    else if (t.phase === 'ready' && st !== 'failed' && st !== 'done') void t.start();
  });
  const figure = useMemo(() => lossFigure(s.history, pal), [s.history, pal]);
  const p = s.progress;
  const state = p?.state ?? 'idle';
  const ready = s.phase === 'ready';
  const running = state === 'running';
  const busy = s.busy !== null;
  const notInstalled = s.error && /not installed|HTTP 404|missing/.test(s.error);

  return (
    <div className="train-view" data-testid="train-view" data-phase={s.phase} data-state={state}>
      <aside className="controls">
        <BackendBadge report={s.backend} note={s.phaseNote} />
        <WeightSliders value={s.weights} onChange={(w) => s.setWeights(w)} />
        <TrainControls setup={s.setup} config={s.config} disabled={!s.backend || running || busy} onSetup={s.setSetup} onConfig={s.setConfig} onApply={() => void s.apply()} />
        <ClassifierBox name={s.setup.classifier} summary={s.classifier} note={s.retrainNote} disabled={!s.data || running || busy} onRetrain={(n) => void s.retrainClassifier(n)} />
      </aside>
      <div className="plots">
        <section className="plot-section train-run" aria-label="Run controls">
          <div className="train-buttons" role="group" aria-label="Run">
            {!running && state !== 'paused' && (
              <button type="button" data-testid="train-start" disabled={!ready || busy || state === 'failed' || state === 'done'} onClick={() => void s.start()}>
                Start
              </button>
            )}
            {running && (
              <button type="button" data-testid="train-pause" onClick={() => void s.pause()}>
                Pause
              </button>
            )}
            {state === 'paused' && (
              <button type="button" data-testid="train-resume" disabled={busy} onClick={() => void s.resume()}>
                Resume
              </button>
            )}
            <span className="train-step-group" role="group" aria-label="Single step">
              Step:
              <button type="button" data-testid="train-step-restorer" disabled={!ready || running || busy || state === 'failed'} onClick={() => void s.step('restorer')}>
                restorer
              </button>
              <button type="button" data-testid="train-step-critic" disabled={!ready || running || busy || state === 'failed'} onClick={() => void s.step('critic')}>
                critic
              </button>
              <button type="button" data-testid="train-step-both" disabled={!ready || running || busy || state === 'failed'} onClick={() => void s.step('both')}>
                both
              </button>
            </span>
            <button type="button" data-testid="train-stop" disabled={!ready || !(running || state === 'paused')} onClick={() => void s.stop()}>
              Stop
            </button>
            <button type="button" data-testid="train-reset" disabled={!ready || busy} onClick={() => void s.reset()}>
              Reset
            </button>
            <button type="button" data-testid="train-evaluate" disabled={!ready || busy || state === 'failed'} onClick={() => void s.evaluate()}>
              Evaluate
            </button>
            <button type="button" data-testid="train-baselines" disabled={!ready || running || busy} onClick={() => void s.computeBaselines()}>
              Baselines
            </button>
          </div>
          <p className="train-progress" data-testid="train-progress" aria-live="off">
            <span>
              {state} · iteration <strong data-testid="train-iteration">{p?.iteration ?? 0}</strong> / {p?.total ?? s.config.iterations}
            </span>
            <span> · {p ? p.itersPerSecond.toFixed(2) : '–'} it/s</span>
            <span> · ETA {fmtEta(p?.etaSeconds ?? null)}</span>
            <span>
              {' '}
              · MSE {fmt(p?.losses.mse)} · CE {fmt(p?.losses.ce)} · critic W {fmt(p?.losses.wTrain, 5)}
            </span>
            {p && <span> · MSE weight {p.mseWeight.toFixed(3)} · lr {p.lr.toExponential(1)}</span>}
          </p>
          {s.busy && <p className="field-hint">Working: {s.busy}…</p>}
          {p?.message && (
            <p className="worker-error" role="alert" data-testid="train-message">
              {p.message}
            </p>
          )}
          {s.error && (
            <p className="worker-error" role="alert" data-testid="train-error">
              {s.error}
              {notInstalled && ` ${datasetInfo(s.setup.dataset).installHint}`}
              {s.setup.classifier === 'cnn2p' && / model|models\//.test(s.error) && " CNN-2' ships without weights (CIFAR-10 is not available offline): see public/models/cnn2p/card.md."}
            </p>
          )}
          {s.phase !== 'ready' && s.phase !== 'error' && s.phaseNote && <p className="field-hint">{s.phaseNote}</p>}
        </section>
        <Plot name="train-losses" title="Losses" figure={figure} height={260} caption="Reported about 10 times a second; values are read back from the device only then." />
        <section className="plot-section" aria-label="Evaluation">
          <h2 className="plot-title">Evaluation: D, P, C</h2>
          <DpcTable points={s.points} baselines={s.baselines} />
          <SampleCanvas grid={s.grid} />
        </section>
      </div>
    </div>
  );
}
