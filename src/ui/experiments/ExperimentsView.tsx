import { useEffect, useMemo } from 'react';
import { ConfigPanel } from './ConfigPanel';
import type { LiveTrail } from './figures';
import { sourceFromBundle, sourceFromLink, type PlotSource } from './plotData';
import { LinkedPointDetails, PointDetails } from './PointDetails';
import { Fig4Grid, Fig4NotInLink } from './Fig4Grid';
import { linkedTitle } from '../../experiments/linkView';
import { ShippedBanner } from './ShippedBanner';
import { useShippedSweep } from './useShippedSweep';
import { ResumeOffers, SavedPanel } from './SavedPanel';
import { useExperiments } from './store';
import { SweepPanel } from './SweepPanel';
import { SweepPlots } from './SweepPlots';
import { useExperimentLink } from './useExperimentLink';
import { isBusy } from '../../experiments/sweep/runner';
import { conditionalPreset } from '../../experiments/conditionalPresets';
import { SlidePanel } from './slide/SlidePanel';
import { useSlideOverlay } from './slide/useSlideOverlay';
import './experiments.css';
// Registers the worker that slide mode's conditional restorer runs in.
import './slide/registerSlideEngine';
// Registers the training worker as the engine sweeps run on (started on first use).
import './workerEngine';
import { ControlsSheet } from '../phone/ControlsSheet';

const EMPTY: PlotSource = { points: [], baselines: { identity: null, clean: null } };

/**
 * Experiments: alpha/beta/gamma sweeps of the paper's Exp-1 to Exp-5, their
 * points appearing in the Fig. 3 plots as they finish, saved in this
 * browser, shared by link or file.
 */
export function ExperimentsView() {
  const init = useExperiments((s) => s.init);
  const ready = useExperiments((s) => s.ready);
  const bundle = useExperiments((s) => s.bundle);
  const linked = useExperiments((s) => s.linked);
  const sweep = useExperiments((s) => s.sweep);
  const openId = useExperiments((s) => s.openId);
  const message = useExperiments((s) => s.message);
  const say = useExperiments((s) => s.say);
  const saveLinked = useExperiments((s) => s.saveLinked);
  useEffect(() => {
    void init();
  }, [init]);
  useExperimentLink();
  const shipped = useShippedSweep();
  const preset = useExperiments((s) => s.draft.preset);
  const cond = conditionalPreset(preset);
  const slide = useSlideOverlay();

  const source = useMemo(() => (bundle ? sourceFromBundle(bundle) : linked ? sourceFromLink(linked.config, linked.results) : EMPTY), [bundle, linked]);
  // Progress arrives at about 10 Hz and replaces sweep.points each time: the
  // plots depend only on the current point's weights and its trail, so they
  // redraw when an evaluation lands, not ten times a second (four plotly
  // figures, one of them 3-D, would take a core from the training worker).
  const currentWeights = useExperiments((s) => (s.sweep.current === null ? null : (s.sweep.points[s.sweep.current]?.weights ?? null)));
  const live: LiveTrail | null = useMemo(() => {
    if (sweep.experimentId === null || sweep.experimentId !== openId || sweep.current === null || sweep.trail.length === 0 || !currentWeights) return null;
    return { index: sweep.current, weights: currentWeights, trail: sweep.trail };
  }, [sweep.experimentId, sweep.current, sweep.trail, currentWeights, openId]);
  const locked = isBusy(sweep.state);
  // The link's name is text from a URL: it goes into the page only as a text node.
  const title = bundle ? bundle.experiment.name : linked ? linkedTitle(linked.name) : 'No experiment open';

  return (
    <div className="xp-view" data-testid="experiments-view" data-ready={ready ? '1' : '0'}>
      <ControlsSheet className="controls xp-controls" label="Experiment settings" testId="xp-controls">
        <ConfigPanel locked={locked} />
        <SweepPanel />
        <SavedPanel />
      </ControlsSheet>
      <div className="plots">
        <ResumeOffers />
        {message && (
          <p className={message.kind === 'error' ? 'xp-message xp-message-error' : 'xp-message'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="xp-message">
            <span>{message.text}</span>
            {linked && message.kind === 'info' && (
              <button type="button" className="small-button" onClick={() => void saveLinked()} data-testid="xp-save-linked">
                Save in this browser
              </button>
            )}
            <button type="button" className="small-button" onClick={() => say(null)} aria-label="Dismiss">
              ×
            </button>
          </p>
        )}
        <h2 className="xp-title" data-testid="xp-title">
          {title}
        </h2>
        <ShippedBanner outcome={shipped} />
        {cond && <SlidePanel preset={cond.id} />}
        <SweepPlots source={source} live={live} keyId={openId ?? 'link'} slide={cond ? slide : null} />
        {bundle && <Fig4Grid bundle={bundle} />}
        {!bundle && linked && <Fig4NotInLink />}
        {bundle && <PointDetails bundle={bundle} />}
        {!bundle && linked && <LinkedPointDetails linked={linked} />}
      </div>
    </div>
  );
}
