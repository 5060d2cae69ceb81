import { useMemo } from 'react';
import { fmt } from '../../../plots/format';
import type { WeightedResult } from '../../../math/weighted';
import { surface3dFigure, surfaceContourFigure, type SurfaceSeries } from '../../../plots/figures/surface';
import { Plot } from '../../../plots/Plot';
import type { ToyModelResult } from '../../../workers/toyProtocol';
import { usePalette } from '../../usePalette';
import { useSettled } from '../../useSettled';
import { HeldNote, useDragHold } from './dragHold';

const SETTLE_MS = 250;

interface Props {
  surface: ToyModelResult['surface'] | null;
  D: number;
  P: number;
  /** C_lin(D, P) from the worker; null while unknown or infeasible. */
  cAtPoint: number | null;
  pTitle: string;
  /** The restorer minimising alpha D + beta P + gamma C (null: none, all weights 0). */
  weighted: WeightedResult | null;
  /** Height of the surface above its convex hull, from the worker. */
  hull: ToyModelResult['hull'] | null;
}

export function SurfacePlots({ surface, D, P, cAtPoint, pTitle, weighted, hull }: Props) {
  const pal = usePalette();
  const wd = weighted?.d ?? null;
  const wp = weighted?.p ?? null;
  const wc = weighted?.c ?? null;
  // Only the three numbers enter the figure, so a new answer with the same point redraws nothing.
  const marker = useMemo(() => (wd !== null && wp !== null && wc !== null ? { d: wd, p: wp, c: wc } : null), [wd, wp, wc]);
  const series: SurfaceSeries | null = useMemo(
    () => (surface ? { ...surface, D, P, cAtPoint, pTitle, weighted: marker, hull: hull ? { gap: hull.gap, tol: hull.tol } : null } : null),
    [surface, D, P, cAtPoint, pTitle, marker, hull],
  );
  // While a slider is dragged (pointer held, or an arrow key repeating) both
  // plots keep what they showed before it: a WebGL redraw costs up to a second
  // on software GL (headless Chromium, machines without a GPU), a contour
  // redraw 50-300 ms on a busy laptop, and either one blocks the main thread
  // long enough to stall the drag itself. After the drag the contour follows
  // at once and the 3D view after a pause (keys and typing too).
  // The first surface shows at once.
  const { shown: held, held: stale, dragging } = useDragHold(series);
  const series3d = useSettled(held, SETTLE_MS, (a, b) => a !== null && b !== null);
  const fig3d = useMemo(() => (series3d ? surface3dFigure(series3d, pal) : null), [series3d, pal]);
  const figContour = useMemo(() => (held ? surfaceContourFigure(held, pal) : null), [held, pal]);
  // The constraint point moves over the held map as an overlay (no redraw), so a D or P drag still shows where it is.
  const moved = dragging && held !== null && (held.D !== D || held.P !== P);
  const live = useMemo(() => (moved ? { x: D, y: P, label: '(D, P)', color: pal.marker } : null), [moved, D, P, pal.marker]);
  return (
    <>
      <Plot
        name="surface-3d"
        title={
          <>
            C_lin(D, P), 3D
            <HeldNote name="surface-3d" held={stale} />
          </>
        }
        figure={fig3d}
        height={320}
        caption="Drag to rotate. The grey floor marks (D, P) no linear restorer meets; the dot is the current (D, P); the diamond the minimiser of αD + βP + γC; green: points no weighted sum reaches."
      />
      <Plot
        name="surface-contour"
        title={
          <>
            C_lin(D, P), contour map
            <HeldNote name="surface-contour" held={stale} />
          </>
        }
        figure={figContour}
        live={live}
        height={320}
        caption="Iso-error lines of C_lin; grey: infeasible. The ring is (D, P) (a cross when infeasible); the diamond the minimiser of αD + βP + γC; green: above the convex hull."
      />
    </>
  );
}

/** One line on how far the surface rises above its convex hull (what weighted sums miss). */
export function HullSummary({ hull, surface }: { hull: ToyModelResult['hull'] | null; surface: ToyModelResult['surface'] | null }) {
  let text = '…';
  if (hull && surface) {
    const m = hull.max;
    if (!m || hull.above === 0) {
      text = `Here C_lin is its own convex hull (largest height above it ${fmt(m?.value ?? 0, 2)}, under ${fmt(hull.tol, 1)}): every point of the surface is the minimiser of some weighted sum.`;
    } else {
      text =
        `${hull.above} of ${hull.feasible} feasible (D, P) cells lie above the convex hull by more than ${fmt(hull.tol, 1)} (green); ` +
        `the largest height is ${fmt(m.value, 2)} at D = ${fmt(surface.d[m.i], 3)}, P = ${fmt(surface.p[m.j], 3)}. No weights reach them.`;
    }
  }
  return (
    <p className="field-hint hull-summary" data-testid="hull-summary">
      {text}
    </p>
  );
}
