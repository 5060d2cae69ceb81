import { useMemo } from 'react';
import { fmt } from '../../plots/format';
import { Plot } from '../../plots/Plot';
import { expandWeights, formatWeights, type ExperimentBundle, type PointRecord } from '../../experiments';
import { usePalette } from '../usePalette';
import { formatDuration, formatWithSe } from './format';
import { lossFigure } from './lossFigure';
import { useExperiments, type LinkedResults } from './store';
import { ThumbGrid } from './ThumbGrid';

function PointCard({ p, label, experimentId }: { p: PointRecord; label: string; experimentId: string }) {
  const pal = usePalette();
  const togglePin = useExperiments((s) => s.togglePin);
  const pinned = useExperiments((s) => s.pinned.includes(p.index));
  const fig = useMemo(() => lossFigure(p.history, pal, `${experimentId}:${p.index}`), [p, pal, experimentId]);
  const m = p.metrics;
  return (
    <article className="xp-point" data-testid={`xp-point-${label}`} data-index={p.index}>
      <header className="xp-point-head">
        <h4 className="xp-h">
          {label}: point {p.index + 1}, {formatWeights(p.weights)}
        </h4>
        <button type="button" className="small-button" onClick={() => togglePin(p.index)} data-testid={`xp-pin-${label}`}>
          {pinned ? 'Unpin' : 'Pin to compare'}
        </button>
      </header>
      {m ? (
        <dl className="readouts readouts-row">
          <div className="readout">
            <dt>D (MSE)</dt>
            <dd>{fmt(m.D, 4)}</dd>
          </div>
          <div className="readout">
            <dt>P (eval. critic)</dt>
            <dd data-testid={`xp-point-P-${label}`} title={m.Pse != null ? 'standard error: test images given the critic, and the critic’s seed-to-seed spread' : undefined}>
              {formatWithSe(m.P, m.Pse)}
            </dd>
          </div>
          <div className="readout">
            <dt>C (error)</dt>
            <dd data-testid={`xp-point-C-${label}`} title={m.Cse != null ? `binomial standard error over ${m.n ?? 'the'} test images` : undefined}>
              {formatWithSe(m.C, m.Cse)}
            </dd>
          </div>
          <div className="readout">
            <dt>P (training critic)</dt>
            <dd>{fmt(m.Ptrain, 4)}</dd>
          </div>
          <div className="readout">
            <dt>Time</dt>
            <dd>{formatDuration(p.seconds)}</dd>
          </div>
        </dl>
      ) : (
        <p className="xp-error">Failed: {p.reason}</p>
      )}
      {p.thumbnails ? <ThumbGrid t={p.thumbnails} testId={`xp-thumbs-${label}`} /> : <p className="field-hint">No sample images saved for this point.</p>}
      {p.history.iteration.length > 0 && <Plot name={`xp-loss-${label}`} title="Loss curves" figure={fig} height={200} />}
    </article>
  );
}

/** The clicked point, and the two pinned points side by side. */
export function PointDetails({ bundle }: { bundle: ExperimentBundle }) {
  const selected = useExperiments((s) => s.selected);
  const pinned = useExperiments((s) => s.pinned);
  const select = useExperiments((s) => s.select);
  const byIndex = new Map(bundle.points.map((p) => [p.index, p]));
  const sel = selected !== null ? byIndex.get(selected) : undefined;
  const pins = pinned.map((i) => byIndex.get(i)).filter((p): p is PointRecord => p !== undefined);
  if (!sel && pins.length === 0) return null;
  return (
    <section className="xp-details-area" aria-label="Point details">
      {sel && !pinned.includes(sel.index) && (
        <div className="xp-selected">
          <button type="button" className="small-button xp-close" onClick={() => select(null)} aria-label="Close">
            ×
          </button>
          <PointCard p={sel} label="selected" experimentId={bundle.experiment.id} />
        </div>
      )}
      {pins.length > 0 && (
        <div className="xp-compare" data-testid="xp-compare">
          {pins.map((p, k) => (
            <PointCard key={p.index} p={p} label={k === 0 ? 'A' : 'B'} experimentId={bundle.experiment.id} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * The clicked point of results that came in a link: its weights and rounded
 * D/P/C are all a link holds (no samples, no loss curves, nothing to pin).
 */
export function LinkedPointDetails({ linked }: { linked: LinkedResults }) {
  const selected = useExperiments((s) => s.selected);
  const select = useExperiments((s) => s.select);
  const weights = useMemo(() => expandWeights(linked.config.weights), [linked.config]);
  const p = selected !== null ? linked.results.points.find((q) => q.index === selected) : undefined;
  const w = selected !== null ? weights[selected] : undefined;
  if (selected === null || !w) return null;
  return (
    <section className="xp-details-area" aria-label="Point details">
      <div className="xp-selected">
        <button type="button" className="small-button xp-close" onClick={() => select(null)} aria-label="Close">
          ×
        </button>
        <article className="xp-point" data-testid="xp-point-selected" data-index={selected}>
          <header className="xp-point-head">
            <h4 className="xp-h">
              selected: point {selected + 1}, {formatWeights(w)}
            </h4>
          </header>
          {p ? (
            <dl className="readouts readouts-row">
              <div className="readout">
                <dt>D (MSE)</dt>
                <dd>{fmt(p.D, 4)}</dd>
              </div>
              <div className="readout">
                <dt>P (eval. critic)</dt>
                <dd data-testid="xp-point-P-selected">{p.P === null ? 'not measured' : fmt(p.P, 4)}</dd>
              </div>
              <div className="readout">
                <dt>C (error)</dt>
                <dd data-testid="xp-point-C-selected">{fmt(p.C, 4)}</dd>
              </div>
            </dl>
          ) : (
            <p className="field-hint">This point has no results in the link.</p>
          )}
          <p className="field-hint">Sample images and loss curves are not in links; its values are rounded to 4 significant digits.</p>
        </article>
      </div>
    </section>
  );
}
