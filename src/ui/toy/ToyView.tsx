import { useMemo, type ReactNode } from 'react';
import { toyPoint } from '../../math';
import { useToyStore } from '../../state';
import { timed } from '../timing';
import { BlauIntro, CdpIntro, ToyIntro, WeightsIntro } from './Explainer';
import { DIV_PLOT, perceptionOf } from './divergenceText';
import { BlauDiscretePlot, BlauPdPlot } from './plots/BlauPlots';
import { CurvesPlot, currentCriteria } from './plots/CurvesPlot';
import { DensitiesPlot } from './plots/DensitiesPlot';
import { ProfilesPlots } from './plots/ProfilesPlots';
import { HullSummary, SurfacePlots } from './plots/SurfacePlots';
import { ControlsSheet } from '../phone/ControlsSheet';
import { ToyControls } from './ToyControls';
import { useToyParams } from './useToyParams';
import { useToyWorker } from './useToyWorker';

interface ToyViewProps {
  /**
   * The exact-bound section (src/ui/exact): rendered right after the C_lin
   * plots, which it is compared with.
   */
  exactSection?: ReactNode;
  /** Shown at the top of the control column (the guided tour's card). */
  lead?: ReactNode;
}

/** The landing view: controls on the left, the six plot groups on the right. */
export function ToyView({ exactSection, lead }: ToyViewProps) {
  const params = useToyParams();
  const div = useToyStore((s) => s.div);
  const a = useToyStore((s) => s.a);
  const D = useToyStore((s) => s.D);
  const P = useToyStore((s) => s.P);
  const alpha = useToyStore((s) => s.alpha);
  const beta = useToyStore((s) => s.beta);
  const gamma = useToyStore((s) => s.gamma);
  const weights = useMemo(() => ({ alpha, beta, gamma }), [alpha, beta, gamma]);

  // Cheap and synchronous: the readouts of the current a follow the slider with no lag.
  const point = useMemo(() => timed('toy:point', () => toyPoint(params, a)), [params, a]);
  const perception = perceptionOf(point, div);
  const current = useMemo(() => currentCriteria(point, perception), [point, perception]);

  // Heavy: curves, surface and the constrained solve, in the worker.
  const { result, answered, error } = useToyWorker(params, div, D, P, weights);
  const modelFresh = answered !== null && answered.div === div && answered.params === params;
  const pointFresh = modelFresh && answered.D === D && answered.P === P;
  const weightedFresh = modelFresh && answered.weights === weights;
  const weighted = result?.weighted ?? null;
  const constrained = result?.point ?? null;
  const cAtPoint = constrained && constrained.c !== null && Number.isFinite(constrained.c) ? constrained.c : null;
  // The worker's div may lag the selector by one answer: label axes by what is drawn.
  const drawnDiv = answered?.div ?? div;
  const pTitle = `P = ${DIV_PLOT[drawnDiv]}`;

  return (
    <div className="toy-view">
      <ControlsSheet className="controls" label="Toy controls" testId="toy-controls">
        {lead}
        <ToyControls
          point={point}
          perception={perception}
          constrained={constrained}
          stale={!pointFresh}
          weighted={weighted}
          weightedStale={!weightedFresh}
        />
        {error && (
          <p className="worker-error" role="alert">
            Computation failed: {error}
          </p>
        )}
      </ControlsSheet>
      <div className="plots" aria-busy={!modelFresh || undefined}>
        <section className="plot-section" aria-labelledby="toy-sec-1">
          <h2 id="toy-sec-1">The toy and the three criteria</h2>
          <ToyIntro div={div} />
          <div className="plot-grid">
            <DensitiesPlot params={params} a={a} />
            <CurvesPlot
              curves={result?.model.curves ?? null}
              current={current}
              D={D}
              P={P}
              feasible={constrained?.feasible ?? null}
              pTitle={DIV_PLOT[drawnDiv]}
            />
          </div>
        </section>

        <section className="plot-section" aria-labelledby="toy-sec-2">
          <h2 id="toy-sec-2">The CDP function of the linear family</h2>
          <CdpIntro />
          <WeightsIntro />
          <div className="plot-grid">
            <SurfacePlots
              surface={result?.model.surface ?? null}
              D={D}
              P={P}
              cAtPoint={cAtPoint}
              pTitle={pTitle}
              weighted={weighted}
              hull={result?.model.hull ?? null}
            />
            <ProfilesPlots surface={result?.model.surface ?? null} D={D} P={P} pTitle={pTitle} />
          </div>
          <HullSummary hull={result?.model.hull ?? null} surface={result?.model.surface ?? null} />
        </section>

        {/* Exact bound (LP over all restorers on a grid) goes here, next to the linear family it bounds. */}
        {exactSection}

        <section className="plot-section" aria-labelledby="toy-sec-3">
          <h2 id="toy-sec-3">Perception and distortion (Blau &amp; Michaeli)</h2>
          <BlauIntro />
          <div className="plot-grid">
            <BlauPdPlot />
            <BlauDiscretePlot />
          </div>
        </section>
      </div>
    </div>
  );
}
