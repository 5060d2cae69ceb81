import { useEffect } from 'react';
import { conditionalPreset, type CondPresetId } from '../../../experiments/conditionalPresets';
import { fmt } from '../../../plots/format';
import { useSlide } from '../slide/slideStore';
import { useOwn } from './ownStore';

/**
 * "Train your own" in slide mode: train the preset's conditional restorer
 * here, with progress, pause and resume (reload-safe), then slide over it
 * while its dense grid is evaluated in the background. Render and dispatch
 * only: the store (ownStore.ts) and the runner (src/experiments/own) do the work.
 */

function duration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '…';
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  return `${(s / 60).toFixed(1)} min`;
}

export function TrainOwnPanel({ preset }: { preset: CondPresetId }) {
  const cp = conditionalPreset(preset)!;
  const own = useOwn((s) => s.own);
  const error = useOwn((s) => s.error);
  const source = useSlide((s) => s.source.kind);
  const slideStatus = useSlide((s) => s.status);
  const { show, start, pause, resume, discard, slideYours } = useOwn.getState();

  useEffect(() => {
    void show(preset);
  }, [preset, show]);

  const run = own.run && own.run.preset === preset ? own.run : null;
  const training = run?.phase === 'training';
  const trained = run !== null && run.phase !== 'training';
  const evaluated = run ? own.points.length : 0;
  const gridSize = run?.order.length ?? 0;
  const working = own.activity === 'training' || own.activity === 'evaluating';
  const canResume = run !== null && run.phase !== 'done' && (run.state === 'paused' || run.state === 'interrupted' || run.state === 'failed' || own.activity === 'pausing') && own.activity !== 'training' && own.activity !== 'evaluating';
  const iteration = own.activity === 'training' ? own.iteration : (run?.iteration ?? 0);

  return (
    <section
      className="own-panel"
      aria-label="Train your own conditional model"
      data-testid="own-panel"
      data-phase={run?.phase ?? 'none'}
      data-state={run?.state ?? 'none'}
      data-activity={own.activity}
      data-iteration={iteration}
      data-evaluated={evaluated}
    >
      <h4 className="xp-h own-h">Train your own</h4>
      {!run && (
        <>
          <p className="field-hint">
            Train this preset’s conditional restorer here, in your browser: {cp.iterations.toLocaleString('en-US')} iterations from the shipped MSE warm start, as the shipped model
            was trained; then its dense grid of {cp.grid.beta.length * cp.grid.gamma.length} points is evaluated in the background (about 15 s a point), and the sliders can
            drive your model as soon as it is trained.
          </p>
          <button type="button" className="small-button xp-primary" onClick={() => void start(preset)} data-testid="own-start">
            Start training
          </button>
        </>
      )}
      {run && training && (
        <div className="own-progress">
          <progress max={run.total} value={iteration} data-testid="own-progress" aria-label="Training progress" />
          <p className="field-hint" role="status" data-testid="own-status">
            {own.activity === 'training'
              ? `Training: iteration ${iteration} of ${run.total}${own.itersPerSecond > 0 ? `, ${fmt(own.itersPerSecond, 2)} it/s, about ${duration(own.etaSeconds)} left` : ', starting…'}.`
              : run.state === 'paused'
                ? `Paused at iteration ${run.iteration} of ${run.total}.`
                : run.state === 'interrupted'
                  ? `Interrupted (the page was closed or reloaded): the last checkpoint is at iteration ${run.iteration} of ${run.total}.`
                  : run.state === 'failed'
                    ? `Stopped at the last checkpoint, iteration ${run.iteration} of ${run.total}.`
                    : `Iteration ${run.iteration} of ${run.total}.`}
          </p>
          <p className="field-hint">
            A checkpoint is saved every {run.checkpointEvery} iterations and on pause; Resume continues from it after a reload, exactly as if the run had not stopped
            (weights, the optimiser’s state and the batch order all resume).
          </p>
        </div>
      )}
      {run && trained && (
        <div className="own-progress">
          <progress max={gridSize} value={evaluated} data-testid="own-eval-progress" aria-label="Dense grid evaluation progress" />
          <p className="field-hint" role="status" data-testid="own-eval-status">
            Your model is trained ({run.total.toLocaleString('en-US')} iterations in {duration(run.trainSeconds)}). Dense grid: {evaluated} of {gridSize} points evaluated
            {own.activity === 'evaluating' ? `, about ${duration(own.evalEtaSeconds)} left` : ''}
            {own.activity === 'pausing' ? ', pausing after the point in progress' : ''}
            {run.state === 'paused' && own.activity === 'idle' ? ', paused' : ''}
            {run.state === 'interrupted' ? ', interrupted: Resume continues at the first point not evaluated' : ''}.
          </p>
        </div>
      )}
      <div className="own-buttons">
        {working && (
          <button type="button" className="small-button" onClick={() => void pause()} data-testid="own-pause">
            Pause
          </button>
        )}
        {canResume && (
          <button type="button" className="small-button xp-primary" onClick={() => void resume()} data-testid="own-resume">
            Resume
          </button>
        )}
        {run && (
          <button
            type="button"
            className="small-button"
            onClick={() => {
              if (globalThis.confirm?.('Delete your model, its checkpoint and its evaluated points from this browser?') ?? true) void discard();
            }}
            data-testid="own-discard"
          >
            Discard
          </button>
        )}
      </div>
      {trained && (
        <fieldset className="own-source" data-testid="own-source" data-source={source}>
          <legend className="field-label">The sliders drive</legend>
          <label>
            <input type="radio" name={`own-source-${preset}`} checked={source === 'shipped'} onChange={() => void slideYours(false)} data-testid="own-source-shipped" /> the shipped model
          </label>
          <label>
            <input
              type="radio"
              name={`own-source-${preset}`}
              checked={source === 'own'}
              disabled={slideStatus === 'loading'}
              onChange={() => void slideYours(true)}
              data-testid="own-source-yours"
            />{' '}
            yours (readouts from the {evaluated} point{evaluated === 1 ? '' : 's'} evaluated so far)
          </label>
        </fieldset>
      )}
      {own.message && (
        <p className="xp-message xp-message-error" role="alert" data-testid="own-message">
          {own.message}
        </p>
      )}
      {own.note && (
        <p className="xp-message" role="status" data-testid="own-note">
          {own.note}
        </p>
      )}
      {error && (
        <p className="xp-message xp-message-error" role="alert" data-testid="own-error">
          {error}
        </p>
      )}
    </section>
  );
}
