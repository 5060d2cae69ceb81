import type { PlotScale } from '../../plots/scale';

/**
 * Presentation mode is laid out for 1280x720; a larger screen (a 1920x1080
 * projector) scales it up by the smaller of its width and height ratios, so
 * type stays the same share of the screen. present.css sizes its root font
 * with the same rule (clamp(16px, min(1.25vw, 2.2223vh), 40px)).
 */
export const PRESENT_BASE = { width: 1280, height: 720 } as const;
export const PRESENT_MAX_FACTOR = 2.5;

/** Plot text about 1.4x and lines 1.5x at 1280x720, legible from the back of a room. */
export const PRESENT_SCALE: PlotScale = Object.freeze({ font: 1.4, line: 1.5 });

export function viewportFactor(width: number, height: number): number {
  const k = Math.min(width / PRESENT_BASE.width, height / PRESENT_BASE.height);
  return Number.isFinite(k) ? Math.min(PRESENT_MAX_FACTOR, Math.max(1, k)) : 1;
}

/** The plot scale of presentation mode on a width x height viewport. */
export function presentScale(width: number, height: number): PlotScale {
  const k = viewportFactor(width, height);
  return { font: PRESENT_SCALE.font * k, line: PRESENT_SCALE.line * k };
}
