import { anyInvalid, useFieldValidity } from '../controls/fieldValidity';
import { checkConfig, formatWeights, pointCount } from '../../experiments';
import { isBusy, type PointStatus } from '../../experiments/sweep/runner';
import { backendLabel } from '../../workers/wasmThreads';
import { useEngineBackend } from './engineBackend';
import { formatDuration } from './format';
import { hasSweepEngine } from './services';
import { useExperiments } from './store';

const STATUS_TEXT: Record<PointStatus, string> = {
  queued: 'queued',
  warming: 'warm start',
  training: 'training',
  evaluating: 'evaluating',
  done: 'done',
  failed: 'failed',
};

/** Start, pause, resume, cancel; progress of the point and of the sweep; ETA; status per point. */
export function SweepPanel() {
  const sweep = useExperiments((s) => s.sweep);
  const draft = useExperiments((s) => s.draft);
  const openId = useExperiments((s) => s.openId);
  const startSweep = useExperiments((s) => s.startSweep);
  const pause = useExperiments((s) => s.pause);
  const resume = useExperiments((s) => s.resume);
  const cancel = useExperiments((s) => s.cancel);
  const resumeSweep = useExperiments((s) => s.resumeSweep);
  const bundle = useExperiments((s) => s.bundle);
  const select = useExperiments((s) => s.select);
  const backend = useEngineBackend((s) => s.report);
  const lockedElsewhere = useExperiments((s) => s.lockedElsewhere);
  const continueLocked = useExperiments((s) => s.continueLocked);

  const busy = isBusy(sweep.state);
  // A box holding text it cannot commit: the draft is not what the panel shows.
  const boxesInvalid = useFieldValidity((s) => anyInvalid(s.invalid, 'xp-'));
  const valid = checkConfig(draft).ok && !boxesInvalid;
  const engine = hasSweepEngine();
  const mine = sweep.experimentId !== null && sweep.experimentId === openId;
  const unfinished = bundle && !busy && bundle.points.length < pointCount(bundle.experiment.config.weights);
  const current = sweep.current !== null ? sweep.points[sweep.current] : null;

  return (
    <section className="xp-sweep" aria-label="Sweep" data-testid="xp-sweep">
      <div className="xp-buttons">
        {!busy && (
          <button type="button" className="small-button xp-primary" disabled={!valid || !engine} onClick={() => void startSweep()} data-testid="xp-start">
            Run new sweep ({pointCount(draft.weights)} points)
          </button>
        )}
        {!busy && boxesInvalid && (
          <span className="field-hint" data-testid="xp-fix-fields">
            Correct the marked settings first.
          </span>
        )}
        {!busy && unfinished && bundle && (
          <button type="button" className="small-button" disabled={!engine} onClick={() => void resumeSweep(bundle.experiment.id)} data-testid="xp-continue">
            Continue this sweep
          </button>
        )}
        {sweep.state === 'running' && (
          <button type="button" className="small-button" onClick={() => void pause()} data-testid="xp-pause">
            Pause
          </button>
        )}
        {sweep.state === 'paused' && (
          <button type="button" className="small-button" onClick={() => void resume()} data-testid="xp-resume">
            Resume
          </button>
        )}
        {busy && (
          <button type="button" className="small-button" onClick={() => void cancel()} data-testid="xp-cancel">
            Cancel
          </button>
        )}
      </div>
      {lockedElsewhere !== null && !busy && (
        <div className="field-hint xp-error" role="alert" data-testid="xp-locked-elsewhere">
          <p>This sweep is running in another tab of this browser. Wait for that tab to finish, cancel or close it, or take it over (that tab stops and keeps what it saved).</p>
          <button type="button" className="small-button" onClick={() => void continueLocked('wait')} data-testid="xp-locked-wait">
            Wait for it
          </button>{' '}
          <button type="button" className="small-button" onClick={() => void continueLocked('take')} data-testid="xp-locked-take">
            Take over
          </button>{' '}
          <button type="button" className="small-button" onClick={() => void continueLocked('drop')}>
            Never mind
          </button>
        </div>
      )}
      {backend && (
        <p className="field-hint" data-testid="xp-backend" data-backend={backend.active} data-threads={backend.threads?.threads} title={backend.threads?.note}>
          Training on {backendLabel(backend)}
        </p>
      )}
      {!engine && <p className="field-hint">Training is not available in this build: saved, imported and linked sweeps can be viewed.</p>}
      {sweep.message && (
        <p className={sweep.state === 'failed' ? 'field-hint xp-error' : 'field-hint'} role="status" data-testid="xp-sweep-message">
          {sweep.message}
        </p>
      )}
      {(busy || sweep.state === 'done' || sweep.state === 'cancelled') && mine && sweep.state !== 'waiting' && (
        <div className="xp-progress" data-testid="xp-progress" data-state={sweep.state}>
          <label>
            <span className="field-label">
              Point {current ? `${current.index + 1}: ${formatWeights(current.weights)}` : ''} {current ? `(${STATUS_TEXT[current.status]}, iteration ${current.iteration} of ${current.total})` : ''}
            </span>
            <progress max={1} value={sweep.pointProgress} data-testid="xp-point-progress" />
          </label>
          <label>
            <span className="field-label">
              Sweep: {sweep.points.filter((p) => p.status === 'done' || p.status === 'failed').length} of {sweep.points.length} points ·{' '}
              {sweep.state === 'paused' ? 'paused' : sweep.state === 'running' ? `ETA ${formatDuration(sweep.etaSeconds)}` : sweep.state}
              {sweep.itersPerSecond > 0 && sweep.state === 'running' ? ` · ${sweep.itersPerSecond.toFixed(2)} it/s` : ''}
            </span>
            <progress max={1} value={sweep.sweepProgress} data-testid="xp-sweep-progress" />
          </label>
        </div>
      )}
      {mine && sweep.points.length > 0 && (
        <ol className="xp-status-list" data-testid="xp-points-list">
          {sweep.points.map((p) => (
            <li key={p.index} className={`xp-status xp-status-${p.status}`} data-testid={`xp-status-${p.index}`} data-status={p.status}>
              <button type="button" className="xp-link" onClick={() => select(p.index)} disabled={p.status !== 'done'}>
                {formatWeights(p.weights)}
              </button>{' '}
              <span className="xp-status-text">{STATUS_TEXT[p.status]}</span>
              {p.reason && <span className="xp-reason">: {p.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
