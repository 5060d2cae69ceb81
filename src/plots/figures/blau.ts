import type { Data } from 'plotly.js-dist-min';
import { toCsv } from '../csv';
import type { Figure } from '../figure';
import { finiteArray, finiteOrNull } from '../format';
import { axis, baseLayout, type Palette } from '../palette';

export interface PdCurve {
  sigmaN: number;
  d: number[];
  /** null (or non-finite) below the MMSE, where no gain meets D. */
  p: (number | null)[];
  /** The MMSE point where the curve is cut. */
  mmse: { d: number; p: number };
}

/** Blau & Michaeli Fig. 5: P(D) with KL for X ~ N(0,1) and several sigma_N; squares mark the MMSE. */
export function blauPdFigure(curves: PdCurve[], pal: Palette): Figure {
  const data: Data[] = [];
  curves.forEach((cv, k) => {
    const color = pal.family[k % pal.family.length];
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `σ<sub>N</sub> = ${cv.sigmaN}`,
      legendgroup: String(k),
      x: cv.d,
      y: finiteArray(cv.p),
      line: { color, width: 2 },
      hovertemplate: `σ_N = ${cv.sigmaN}<br>D %{x:.3f} → P %{y:.4g}<extra></extra>`,
    });
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `MMSE (σ_N = ${cv.sigmaN})`,
      legendgroup: String(k),
      showlegend: false,
      x: [cv.mmse.d],
      y: [finiteOrNull(cv.mmse.p)],
      marker: { symbol: 'square', size: 9, color, line: { color: pal.fg, width: 1 } },
      hovertemplate: `MMSE, σ_N = ${cv.sigmaN}<br>D %{x:.4f}, P %{y:.4g}<extra></extra>`,
    });
  });
  const layout = {
    ...baseLayout(pal),
    uirevision: 'blau-pd',
    xaxis: axis(pal, 'D (MSE)'),
    yaxis: axis(pal, 'P(D) = min KL(p<sub>X</sub> ‖ p<sub>X̂</sub>)', { rangemode: 'tozero' as const }),
  };
  const csv = () => {
    const rows: (number | string | null)[][] = [];
    for (const cv of curves) {
      for (let i = 0; i < cv.d.length; i++) rows.push([cv.sigmaN, cv.d[i], finiteOrNull(cv.p[i]), '']);
      rows.push([cv.sigmaN, cv.mmse.d, cv.mmse.p, 'mmse']);
    }
    return toCsv(['sigmaN', 'D', 'P', 'point'], rows);
  };
  return { data, layout, csv };
}

export interface DiscreteSeries {
  p0: number;
  x: number[];
  pmfX: number[];
  mmse: { xhat: number[]; density: number[] };
  map: { x: number[]; pmf: number[] };
}

const PANELS: [number, number][] = [
  [0.72, 1],
  [0.38, 0.64],
  [0, 0.3],
];

/** Blau & Michaeli Fig. 3: p_X, the density of the MMSE estimate and the pmf of the MAP estimate. */
export function blauDiscreteFigure(s: DiscreteSeries, pal: Palette): Figure {
  const stems = (x: number[], y: number[], color: string, yaxis: 'y' | 'y3', name: string): Data[] => [
    {
      type: 'bar',
      name,
      x,
      y,
      yaxis,
      width: 0.06,
      marker: { color },
      hovertemplate: `${name}: P(%{x}) = %{y:.4f}<extra></extra>`,
      showlegend: false,
    },
    {
      type: 'scatter',
      mode: 'markers',
      name,
      x,
      y,
      yaxis,
      marker: { color, size: 8 },
      hoverinfo: 'skip',
      showlegend: false,
    },
  ];
  const data: Data[] = [
    ...stems(s.x, s.pmfX, pal.x, 'y', 'p_X'),
    {
      type: 'scatter',
      mode: 'lines',
      name: 'MMSE estimate',
      x: s.mmse.xhat,
      y: finiteArray(s.mmse.density),
      yaxis: 'y2',
      fill: 'tozeroy',
      line: { color: pal.p, width: 2 },
      showlegend: false,
      hovertemplate: 'x^ %{x:.3f}: density %{y:.3f}<extra></extra>',
    },
    ...stems(s.map.x, s.map.pmf, pal.c, 'y3', 'MAP'),
  ];
  let dMax = 0;
  for (const v of s.mmse.density) if (Number.isFinite(v) && v > dMax) dMax = v;
  const panelTitle = (text: string, y: number) => ({
    xref: 'paper' as const,
    yref: 'paper' as const,
    x: 0.01,
    y,
    xanchor: 'left' as const,
    yanchor: 'bottom' as const,
    showarrow: false,
    text,
    font: { size: 11, color: pal.fg },
  });
  const layout = {
    ...baseLayout(pal),
    uirevision: 'blau-discrete',
    showlegend: false,
    bargap: 0,
    margin: { l: 52, r: 16, t: 16, b: 40 },
    xaxis: axis(pal, 'x', { range: [-1.5, 1.5], anchor: 'y3', zeroline: false }),
    yaxis: axis(pal, 'pmf', { domain: PANELS[0], range: [0, 1.05] }),
    yaxis2: axis(pal, 'density', { domain: PANELS[1], range: [0, 1.1 * Math.max(dMax, 1e-9)] }),
    yaxis3: axis(pal, 'pmf', { domain: PANELS[2], range: [0, 1.05] }),
    annotations: [
      panelTitle(`p<sub>X</sub> (p₀ = ${s.p0})`, PANELS[0][1] - 0.02),
      panelTitle('MMSE estimate x̂ = E[X | Y]', PANELS[1][1] - 0.02),
      panelTitle('MAP estimate', PANELS[2][1] - 0.02),
    ],
  };
  const csv = () => {
    const rows: (number | string | null)[][] = [];
    s.x.forEach((x, i) => rows.push(['p_X', x, s.pmfX[i], 'pmf']));
    s.mmse.xhat.forEach((x, i) => rows.push(['MMSE', x, finiteOrNull(s.mmse.density[i]), 'density']));
    s.map.x.forEach((x, i) => rows.push(['MAP', x, s.map.pmf[i], 'pmf']));
    return toCsv(['distribution', 'x', 'value', 'kind'], rows);
  };
  return { data, layout, csv };
}
