import type { ReactNode } from 'react';
import { PlotScaleContext, UNIT_SCALE, type PlotScale } from '../../plots/scale';
import { useToyStore } from '../../state/toyStore';

/** Plot text about 1.4x and lines 1.5x: legible at 1280x720 from the back of a room. */
export const PRESENT_SCALE: PlotScale = Object.freeze({ font: 1.4, line: 1.5 });

export function PresentPlotScale({ children }: { children: ReactNode }) {
  const present = useToyStore((s) => s.present);
  return <PlotScaleContext value={present ? PRESENT_SCALE : UNIT_SCALE}>{children}</PlotScaleContext>;
}
