import type { Data, Shape } from 'plotly.js-dist-min';
import { toCsv } from '../csv';
import type { Figure } from '../figure';
import { finiteOrNull } from '../format';
import { axis, baseLayout, type Palette } from '../palette';
import { pointMarkShapes } from '../shapes';

export interface SurfaceSeries {
  /** Grid: c[i][j] = C_lin(d[i], p[j]), a[i][j] its minimiser; non-finite where infeasible. */
  d: number[];
  p: number[];
  c: ArrayLike<number | null>[];
  a: ArrayLike<number | null>[];
  /** The current constraint point and C_lin there (null while unknown or infeasible). */
  D: number;
  P: number;
  cAtPoint: number | null;
  /** Axis title for P, e.g. "P (KL)". */
  pTitle: string;
  /** The restorer minimising alpha D + beta P + gamma C: its (D, P, C), drawn as a diamond; null for none. */
  weighted?: { d: number; p: number; c: number } | null;
  /**
   * Height of C_lin above its lower convex hull per cell (gap[i][j], null where infeasible):
   * cells above `tol` are points no weighted sum reaches, drawn in their own colour.
   */
  hull?: { gap: ArrayLike<number | null>[]; tol: number } | null;
}

interface PlotlyGrid {
  z: (number | null)[][];
  mask: (number | null)[][];
  floor: (number | null)[][];
  zmin: number;
  zmax: number;
  floorZ: number;
}

// Per grid array: moving (D, P) rebuilds the figure but keeps these arrays,
// so Plotly.react sees unchanged data and only redraws the marker.
const gridCache = new WeakMap<object, PlotlyGrid>();

function plotlyGrid(s: SurfaceSeries): PlotlyGrid {
  let g = gridCache.get(s.c);
  if (!g) {
    g = buildGrid(s);
    gridCache.set(s.c, g);
  }
  return g;
}

interface HullOverlay {
  /** C_lin where the cell is above the hull (lifted a hair for the 3D view), else null */
  z: (number | null)[][];
  /** 1 where above the hull, else null (the contour map's overlay) */
  mask: (number | null)[][];
  count: number;
}

const hullCache = new WeakMap<object, HullOverlay>();

/** The cells above the convex hull, in plotly's z[row = p][col = d] order (cached per gap array). */
function hullOverlay(s: SurfaceSeries, g: PlotlyGrid): HullOverlay | null {
  const h = s.hull;
  if (!h) return null;
  let o = hullCache.get(h.gap);
  if (!o) {
    const lift = 0.004 * (g.zmax - g.zmin);
    const z: (number | null)[][] = [];
    const mask: (number | null)[][] = [];
    let count = 0;
    for (let j = 0; j < s.p.length; j++) {
      const zr: (number | null)[] = [];
      const mr: (number | null)[] = [];
      for (let i = 0; i < s.d.length; i++) {
        const v = h.gap[i]?.[j];
        const c = finiteOrNull(s.c[i][j]);
        const above = typeof v === 'number' && v > h.tol && c !== null;
        zr.push(above ? (c as number) + lift : null);
        mr.push(above ? 1 : null);
        if (above) count++;
      }
      z.push(zr);
      mask.push(mr);
    }
    o = { z, mask, count };
    hullCache.set(h.gap, o);
  }
  return o;
}

