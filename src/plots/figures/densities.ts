import type { Annotation, Data, Shape } from 'plotly.js-dist-min';
import { toCsv } from '../csv';
import type { Figure } from '../figure';
import { fmt } from '../format';
import { axis, baseLayout, type Palette } from '../palette';

/** What c0 does: a threshold t (deciding w1 below it when w1Below) or one class everywhere. */
export type ThresholdInfo = { t: number; w1Below: boolean } | { constant: 1 | 2 };

export interface DensitySeries {
  x: number[];
  pX: number[];
  pY: number[];
  /** Density of X^ = aY on x; null when X^ is a point mass (a = 0). */
  pXhat: number[] | null;
  a: number;
  threshold: ThresholdInfo;
}

/** Highest density drawn before the y axis stops following a narrow X^ (|a| small). */
const XHAT_CLIP_FACTOR = 2.5;

function maxOf(v: readonly number[]): number {
  let m = 0;
  for (const x of v) if (Number.isFinite(x) && x > m) m = x;
  return m;
}

/** Paper Fig. 1: densities of X, Y and X^ = aY with the threshold of c0. */
export function densitiesFigure(s: DensitySeries, pal: Palette): Figure {
  const base = Math.max(maxOf(s.pX), maxOf(s.pY));
  const xhatMax = s.pXhat ? maxOf(s.pXhat) : 0;
  const clipped = xhatMax > XHAT_CLIP_FACTOR * base;
  const top = 1.12 * Math.max(base, clipped ? XHAT_CLIP_FACTOR * base : xhatMax);

  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'p<sub>X</sub>', x: s.x, y: s.pX, line: { color: pal.x, width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'p<sub>Y</sub>', x: s.x, y: s.pY, line: { color: pal.y, width: 2, dash: 'dot' } },
  ];
  const shapes: Partial<Shape>[] = [];
  const annotations: Partial<Annotation>[] = [];

  if (s.pXhat) {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `p<sub>X̂</sub> (a = ${fmt(s.a)})`,
      x: s.x,
      y: s.pXhat,
      line: { color: pal.xhat, width: 2.5 },
    });
    if (clipped) {
      annotations.push({
        x: 0,
        y: top,
        xref: 'x',
        yref: 'y',
        text: `p<sub>X̂</sub> peaks at ${xhatMax.toPrecision(3)} (clipped)`,
        showarrow: false,
        yanchor: 'top',
        font: { size: 11, color: pal.xhat },
      });
    }
  } else {
    // X^ = 0 almost surely: a Dirac mass, drawn as a spike with an arrow head.
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: 'X̂ = 0 (point mass)',
      x: [0, 0],
      y: [0, top * 0.92],
      line: { color: pal.xhat, width: 3 },
    });
    annotations.push({
      x: 0,
      y: top * 0.92,
      ax: 0,
      ay: 0.3 * top,
      axref: 'x',
      ayref: 'y',
      xref: 'x',
      yref: 'y',
      showarrow: true,
      arrowhead: 2,
      arrowsize: 1.2,
      arrowwidth: 3,
      arrowcolor: pal.xhat,
      text: '',
    });
    annotations.push({
      x: 0,
      y: 0.55 * top,
      xref: 'x',
      yref: 'y',
      text: 'point mass δ₀',
      showarrow: false,
      xanchor: 'right',
      xshift: -6,
      font: { size: 11, color: pal.xhat },
    });
  }

  if ('t' in s.threshold) {
    const { t, w1Below } = s.threshold;
    shapes.push({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: t,
      x1: t,
      y0: 0,
      y1: 1,
      line: { color: pal.muted, width: 1.5, dash: 'dash' },
    });
    annotations.push({
      x: t,
      y: 1,
      xref: 'x',
      yref: 'paper',
      yanchor: 'top',
      showarrow: false,
      text: w1Below ? `ω₁ ← c₀ → ω₂` : `ω₂ ← c₀ → ω₁`,
      font: { size: 11, color: pal.muted },
      bgcolor: 'rgba(0,0,0,0)',
    });
  } else {
    annotations.push({
      x: 0.99,
      y: 0.98,
      xref: 'paper',
      yref: 'paper',
      xanchor: 'right',
      yanchor: 'top',
      showarrow: false,
      text: `c₀ always decides ω${s.threshold.constant}`,
      font: { size: 11, color: pal.muted },
    });
  }

  const layout = {
    ...baseLayout(pal),
    uirevision: 'densities',
    xaxis: axis(pal, 'x', { range: [s.x[0], s.x[s.x.length - 1]] }),
    yaxis: axis(pal, 'density', { range: [0, top], rangemode: 'tozero' }),
    shapes,
    annotations,
  };

  const csv = () =>
    toCsv(
      ['x', 'p_X', 'p_Y', s.pXhat ? `p_Xhat(a=${s.a})` : 'p_Xhat(point mass at 0)'],
      s.x.map((x, i) => [x, s.pX[i], s.pY[i], s.pXhat ? s.pXhat[i] : null]),
    );
  return { data, layout, csv };
}
