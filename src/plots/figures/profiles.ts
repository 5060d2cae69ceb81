import type { Data, Shape } from 'plotly.js-dist-min';
import { toCsv } from '../csv';
import type { Figure } from '../figure';
import { finiteArray, fmt, paddedRange } from '../format';
import { axis, baseLayout, type Palette } from '../palette';

export interface ProfileSeries {
  /** The swept constraint (D or P) and the fixed levels of the other one. */
  x: number[];
  levels: number[];
  /** c[k][i] = C_lin at x[i] with the other constraint at levels[k]; non-finite if infeasible. */
  c: ArrayLike<number | null>[];
  xTitle: string;
  /** Name of the fixed constraint, e.g. "P" or "D". */
  levelName: string;
}

/** Paper Fig. 2b: C_lin against one constraint for several levels of the other. */
export function profilesFigure(s: ProfileSeries, current: number, pal: Palette, name: string): Figure {
  const data: Data[] = s.levels.map((lv, k) => ({
    type: 'scatter',
    mode: 'lines',
    name: `${s.levelName} = ${fmt(lv)}`,
    x: s.x,
    y: finiteArray(s.c[k]),
    line: { color: pal.family[k % pal.family.length], width: 2, shape: 'linear' },
    hovertemplate: `${s.levelName} = ${fmt(lv)}<br>%{x:.3g} → C %{y:.4f}<extra></extra>`,
  }));
  const lo = s.x[0];
  const hi = s.x[s.x.length - 1];
  const shapes: Partial<Shape>[] = [];
  if (current >= lo && current <= hi) {
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: current,
      x1: current,
      y0: 0,
      y1: 1,
      line: { color: pal.marker, width: 1, dash: 'dot' },
    });
  }
  const layout = {
    ...baseLayout(pal),
    uirevision: name,
    xaxis: axis(pal, s.xTitle, { range: [lo, hi] }),
    // Fitted to the data, not from 0: C_lin often varies over a narrow band (the paper toy: 0.2045 to 0.21).
    yaxis: axis(pal, 'C<sub>lin</sub> (error rate)', { range: paddedRange(s.c) }),
    shapes,
  };
  const csv = () => {
    const rows: (number | null)[][] = [];
    s.levels.forEach((lv, k) => {
      for (let i = 0; i < s.x.length; i++) rows.push([lv, s.x[i], s.c[k][i]]);
    });
    return toCsv([s.levelName, s.xTitle.split(' ')[0], 'C_lin'], rows);
  };
  return { data, layout, csv };
}
