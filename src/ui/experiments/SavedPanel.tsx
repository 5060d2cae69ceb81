import { useRef } from 'react';
import { presetById } from '../../experiments';
import { isShippedSweepId, SHIPPED_SWEEPS } from '../../experiments/shipped';
import { isBusy } from '../../experiments/sweep/runner';
import { formatBytes, formatDate } from './format';
import { useExperiments } from './store';

/** Sweeps saved in this browser (IndexedDB): open, continue, export, delete; import a file. */
export function SavedPanel() {
  const saved = useExperiments((s) => s.saved);
  const openId = useExperiments((s) => s.openId);
  const open = useExperiments((s) => s.open);
  const exportExperiment = useExperiments((s) => s.exportExperiment);
  const remove = useExperiments((s) => s.remove);
  const importText = useExperiments((s) => s.importText);
  const busyId = useExperiments((s) => (isBusy(s.sweep.state) && s.sweep.state !== 'waiting' ? s.sweep.experimentId : null));
  const elsewhere = useExperiments((s) => s.elsewhere);
  const storage = useExperiments((s) => s.storage);
  const hidden = useExperiments((s) => s.hiddenShipped);
  const restoreShipped = useExperiments((s) => s.restoreShipped);
  const file = useRef<HTMLInputElement>(null);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    await importText(await f.text(), f.name);
    if (file.current) file.current.value = '';
  };

  return (
    <section className="xp-saved" aria-labelledby="xp-saved-title" data-testid="xp-saved">
      <h2 id="xp-saved-title" className="xp-h">
        Saved in this browser
      </h2>
      {saved.length === 0 && <p className="field-hint">No saved sweeps yet. Every finished point is saved here the moment it finishes.</p>}
      <ul className="xp-saved-list">
        {saved.map((s) => {
          const e = s.experiment;
          const hasWeights = e.config.saveWeights;
          return (
            <li
              key={e.id}
              className={e.id === openId ? 'xp-saved-item xp-open' : 'xp-saved-item'}
              data-testid="xp-saved-item"
              data-id={e.id}
              data-shipped={isShippedSweepId(e.id) ? '1' : undefined}
            >
              <button type="button" className="xp-link xp-saved-name" onClick={() => void open(e.id)} data-testid="xp-open">
                {e.name}
              </button>
              <span className="field-hint">
                {s.done}/{s.total} points{s.failed ? `, ${s.failed} failed` : ''} ·{' '}
                <span data-testid="xp-saved-state">{e.id === busyId ? 'running' : elsewhere.includes(e.id) ? 'running in another tab' : e.sweep}</span> · {formatDate(e.updatedAt)}
              </span>
              <span className="xp-saved-actions">
                <button type="button" className="small-button" onClick={() => void exportExperiment(e.id, false)} data-testid="xp-export">
                  Export
                </button>
                {hasWeights && (
                  <button type="button" className="small-button" onClick={() => void exportExperiment(e.id, true)} data-testid="xp-export-weights">
                    Export with weights
                  </button>
                )}
                <button
                  type="button"
                  className="small-button"
                  onClick={() => {
                    // A shipped sweep is only hidden (it can be shown again below); one's own is gone for good.
                    const points = `${s.done + s.failed} saved point${s.done + s.failed === 1 ? '' : 's'}`;
                    const ask = elsewhere.includes(e.id)
                      ? `“${e.name}” is running in another tab. Delete it and its ${points}? That tab stops it first.`
                      : `Delete “${e.name}” and its ${points}?`;
                    if (isShippedSweepId(e.id) || window.confirm(ask)) void remove(e.id);
                  }}
                  data-testid="xp-delete"
                >
                  {isShippedSweepId(e.id) ? 'Hide' : 'Delete'}
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {storage && storage.quota > 0 && (
        <p className="field-hint" data-testid="xp-storage">
          This site stores {formatBytes(storage.usage)} of the {formatBytes(storage.quota)} this browser allows it ({((100 * storage.usage) / storage.quota).toFixed(storage.usage / storage.quota < 0.1 ? 1 : 0)}%).
        </p>
      )}
      {hidden.length > 0 && (
        <details className="xp-hidden-shipped" data-testid="xp-hidden-shipped">
          <summary>Hidden shipped sweeps ({hidden.length})</summary>
          <ul className="xp-saved-list">
            {SHIPPED_SWEEPS.filter((x) => hidden.includes(x.id)).map((x) => (
              <li key={x.id} className="xp-saved-item">
                <span>{presetById(x.preset)?.label ?? x.preset}</span>
                <button type="button" className="small-button" onClick={() => void restoreShipped(x.id)} data-testid="xp-restore-hidden">
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
      <label className="small-button xp-import">
        Import experiment file…
        <input ref={file} type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="xp-import" />
      </label>
    </section>
  );
}

/** Sweeps cut off by a reload, crash or closed tab, offered for resume. */
export function ResumeOffers() {
  const offered = useExperiments((s) => s.offered);
  const resumeSweep = useExperiments((s) => s.resumeSweep);
  const open = useExperiments((s) => s.open);
  const dismiss = useExperiments((s) => s.dismissOffer);
  if (offered.length === 0) return null;
  return (
    <div className="xp-offers" role="region" aria-label="Interrupted sweeps" data-testid="xp-offers">
      {offered.map((o) => (
        <p key={o.experiment.id} className="xp-offer" data-testid="xp-offer">
          <span>
            “{o.experiment.name}” stopped with {o.done} of {o.total} points saved ({o.experiment.sweep}).
          </span>
          <button type="button" className="small-button xp-primary" onClick={() => void resumeSweep(o.experiment.id)} data-testid="xp-offer-resume">
            Resume
          </button>
          <button type="button" className="small-button" onClick={() => void open(o.experiment.id)}>
            Show
          </button>
          <button type="button" className="small-button" onClick={() => dismiss(o.experiment.id)} aria-label="Dismiss">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
