// Plotly figures of the exact-bound section. Exact values are drawn solid in the
// first family colour, the discretized linear family dashed in the second.

import type { Data, Shape } from 'plotly.js-dist-min';
import { toCsv, type Cell } from '../../plots/csv';
import type { Figure } from '../../plots/figure';
import { axis, baseLayout, type Palette } from '../../plots/palette';
import type { ExactSummary, LinearResult, RestorerResult } from '../../math/lp/session';
import { column, gapGrid, row, sliceIndices, transpose, type Grid } from './series';

export interface SurfaceInputs {
  d: number[];
  p: number[];
  exact: Grid;
  linear: LinearResult | null;
  pTitle: string;
}

const exactColor = (pal: Palette) => pal.family[0];
const linearColor = (pal: Palette) => pal.family[1];

function zRange(...grids: Grid[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of grids) {
    for (const r of g) {
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (typeof v === 'number' && Number.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
  }
  return Number.isFinite(lo) ? [lo, hi + 1e-9] : [0, 1];
}

function surfaceCsv(s: SurfaceInputs): string {
  const rows: Cell[][] = [];
  for (let i = 0; i < s.d.length; i++) {
    for (let j = 0; j < s.p.length; j++) {
      rows.push([s.d[i], s.p[j], s.exact[i]?.[j] ?? null, s.linear?.c[i][j] ?? null, s.linear?.a[i][j] ?? null]);
    }
  }
  return toCsv(['D', 'P', 'C_exact', 'C_lin_grid', 'argmin_a'], rows);
}

/** The exact surface, with the linear family's surface overlaid translucent; the diamond is the weighted LP's optimum. */
export function exactSurface3d(
  s: SurfaceInputs,
  pal: Palette,
  showLinear: boolean,
  weighted: { d: number; p: number; c: number } | null = null,
): Figure {
  const [zmin, zmax] = zRange(s.exact, showLinear && s.linear ? s.linear.c : []);
  const step = Math.max(1e-6, (zmax - zmin) / 10);
  const data: Data[] = [
    {
      type: 'surface',
      name: 'C exact (LP)',
      x: s.d,
      y: s.p,
      z: transpose(s.exact),
      cmin: zmin,
      cmax: zmax,
      colorscale: pal.scale,
      colorbar: { title: { text: 'C', side: 'top' }, thickness: 10, len: 0.7, tickfont: { size: 10 } },
      // About ten levels, offset by half a step: the bound is exactly flat at its floor
      // (the Bayes error of Y) over a wide region, and a level right at a plateau draws noise.
      contours: { z: { show: true, usecolormap: true, start: zmin + step / 2, end: zmax, size: step, project: { z: false } } },
      hovertemplate: 'exact<br>D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.5f}<extra></extra>',
    },
  ];
  if (showLinear && s.linear) {
    data.push({
      type: 'surface',
      name: 'C_lin on the grid',
      x: s.d,
      y: s.p,
      z: transpose(s.linear.c),
      showscale: false,
      opacity: 0.45,
      colorscale: [
        [0, linearColor(pal)],
        [1, linearColor(pal)],
      ],
      hovertemplate: 'linear family<br>D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.5f}<extra></extra>',
    });
  }
  // Always present (hidden when absent or off the axes), like the toy's markers.
  const dR: [number, number] = [s.d[0], s.d[s.d.length - 1]];
  const pR: [number, number] = [s.p[0], s.p[s.p.length - 1]];
  const shown = !!weighted && weighted.d >= dR[0] && weighted.d <= dR[1] && weighted.p >= pR[0] && weighted.p <= pR[1];
  data.push({
    type: 'scatter3d',
    mode: 'markers',
    name: 'weighted-sum optimum (LP)',
    visible: shown,
    x: [weighted ? weighted.d : dR[0]],
    y: [weighted ? weighted.p : pR[0]],
    z: [weighted ? weighted.c : zmin],
    marker: { size: 6, color: pal.family[4], symbol: 'diamond', line: { color: pal.fg, width: 1 } },
    hovertemplate: 'min of alpha D + beta P + gamma C over all restorers<br>D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.5f}<extra></extra>',
  });
  const sceneAxis = (title: string, r: [number, number]) => ({
    title: { text: title, font: { size: 11 } },
    range: r,
    gridcolor: pal.grid,
    zerolinecolor: pal.zero,
    backgroundcolor: 'rgba(0,0,0,0)',
    tickfont: { size: 10 },
    color: pal.fg,
  });
  return {
    data,
    layout: {
      ...baseLayout(pal),
      uirevision: 'exact-3d',
      showlegend: false,
      margin: { l: 0, r: 0, t: 0, b: 0 },
      scene: {
        xaxis: sceneAxis('D', [s.d[0], s.d[s.d.length - 1]]),
        yaxis: sceneAxis(s.pTitle, [s.p[0], s.p[s.p.length - 1]]),
        // Padded: a plateau lying exactly on the scene's floor z-fights with it.
        zaxis: sceneAxis('C', [zmin - 0.06 * (zmax - zmin), zmax + 0.06 * (zmax - zmin)]),
        camera: { eye: { x: 1.8, y: -1.7, z: 1.0 } },
        aspectmode: 'cube' as const,
      },
    },
    csv: () => surfaceCsv(s),
  };
}

/** C_lin - C_exact as a heatmap; cells only randomized restorers reach are marked apart. */
export function gapFigure(s: SurfaceInputs, pal: Palette): Figure {
  const lin = s.linear?.c ?? s.exact.map((r) => Array.from(r, () => null));
  const g = gapGrid(s.exact, lin);
  const infeasible = s.exact.map((r) => Array.from(r, (v) => (v === null ? 1 : null)));
  const data: Data[] = [
    {
      type: 'heatmap',
      name: 'gap',
      x: s.d,
      y: s.p,
      z: transpose(g.gap),
      zmin: 0,
      colorscale: pal.scale,
      colorbar: { title: { text: 'gap', side: 'top' }, thickness: 10, tickfont: { size: 10 } },
      hovertemplate: 'D %{x:.3f}<br>P %{y:.3g}<br>C_lin - C %{z:.5f}<extra></extra>',
    },
    {
      type: 'heatmap',
      name: 'only randomized',
      x: s.d,
      y: s.p,
      z: transpose(g.onlyExact),
      showscale: false,
      colorscale: [
        [0, pal.family[2]],
        [1, pal.family[2]],
      ],
      opacity: 0.7,
      hovertemplate: 'no linear restorer; the LP is feasible<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
    },
    {
      type: 'heatmap',
      name: 'infeasible',
      x: s.d,
      y: s.p,
      z: transpose(infeasible),
      showscale: false,
      colorscale: [
        [0, pal.infeasible],
        [1, pal.infeasible],
      ],
      hovertemplate: 'infeasible for every restorer<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
    },
  ];
  return {
    data,
    layout: {
      ...baseLayout(pal),
      uirevision: 'exact-gap',
      showlegend: false,
      margin: { l: 56, r: 8, t: 8, b: 40 },
      xaxis: axis(pal, 'D (max MSE)', { showgrid: false }),
      yaxis: axis(pal, s.pTitle, { showgrid: false }),
    },
    csv: () => {
      const rows: Cell[][] = [];
      for (let i = 0; i < s.d.length; i++) for (let j = 0; j < s.p.length; j++) rows.push([s.d[i], s.p[j], g.gap[i][j], g.onlyExact[i][j] ?? 0]);
      return toCsv(['D', 'P', 'gap', 'only_randomized'], rows);
    },
  };
}

/** Profiles: C against D at a few P (along = 'd') or against P at a few D (along = 'p'). */
export function profilesFigure(s: SurfaceInputs, along: 'd' | 'p', pal: Palette, firstFeasibleD: number): Figure {
  const xs = along === 'd' ? s.d : s.p;
  const others = along === 'd' ? s.p : s.d;
  // Slices at D below the minimal feasible distortion are empty: start after them.
  const picks = sliceIndices(others.length, 4, along === 'p' ? firstFeasibleD : 0);
  const data: Data[] = [];
  const csvRows: Cell[][] = [];
  picks.forEach((k, t) => {
    const color = pal.family[t % pal.family.length];
    const label = along === 'd' ? `P = ${others[k].toPrecision(3)}` : `D = ${others[k].toPrecision(3)}`;
    const ex = along === 'd' ? column(s.exact, k) : row(s.exact, k);
    const li = s.linear ? (along === 'd' ? column(s.linear.c, k) : row(s.linear.c, k)) : null;
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: `${label} exact`,
      legendgroup: label,
      x: xs,
      y: ex,
      line: { color, width: 2 },
      marker: { size: 4, color },
      hovertemplate: `${label}, exact<br>%{x:.3g}: C %{y:.5f}<extra></extra>`,
    });
    if (li) {
      data.push({
        type: 'scatter',
        mode: 'lines',
        name: `${label} linear`,
        legendgroup: label,
        x: xs,
        y: li,
        line: { color, width: 1.5, dash: 'dash' },
        hovertemplate: `${label}, linear family<br>%{x:.3g}: C %{y:.5f}<extra></extra>`,
      });
    }
    xs.forEach((x, u) => csvRows.push([label, x, ex[u], li?.[u] ?? null]));
  });
  return {
    data,
    layout: {
      ...baseLayout(pal),
      uirevision: `exact-profiles-${along}`,
      xaxis: axis(pal, along === 'd' ? 'D (max MSE)' : s.pTitle),
      yaxis: axis(pal, 'C (error rate of c0)'),
    },
    csv: () => toCsv(['slice', along === 'd' ? 'D' : 'P', 'C_exact', 'C_lin_grid'], csvRows),
  };
}

