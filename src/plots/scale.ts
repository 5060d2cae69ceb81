import { createContext } from 'react';
import type { Figure } from './figure';

// Presentation mode enlarges every plot's text and lines so they read from
// the back of a lecture hall. Figures are built at scale 1; Plot applies the
// scale from this context when it draws, so no figure builder needs to know.

export interface PlotScale {
  /** Multiplies every font size (layout, axes, legends, colour bars, annotations). */
  font: number;
  /** Multiplies line widths (traces and shapes). */
  line: number;
}

export const UNIT_SCALE: PlotScale = Object.freeze({ font: 1, line: 1 });

export const PlotScaleContext = createContext<PlotScale>(UNIT_SCALE);

/** Plotly's font size where a figure sets none. */
const PLOTLY_DEFAULT_FONT = 12;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

// Copies objects on the way down but never the numeric arrays, which can be
// large (surfaces) and are shared with the unscaled figure.
function walk(v: unknown, s: PlotScale, key: string): unknown {
  if (Array.isArray(v)) {
    return v.length > 0 && isPlainObject(v[0]) ? v.map((x) => walk(x, s, key)) : v;
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = walk(x, s, k);
  if (/font$/i.test(key) && typeof out.size === 'number') out.size = out.size * s.font;
  if (key === 'line' && typeof out.width === 'number' && out.width > 0) out.width = out.width * s.line;
  return out;
}

/** The figure's data and layout with fonts and lines scaled; the input is not modified. */
export function scaleFigure(f: Pick<Figure, 'data' | 'layout'>, s: PlotScale): Pick<Figure, 'data' | 'layout'> {
  if (s.font === 1 && s.line === 1) return f;
  const layout = walk(f.layout, s, '') as Record<string, unknown>;
  const font = isPlainObject(layout.font) ? layout.font : {};
  if (typeof font.size !== 'number') layout.font = { ...font, size: PLOTLY_DEFAULT_FONT * s.font };
  return { data: walk(f.data, s, '') as Figure['data'], layout: layout as Figure['layout'] };
}
