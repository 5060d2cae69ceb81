/**
 * A point drawn over a drawn plotly chart as a DOM element rather than as a
 * trace: moving it restyles one element, where a trace would re-render the
 * whole chart (Plotly.react, tens of ms per plot on a slow laptop, which
 * delays every other paint while a slider is dragged). Its position comes
 * from the axes plotly last drew, so it stays on the data as zoom and
 * resize change them. Exports add it back as a trace (liveTrace).
 */

export interface LiveMarker {
  readonly x: number;
  readonly y: number;
  /** Hover text and the exported trace's name. */
  readonly label: string;
  readonly color: string;
}

/** The parts of a plotly axis this reads (plotly's own axis object after a draw). */
interface DrawnAxis {
  readonly _offset: number;
  readonly _length: number;
  d2l(v: number): number;
  l2p(v: number): number;
}

/** Pixel position of (x, y) inside the graph div, or null where the plot has no axes yet or the point lies outside them. */
export function livePixel(fullLayout: unknown, x: number, y: number): { left: number; top: number } | null {
  const fl = fullLayout as { xaxis?: DrawnAxis; yaxis?: DrawnAxis } | undefined;
  const xa = fl?.xaxis;
  const ya = fl?.yaxis;
  if (!xa || !ya || typeof xa.l2p !== 'function' || typeof ya.l2p !== 'function') return null;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  const px = xa.l2p(xa.d2l(x));
  const py = ya.l2p(ya.d2l(y));
  if (!Number.isFinite(px) || !Number.isFinite(py)) return null;
  // Half a marker of slack, so a point on the axis line is still drawn.
  if (px < -4 || px > xa._length + 4 || py < -4 || py > ya._length + 4) return null;
  return { left: xa._offset + px, top: ya._offset + py };
}

/** The marker as a plotly trace, for exported images (the on-screen element is not in the chart). */
export function liveTrace(m: LiveMarker): Record<string, unknown> {
  return {
    type: 'scatter',
    mode: 'markers',
    name: m.label,
    x: [m.x],
    y: [m.y],
    hoverinfo: 'skip',
    marker: { size: 18, symbol: 'circle-open', color: m.color, line: { width: 3, color: m.color } },
  };
}