/** Plotly wants z[row = y][col = x]; our grid is c[i = d][j = p]. */
function buildGrid(s: SurfaceSeries): PlotlyGrid {
  const z: (number | null)[][] = [];
  const mask: (number | null)[][] = [];
  let zmin = Infinity;
  let zmax = -Infinity;
  for (let j = 0; j < s.p.length; j++) {
    const row: (number | null)[] = [];
    const mrow: (number | null)[] = [];
    for (let i = 0; i < s.d.length; i++) {
      const v = finiteOrNull(s.c[i][j]);
      row.push(v);
      mrow.push(v === null ? 1 : null);
      if (v !== null) {
        if (v < zmin) zmin = v;
        if (v > zmax) zmax = v;
      }
    }
    z.push(row);
    mask.push(mrow);
  }
  if (!Number.isFinite(zmin)) {
    zmin = 0;
    zmax = 1;
  }
  // A flat surface (e.g. sigma_N = 0: C_lin constant) would give colour bars
  // and contour levels a zero span, which plotly draws at Infinity.
  const minSpan = 1e-6 * Math.max(1, Math.abs(zmax));
  if (zmax - zmin < minSpan) {
    const mid = (zmin + zmax) / 2;
    zmin = mid - minSpan / 2;
    zmax = mid + minSpan / 2;
  }
  // The grey floor of the 3D view sits just under the lowest C so it never z-fights the surface.
  const floorZ = zmin - 0.04 * Math.max(zmax - zmin, 1e-6);
  // A surface quad needs all four corners: grow the floor by one cell so a
  // one-cell-wide infeasible strip still shows and the floor meets the surface.
  const floor = mask.map((row, j) =>
    row.map((_, i) => {
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) if (mask[j + dj]?.[i + di] === 1) return floorZ;
      }
      return null;
    }),
  );
  return { z, mask, floor, zmin, zmax, floorZ };
}

function surfaceCsv(s: SurfaceSeries): string {
  const rows: (number | null)[][] = [];
  for (let i = 0; i < s.d.length; i++) {
    for (let j = 0; j < s.p.length; j++) {
      const row = [s.d[i], s.p[j], finiteOrNull(s.c[i][j]), finiteOrNull(s.a[i][j])];
      if (s.hull) row.push(finiteOrNull(s.hull.gap[i]?.[j] ?? null));
      rows.push(row);
    }
  }
  return toCsv(['D', 'P', 'C_lin', 'argmin_a', ...(s.hull ? ['height_above_convex_hull'] : [])], rows);
}

const inBox = (v: number, [lo, hi]: [number, number]) => Number.isFinite(v) && v >= lo && v <= hi;

/** About 12 contour levels on a 1-2-5 step inside [zmin, zmax]; never empty. */
export function contourLevels(zmin: number, zmax: number): { start: number; end: number; size: number } {
  const span = zmax - zmin;
  if (!(span > 0)) return { start: zmin, end: zmin + 1e-9, size: 1e-9 };
  const raw = span / 12;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const size = [1, 2, 5, 10].map((m) => m * pow).find((st) => st >= raw) ?? 10 * pow;
  let start = Math.ceil(zmin / size) * size;
  let end = Math.floor(zmax / size) * size;
  if (start > end) start = end = zmin + span / 2;
  return { start, end, size };
}

const range = (v: number[]): [number, number] => [v[0], v[v.length - 1]];
/** Cells no weighted sum reaches: the palette's green (nothing else green on these two plots). */
const aboveHullColor = (pal: Palette) => pal.family[2];
/** The weighted-sum minimiser: the palette's crimson, outside the C colour scale. */
const weightedColor = (pal: Palette) => pal.family[4];
const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));

