import { useMemo } from 'react';
import { surface3dFigure, surfaceContourFigure, type SurfaceSeries } from '../../../plots/figures/surface';
import { Plot } from '../../../plots/Plot';
import type { ToyModelResult } from '../../../workers/toyProtocol';
import { usePalette } from '../../usePalette';
import { useHeld, useSettled } from '../../useSettled';
import { useSliderDrag } from '../../useSliderDrag';

const SETTLE_MS = 250;

interface Props {
  surface: ToyModelResult['surface'] | null;
  D: number;
  P: number;
  /** C_lin(D, P) from the worker; null while unknown or infeasible. */
  cAtPoint: number | null;
  pTitle: string;
}

export function SurfacePlots({ surface, D, P, cAtPoint, pTitle }: Props) {
  const pal = usePalette();
  const series: SurfaceSeries | null = useMemo(
    () => (surface ? { ...surface, D, P, cAtPoint, pTitle } : null),
    [surface, D, P, cAtPoint, pTitle],
  );
  // Every WebGL redraw of the scene costs up to a second on software GL
  // (headless Chromium, machines without a GPU): while a slider is held the
  // 3D view waits, and otherwise (keys, typing) it follows after a pause.
  // The first surface shows at once.
  const dragging = useSliderDrag();
  const held = useHeld(series, dragging);
  const series3d = useSettled(held, SETTLE_MS, (a, b) => a !== null && b !== null);
  const fig3d = useMemo(() => (series3d ? surface3dFigure(series3d, pal) : null), [series3d, pal]);
  // Contour labels cost most of a contour redraw: left out while a slider is held.
  const figContour = useMemo(
    () => (series ? surfaceContourFigure(series, pal, { labels: !dragging }) : null),
    [series, pal, dragging],
  );
  return (
    <>
      <Plot
        name="surface-3d"
        title={<>C_lin(D, P), 3D</>}
        figure={fig3d}
        height={320}
        caption="Drag to rotate. The grey floor marks (D, P) no linear restorer meets; the dot is the current (D, P)."
      />
      <Plot
        name="surface-contour"
        title={<>C_lin(D, P), contour map</>}
        figure={figContour}
        height={320}
        caption="Iso-error lines of C_lin; grey: infeasible. The ring is (D, P) (a cross when infeasible)."
      />
    </>
  );
}
