import type { RatioRange } from '../models/conditioning';

/**
 * Slider positions for a loss-weight ratio over a conditional model's range:
 * an integer 0..SLIDER_STEPS on the model's own log-like feature scale
 * (conditioning.ts), so every decade gets the same travel and position 0 is
 * exactly 0. A value within 2% of a dense-grid value snaps to it, so that
 * keyboard steps land on grid points, where the readouts are exact.
 */

export const SLIDER_STEPS = 400;

export function ratioToSlider(r: number, range: RatioRange): number {
  if (!(r > 0)) return 0;
  const eps = range.lo / 2;
  const a = Math.log(eps);
  const b = Math.log(range.hi + eps);
  const t = (Math.log(r + eps) - a) / (b - a);
  return Math.min(SLIDER_STEPS, Math.max(0, Math.round(t * SLIDER_STEPS)));
}

export function sliderToRatio(s: number, range: RatioRange, grid: readonly number[] = []): number {
  if (s <= 0) return 0;
  if (s >= SLIDER_STEPS) return range.hi;
  const eps = range.lo / 2;
  const a = Math.log(eps);
  const b = Math.log(range.hi + eps);
  const r = Math.exp(a + (s / SLIDER_STEPS) * (b - a)) - eps;
  for (const g of grid) if (g > 0 && Math.abs(r - g) <= 0.02 * g) return g;
  return Number(r.toPrecision(3));
}