/** Paper Fig. 2a: C_lin(D, P) as a 3D surface; the infeasible region is a grey floor. */
export function surface3dFigure(s: SurfaceSeries, pal: Palette): Figure {
  const { z, floor, zmin, zmax, floorZ } = plotlyGrid(s);
  const dR = range(s.d);
  const pR = range(s.p);
  const inRange = s.D >= dR[0] && s.D <= dR[1] && s.P >= pR[0] && s.P <= pR[1];
  const data: Data[] = [
    {
      type: 'surface',
      name: 'C_lin',
      x: s.d,
      y: s.p,
      z,
      cmin: zmin,
      cmax: zmax,
      colorscale: pal.scale,
      colorbar: { title: { text: 'C', side: 'top' }, thickness: 10, len: 0.7, x: 1, tickfont: { size: 10 } },
      hovertemplate: 'D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.4f}<extra></extra>',
    },
    {
      type: 'surface',
      name: 'infeasible',
      x: s.d,
      y: s.p,
      z: floor,
      showscale: false,
      colorscale: [
        [0, pal.infeasible],
        [1, pal.infeasible],
      ],
      lighting: { ambient: 1, diffuse: 0, specular: 0, fresnel: 0 },
      hovertemplate: 'infeasible<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
    },
  ];
  // Always present (hidden when out of range): adding and removing a gl3d
  // trace through Plotly.react is slow and has thrown inside plotly.
  data.push({
    type: 'scatter3d',
    mode: 'markers',
    name: '(D, P)',
    visible: inRange,
    x: [clamp(s.D, dR)],
    y: [clamp(s.P, pR)],
    z: [s.cAtPoint ?? floorZ],
    marker: { size: 5, color: pal.marker, symbol: s.cAtPoint === null ? 'x' : 'circle', line: { color: pal.fg, width: 1 } },
    hovertemplate: `(D, P) = (%{x:.3f}, %{y:.3g})<br>C %{z:.4f}<extra></extra>`,
  });
  // Also always present, for the same reason: the cells above the convex hull and
  // the weighted-sum minimiser (hidden when absent or outside the axes).
  const hull = hullOverlay(s, plotlyGrid(s));
  data.push({
    type: 'surface',
    name: 'above the convex hull',
    x: s.d,
    y: s.p,
    z: hull?.z ?? floor.map((r) => r.map(() => null)),
    visible: !!hull && hull.count > 0,
    showscale: false,
    colorscale: [
      [0, aboveHullColor(pal)],
      [1, aboveHullColor(pal)],
    ],
    hovertemplate: 'no weighted sum reaches this point<br>D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.4f}<extra></extra>',
  });
  const w = s.weighted ?? null;
  data.push({
    type: 'scatter3d',
    mode: 'markers',
    name: 'weighted-sum minimiser',
    visible: !!w && inBox(w.d, dR) && inBox(w.p, pR),
    x: [w ? clamp(w.d, dR) : dR[0]],
    y: [w ? clamp(w.p, pR) : pR[0]],
    z: [w ? w.c : floorZ],
    marker: { size: 6, color: weightedColor(pal), symbol: 'diamond', line: { color: pal.fg, width: 1 } },
    hovertemplate: 'min of alpha D + beta P + gamma C<br>D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.4f}<extra></extra>',
  });
  const sceneAxis = (title: string, r: [number, number]) => ({
    title: { text: title, font: { size: 11 } },
    range: r,
    gridcolor: pal.grid,
    zerolinecolor: pal.zero,
    linecolor: pal.zero,
    backgroundcolor: 'rgba(0,0,0,0)',
    tickfont: { size: 10 },
    color: pal.fg,
  });
  const layout = {
    ...baseLayout(pal),
    uirevision: 'surface-3d',
    showlegend: false,
    margin: { l: 0, r: 0, t: 0, b: 0 },
    scene: {
      xaxis: sceneAxis('D', dR),
      yaxis: sceneAxis(s.pTitle, pR),
      // Floor above the bottom of the box: on the bottom plane it would z-fight the grid.
      zaxis: sceneAxis('C', [zmin - 0.08 * Math.max(zmax - zmin, 1e-6), zmax + 1e-9]),
      // Far enough out that the tick labels stay inside the card at presentation-mode font sizes.
      camera: { eye: { x: 2.1, y: -2.2, z: 1.15 } },
      aspectmode: 'cube' as const,
    },
  };
  return { data, layout, csv: () => surfaceCsv(s) };
}