/** The optimal randomized restorer q(x^ | y) as a heatmap, with c0's threshold and E[X|y]. */
export function restorerFigure(r: RestorerResult, summary: ExactSummary, pal: Palette): Figure {
  const n = r.x.length;
  const half = (r.x[n - 1] - r.x[0]) / (n - 1) / 2;
  const span: [number, number] = [r.x[0] - half, r.x[n - 1] + half];
  const z: (number | null)[][] = [];
  for (let l = 0; l < n; l++) z.push(r.q ? r.q.map((qrow) => qrow[l]) : r.x.map(() => null));
  const shapes: Partial<Shape>[] = [];
  if ('t' in summary.rule) {
    shapes.push({ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: summary.rule.t, y1: summary.rule.t, line: { color: pal.c, width: 1.5, dash: 'dot' } });
  }
  const data: Data[] = [
    {
      type: 'heatmap',
      name: 'q(x^|y)',
      x: r.x,
      y: r.x,
      z,
      zmin: 0,
      zmax: 1,
      colorscale: [
        [0, 'rgba(0,0,0,0)'],
        [0.02, pal.scale[0][1]],
        [0.5, pal.scale[2][1]],
        [1, pal.scale[4][1]],
      ],
      colorbar: { title: { text: 'q', side: 'top' }, thickness: 10, tickfont: { size: 10 } },
      hovertemplate: 'y %{x:.3f}<br>x^ %{y:.3f}<br>q %{z:.4f}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'E[X | y]',
      x: r.x,
      y: summary.postMean,
      line: { color: pal.x, width: 1.5, dash: 'dash' },
      hovertemplate: 'E[X | y=%{x:.3f}] = %{y:.3f}<extra></extra>',
    },
  ];
  return {
    data,
    layout: {
      ...baseLayout(pal),
      uirevision: 'exact-restorer',
      margin: { l: 56, r: 8, t: 8, b: 40 },
      xaxis: axis(pal, 'y (degraded)', { showgrid: false, range: span }),
      yaxis: axis(pal, 'x^ (restored)', { showgrid: false, range: span }),
      shapes,
    },
    csv: () => {
      const rows: Cell[][] = [];
      for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) rows.push([r.x[j], r.x[l], r.q ? r.q[j][l] : null]);
      return toCsv(['y', 'xhat', 'q'], rows);
    },
  };
}

