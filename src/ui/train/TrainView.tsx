import { useEffect, useMemo } from 'react';
import { datasetInfo } from '../../data/catalog';
import { Plot } from '../../plots/Plot';
import { useViewAction } from '../help/actions';
import { usePalette } from '../usePalette';
import { BackendBadge } from './BackendBadge';
import { ClassifierBox } from './ClassifierBox';
import { DpcTable } from './DpcTable';
import { canStart, jobChanged, settingsLocked, shownState, type ShownState } from './jobStatus';
import { lossFigure } from './lossFigure';
import { SampleCanvas } from './SampleCanvas';
import { TrainControls } from './TrainControls';
import { useTrainStore, type TrainState } from './trainStore';
import { WeightSliders } from './WeightSliders';
import './train.css';

function fmtEta(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '–';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const STATE_TEXT: Record<ShownState, string> = {
  idle: 'idle',
  running: 'running',
  paused: 'paused',
  stopped: 'stopped',
  done: 'done',
  failed: 'failed',
  evaluating: 'final evaluation',
};

/** After a failed build Start may build again: with no job held, the panel always counts as changed. */
const startReady = (t: Pick<TrainState, 'phase' | 'backend'>) => t.phase === 'ready' || (t.phase === 'error' && t.backend !== null);

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
  // Space (src/ui/help/shortcuts.ts): pause a running job, resume a paused one, else start what Start would.
  useViewAction('playPause', () => {
    const t = useTrainStore.getState();
    const st = shownState(t.progress?.state ?? 'idle', t.finalEvalPending);
    if (t.busy !== null) return;
    if (st === 'running') void t.pause();
    else if (st === 'paused') void t.resume();
    else if (canStart({ ready: startReady(t), busy: false, state: st, changed: jobChanged(t.job, t), invalid: t.invalidFields.length > 0 })) void t.start();
  });
  const figure = useMemo(() => lossFigure(s.history, pal), [s.history, pal]);
  const p = s.progress;
  const state = shownState(p?.state ?? 'idle', s.finalEvalPending);
  const ready = s.phase === 'ready';
  const running = state === 'running';
  const evaluating = state === 'evaluating';
  // The worker is busy with the job: training, or evaluating the last restorer.
  const holding = running || evaluating;
  const busy = s.busy !== null;
  const changed = jobChanged(s.job, s);
  const invalid = s.invalidFields.length > 0;
  const locked = settingsLocked(state) || (s.phase !== 'ready' && s.phase !== 'error');
  const startable = canStart({ ready: startReady(s), busy, state, changed, invalid });
  // The job's own length: the worker's report, else the built job's; never the panel's unbuilt value.
  const total = p?.total ?? s.job?.config.iterations;
  const notInstalled = s.error && /not installed|HTTP 404|missing/.test(s.error);

  return (
    <div className="train-view" data-testid="train-view" data-phase={s.phase} data-state={state}>
      <aside className="controls">
        <BackendBadge report={s.backend} note={s.phaseNote} />
        <WeightSliders value={s.weights} onChange={(w) => s.setWeights(w)} />
        <TrainControls
          setup={s.setup}
          config={s.config}
          locked={locked}
          applyDisabled={!s.backend || locked || busy || invalid}
          changed={changed}
          onSetup={s.setSetup}
          onConfig={s.setConfig}
          onFieldValid={s.setFieldValid}
          onApply={() => void s.apply()}
        />
        <ClassifierBox name={s.setup.classifier} summary={s.classifier} note={s.retrainNote} disabled={!s.data || running || busy} onRetrain={(n) => void s.retrainClassifier(n)} />
      </aside>
      <div className="plots">
        <section className="plot-section train-run" aria-label="Run controls">
          <div className="train-buttons" role="group" aria-label="Run">
            {!running && state !== 'paused' && (
              <button type="button" data-testid="train-start" disabled={!startable} onClick={() => void s.start()}>
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
              <button type="button" data-testid="train-step-restorer" disabled={!ready || holding || busy || invalid || state === 'failed'} onClick={() => void s.step('restorer')}>
                restorer
              </button>
              <button type="button" data-testid="train-step-critic" disabled={!ready || holding || busy || invalid || state === 'failed'} onClick={() => void s.step('critic')}>
                critic
              </button>
              <button type="button" data-testid="train-step-both" disabled={!ready || holding || busy || invalid || state === 'failed'} onClick={() => void s.step('both')}>
                both
              </button>
            </span>
            <button type="button" data-testid="train-stop" disabled={!ready || !(running || state === 'paused')} onClick={() => void s.stop()}>
              Stop
            </button>
            <button type="button" data-testid="train-reset" disabled={!ready || busy || evaluating || invalid} onClick={() => void s.reset()}>
              Reset
            </button>
            <button type="button" data-testid="train-evaluate" disabled={!ready || busy || evaluating || invalid || state === 'failed'} onClick={() => void s.evaluate()}>
              Evaluate
            </button>
            <button type="button" data-testid="train-baselines" disabled={!ready || holding || busy || invalid} onClick={() => void s.computeBaselines()}>
              Baselines
            </button>
          </div>
          {invalid && (
            <p className="field-hint" data-testid="train-invalid">
              Correct the marked settings first.
            </p>
          )}
          <p className="train-progress" data-testid="train-progress" aria-live="off">
            <span>
              {STATE_TEXT[state]} · iteration <strong data-testid="train-iteration">{p?.iteration ?? 0}</strong> / <span data-testid="train-total">{total ?? '–'}</span>
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
        {/* The restored digits first: they are what a first run is for, and they stay above the fold at 1280x720. */}
        <section className="plot-section" aria-label="Evaluation">
          <h2 className="plot-title">Evaluation: D, P, C</h2>
          <SampleCanvas grid={s.grid} />
          <DpcTable points={s.points} baselines={s.baselines} />
        </section>
        <Plot name="train-losses" title="Losses" figure={figure} height={260} caption="Reported about 10 times a second; values are read back from the device only then." />
      </div>
    </div>
  );
}