/** The same C_lin as a contour map; infeasible (D, P) in a grey mask; (D, P) marked. */
/** `labels: false` skips plotly's label placement, the costliest part of a redraw. */
export function surfaceContourFigure(s: SurfaceSeries, pal: Palette, { labels = true }: { labels?: boolean } = {}): Figure {
  const { z, mask, zmin, zmax } = plotlyGrid(s);
  const dR = range(s.d);
  const pR = range(s.p);
  const data: Data[] = [
    {
      type: 'contour',
      name: 'C_lin',
      x: s.d,
      y: s.p,
      z,
      zmin,
      zmax,
      connectgaps: false,
      colorscale: pal.scale,
      // Explicit levels: plotly's automatic ones can come out empty on a
      // near-flat grid, and its contour drawing then throws.
      autocontour: false,
      // 'fill' rather than 'heatmap' colouring: about 3x cheaper to redraw.
      contours: { ...contourLevels(zmin, zmax), coloring: 'fill', showlabels: labels, labelfont: { size: 10, color: '#ffffff' } },
      line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
      colorbar: { title: { text: 'C', side: 'top' }, thickness: 10, tickfont: { size: 10 } },
      hovertemplate: 'D %{x:.3f}<br>P %{y:.3g}<br>C %{z:.4f}<extra></extra>',
    },
    {
      type: 'heatmap',
      name: 'infeasible',
      x: s.d,
      y: s.p,
      z: mask,
      showscale: false,
      colorscale: [
        [0, pal.infeasible],
        [1, pal.infeasible],
      ],
      hovertemplate: 'infeasible<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
    },
  ];
  const hull = hullOverlay(s, plotlyGrid(s));
  data.push({
    type: 'heatmap',
    name: 'above the convex hull',
    x: s.d,
    y: s.p,
    z: hull?.mask ?? mask.map((r) => r.map(() => null)),
    visible: !!hull && hull.count > 0,
    showscale: false,
    opacity: 0.6,
    colorscale: [
      [0, aboveHullColor(pal)],
      [1, aboveHullColor(pal)],
    ],
    hovertemplate: 'above the convex hull: no weighted sum reaches this point<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
  });
  const w = s.weighted ?? null;
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'weighted-sum minimiser',
    visible: !!w && inBox(w.d, dR) && inBox(w.p, pR),
    x: [w ? w.d : dR[0]],
    y: [w ? w.p : pR[0]],
    marker: { size: 11, color: weightedColor(pal), symbol: 'diamond', line: { color: pal.fg, width: 1.5 } },
    hovertemplate: 'min of alpha D + beta P + gamma C<br>D %{x:.3f}<br>P %{y:.3g}<extra></extra>',
  });
  const shapes: Partial<Shape>[] = [
    { type: 'line', xref: 'x', yref: 'paper', x0: clamp(s.D, dR), x1: clamp(s.D, dR), y0: 0, y1: 1, line: { color: pal.marker, width: 1, dash: 'dot' } },
    { type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: clamp(s.P, pR), y1: clamp(s.P, pR), line: { color: pal.marker, width: 1, dash: 'dot' } },
    ...pointMarkShapes(clamp(s.D, dR), clamp(s.P, pR), pal.marker, s.cAtPoint === null),
  ];
  const layout = {
    ...baseLayout(pal),
    uirevision: 'surface-contour',
    showlegend: false,
    margin: { l: 56, r: 8, t: 8, b: 40 },
    xaxis: axis(pal, 'D (max MSE)', { range: dR, showgrid: false }),
    yaxis: axis(pal, s.pTitle, { range: pR, showgrid: false }),
    shapes,
    annotations: [
      {
        xref: 'paper' as const,
        yref: 'paper' as const,
        x: 0.01,
        y: 0.02,
        xanchor: 'left' as const,
        yanchor: 'bottom' as const,
        showarrow: false,
        text: s.hull && hull && hull.count > 0 ? 'grey: infeasible; green: above the convex hull' : 'grey: infeasible',
        font: { size: 11, color: pal.fg },
        bgcolor: 'rgba(0,0,0,0)',
      },
    ],
  };
  return { data, layout, csv: () => surfaceCsv(s) };
}
