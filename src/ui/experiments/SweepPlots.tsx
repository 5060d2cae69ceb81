import { useContext, useMemo, useRef } from 'react';
import { Plot } from '../../plots/Plot';
import { PlotScaleContext } from '../../plots/scale';
import { usePalette } from '../usePalette';
import { useSettled } from '../useSettled';
import type { LiveMarker } from '../../plots/liveMarker';
import { pairFigure, PAIRS, scatter3dFigure, type LiveTrail, type PairId, type SlideMarker, type SlideOverlay, type SweepFigureInput } from './figures';
import type { PlotSource } from './plotData';
import { useExperiments } from './store';

const CAPTIONS: Record<PairId, string> = {
  pd: 'Fig. 3 (a): each point is one trained restorer. Dotted curves join points of about equal C; when C is large P and D trade off, and lower C lifts the curve.',
  cp: 'Fig. 3 (b): classification error against perception, colour = distortion; dotted curves join points of about equal D.',
  cd: 'Fig. 3 (c): classification error against distortion, colour = perception; dotted curves join points of about equal P.',
};

function onClickIndex(select: (i: number) => void) {
  return (cd: unknown) => {
    if (Array.isArray(cd) && typeof cd[0] === 'number') select(cd[0]);
  };
}

function liveMarkerOn(id: PairId, m: SlideMarker | null, color: string): LiveMarker | null {
  if (!m) return null;
  const { x, y } = PAIRS[id];
  const v = (a: 'D' | 'P' | 'C') => (a === 'D' ? m.D : a === 'P' ? m.P : m.C);
  return { x: v(x), y: v(y), label: `Slider: ${m.label}`, color };
}

/** The Fig. 3 trio and the 3-D scatter of the sweep shown. */
export function SweepPlots({ source, live, keyId, slide = null }: { source: PlotSource; live: LiveTrail | null; keyId: string; slide?: SlideOverlay | null }) {
  const pal = usePalette();
  // Larger type (presentation mode) stacks the legend rows higher: give the plot area that room back.
  const height = Math.round(300 * Math.max(1, useContext(PlotScaleContext).font * 0.9));
  const onlyAdmissible = useExperiments((s) => s.onlyAdmissible);
  const setOnlyAdmissible = useExperiments((s) => s.setOnlyAdmissible);
  const pinned = useExperiments((s) => s.pinned);
  const select = useExperiments((s) => s.select);

  // The 3-D plot redraws a WebGL scene per update (hundreds of ms without a
  // GPU): while a slider moves only the 2-D rings follow at once, and the 3-D
  // ring follows when the slider rests (a new dense family passes at once).
  const slide3d = useSettled(slide, 250, (a, b) => a !== null && b !== null && a.family === b.family);
  // The 2-D plots draw the slider's ring over the chart (Plot's live marker):
  // their figures hold the dense family only and stay the same object while
  // the slider moves, so a move costs no Plotly redraw.
  const markerRef = useRef<SlideMarker | null>(null);
  markerRef.current = slide?.marker ?? null;
  const family = slide?.family ?? null;
  const slide2d: SlideOverlay | null = useMemo(() => (family ? { family, marker: null, liveMarker: markerRef } : null), [family]);
  const base = useMemo(() => ({ key: keyId, points: source.points, baselines: source.baselines, live, onlyAdmissible, pinned }), [keyId, source, live, onlyAdmissible, pinned]);
  const input: SweepFigureInput = useMemo(() => ({ ...base, slide: slide2d }), [base, slide2d]);
  const input3d: SweepFigureInput = useMemo(() => ({ ...base, slide: slide3d }), [base, slide3d]);
  const pairs = useMemo(() => ({ pd: pairFigure('pd', input, pal), cp: pairFigure('cp', input, pal), cd: pairFigure('cd', input, pal) }), [input, pal]);
  const d3 = useMemo(() => scatter3dFigure(input3d, pal), [input3d, pal]);
  const figs = useMemo(() => ({ ...pairs, d3 }), [pairs, d3]);
  const nAdm = source.points.filter((p) => p.admissible).length;
  const click = onClickIndex(select);

  return (
    <section className="xp-plots" aria-label="Sweep plots" data-testid="xp-plots">
      <div className="xp-plot-bar">
        <label className="xp-check">
          <input type="checkbox" checked={onlyAdmissible} onChange={(e) => setOnlyAdmissible(e.target.checked)} data-testid="xp-only-admissible" /> Only admissible
          points
        </label>
        <span className="field-hint" data-testid="xp-counts" data-points={source.points.length} data-admissible={nAdm}>
          {source.points.length} finished point{source.points.length === 1 ? '' : 's'}, {nAdm} admissible (not dominated in D, P and C together; Blau &amp;
          Michaeli Def. 2-3). Click a point for its samples and loss curves.
        </span>
      </div>
      <div className="plot-grid xp-plot-grid">
        {(Object.keys(PAIRS) as PairId[]).map((id) => (
          <Plot
            key={id}
            name={`xp-${id}`}
            title={PAIRS[id].title}
            figure={figs[id]}
            height={height}
            caption={CAPTIONS[id]}
            onPointClick={click}
            live={liveMarkerOn(id, slide?.marker ?? null, pal.xhat)}
          />
        ))}
        <Plot
          name="xp-3d"
          title="P, D and C together"
          figure={figs.d3}
          height={height}
          caption="Admissible points are diamonds; the orange line is the point in training."
          onPointClick={click}
        />
      </div>
    </section>
  );
}