/** p_X against p_X^ of the optimal restorer on the grid. */
export function lawsFigure(r: RestorerResult, pal: Palette): Figure {
  const data: Data[] = [
    { type: 'bar', name: 'p_X', x: r.x, y: r.pX, marker: { color: pal.x }, opacity: 0.6 },
    { type: 'bar', name: 'p_X^ (optimal q)', x: r.x, y: r.pXhat ?? [], marker: { color: pal.xhat }, opacity: 0.6 },
    { type: 'scatter', mode: 'lines', name: 'p_Y', x: r.x, y: r.pY, line: { color: pal.y, width: 1.5, dash: 'dot' } },
  ];
  return {
    data,
    layout: { ...baseLayout(pal), uirevision: 'exact-laws', barmode: 'overlay', bargap: 0.05, xaxis: axis(pal, 'grid point'), yaxis: axis(pal, 'mass') },
    csv: () => toCsv(['x', 'p_X', 'p_Xhat', 'p_Y'], r.x.map((x, i) => [x, r.pX[i], r.pXhat?.[i] ?? null, r.pY[i]])),
  };
}

/** The perception-distortion function: exact P(D) against the linear family's. */
export function pdFigure(
  pdD: number[],
  exact: ArrayLike<number | null | undefined>,
  linear: LinearResult | null,
  dMin: number,
  pTitle: string,
  pal: Palette,
): Figure {
  const ex = Array.from(exact, (v) => (typeof v === 'number' ? v : null));
  const data: Data[] = [
    { type: 'scatter', mode: 'lines+markers', name: 'P(D) exact (LP)', x: pdD, y: ex, line: { color: exactColor(pal), width: 2 }, marker: { size: 4 } },
  ];
  if (linear) data.push({ type: 'scatter', mode: 'lines', name: 'linear family on the grid', x: pdD, y: linear.pd, line: { color: linearColor(pal), width: 1.5, dash: 'dash' } });
  return {
    data,
    layout: {
      ...baseLayout(pal),
      uirevision: 'exact-pd',
      xaxis: axis(pal, 'D (max MSE)'),
      yaxis: axis(pal, pTitle, { rangemode: 'tozero' }),
      shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: dMin, x1: dMin, y0: 0, y1: 1, line: { color: pal.muted, width: 1, dash: 'dot' } }],
    },
    csv: () => toCsv(['D', 'P_exact', 'P_lin_grid', 'argmin_a'], pdD.map((d, k) => [d, ex[k], linear?.pd[k] ?? null, linear?.pdA[k] ?? null])),
  };
}
