import type { Shape } from 'plotly.js-dist-min';

type AxisRef = 'x' | 'y' | 'y2' | 'y3';

// Current-value markers are drawn as layout shapes, not traces: moving a
// shape is an 'arraydraw' edit for Plotly.react (no recalc, no replot of the
// data), which keeps slider drags cheap.

/** A dot of `size` pixels centred on a data point. */
export function dotShape(xref: AxisRef, yref: AxisRef, x: number, y: number, fill: string, edge: string, size = 9): Partial<Shape> {
  const h = size / 2;
  return {
    type: 'circle',
    xref: xref as 'x',
    yref: yref as 'y',
    xsizemode: 'pixel',
    ysizemode: 'pixel',
    xanchor: x,
    yanchor: y,
    x0: -h,
    x1: h,
    y0: -h,
    y1: h,
    fillcolor: fill,
    line: { color: edge, width: 1.5 },
  };
}

/** An open ring (feasible point) or a cross (infeasible point) of `size` pixels. */
export function pointMarkShapes(x: number, y: number, color: string, cross: boolean, size = 13): Partial<Shape>[] {
  const h = size / 2;
  const base = { xref: 'x' as const, yref: 'y' as const, xsizemode: 'pixel' as const, ysizemode: 'pixel' as const, xanchor: x, yanchor: y };
  if (!cross) {
    return [{ ...base, type: 'circle', x0: -h, x1: h, y0: -h, y1: h, line: { color, width: 2.5 } }];
  }
  return [
    { ...base, type: 'line', x0: -h, x1: h, y0: -h, y1: h, line: { color, width: 2.5 } },
    { ...base, type: 'line', x0: -h, x1: h, y0: h, y1: -h, line: { color, width: 2.5 } },
  ];
}
