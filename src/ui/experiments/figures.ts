// Plotly figures of a sweep: the CDP paper's Fig. 3 trio (each pair of D, P,
// C with the third as colour and iso-curves of it) and a 3-D scatter. Pure:
// tested in Node.

import type { Data, Layout } from 'plotly.js-dist-min';
import { toCsv, type Cell } from '../../plots/csv';
import type { Figure } from '../../plots/figure';
import { fmt } from '../../plots/format';
import { axis, baseLayout, type Palette } from '../../plots/palette';
import { isoCurves, type Axis, type DPC, type Weights } from '../../experiments';

/** Standard errors of P and C and the test-image count, when the evaluation recorded them. */
export interface WithSe {
  readonly Pse?: number | null;
  readonly Cse?: number | null;
  /** SE of D: the training-seed spread (dense grids of conditional models). */
  readonly Dse?: number | null;
  readonly n?: number;
}

export interface PlotPoint extends DPC, WithSe {
  readonly index: number;
  readonly weights: Weights;
  readonly admissible: boolean;
}

export interface TrailPoint {
  readonly iteration: number;
  readonly D: number;
  /** null: not measured. */
  readonly P: number | null;
  readonly C: number;
}

export interface LiveTrail {
  readonly index: number;
  readonly weights: Weights;
  readonly trail: readonly TrailPoint[];
}

export interface SweepFigureInput {
  /** Keeps zoom and camera while the same experiment updates (plotly uirevision). */
  readonly key: string;
  readonly points: readonly PlotPoint[];
  readonly baselines: { readonly identity: (DPC & WithSe) | null; readonly clean: (DPC & WithSe) | null };
  readonly live: LiveTrail | null;
  readonly onlyAdmissible: boolean;
  /** Points pinned for side-by-side comparison, labelled A and B. */
  readonly pinned: readonly number[];
  /** Iso-curve tolerance as a fraction of the colour quantity's span. */
  readonly isoFraction?: number;
  /** Slide mode: a conditional model's dense family and the slider's point on it. */
  readonly slide?: SlideOverlay | null;
}

export type SlideMarker = DPC & { readonly label: string };

export interface SlideOverlay {
  readonly family: readonly (DPC & WithSe & { readonly weights: Weights })[];
  readonly marker: SlideMarker | null;
  /**
   * Set where the plot draws the marker itself over the chart (Plot's live
   * marker, moved without a redraw): the figure then has no ring trace, and
   * its CSV reads the marker here when exported, so the figure does not
   * change while the slider moves.
   */
  readonly liveMarker?: { readonly current: SlideMarker | null };
}

export type PairId = 'pd' | 'cp' | 'cd';

export const AXIS_TITLES: Readonly<Record<Axis, string>> = {
  D: 'D (MSE)',
  P: 'P (Wasserstein estimate)',
  C: 'C (error rate of c₀)',
};

/** The paper's Fig. 3 (a), (b), (c): x, y, and the quantity shown as colour. */
export const PAIRS: Readonly<Record<PairId, { x: Axis; y: Axis; colour: Axis; title: string }>> = {
  pd: { x: 'D', y: 'P', colour: 'C', title: 'P against D, coloured by C' },
  cp: { x: 'P', y: 'C', colour: 'D', title: 'C against P, coloured by D' },
  cd: { x: 'D', y: 'C', colour: 'P', title: 'C against D, coloured by P' },
};

type Annotation = Partial<NonNullable<Layout['annotations']>[number]>;

const BASELINE_LABELS = { identity: 'Identity restorer (degraded input)', clean: 'Clean input' } as const;
const PIN_LABELS = ['A', 'B'];

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** The colour of a plotly colour scale at t in [0, 1], linearly interpolated. */
export function scaleColor(scale: readonly [number, string][], t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  for (let k = 1; k < scale.length; k++) {
    const [t1, c1] = scale[k];
    if (u <= t1) {
      const [t0, c0] = scale[k - 1];
      const f = t1 > t0 ? (u - t0) / (t1 - t0) : 0;
      const a = hexToRgb(c0);
      const b = hexToRgb(c1);
      const mix = a.map((v, i) => Math.round(v + f * (b[i] - v)));
      return `rgb(${mix[0]}, ${mix[1]}, ${mix[2]})`;
    }
  }
  const last = hexToRgb(scale[scale.length - 1][1]);
  return `rgb(${last[0]}, ${last[1]}, ${last[2]})`;
}

function finiteOn(p: { D: number; P: number | null; C: number }, axes: readonly Axis[]): boolean {
  return axes.every((a) => {
    const v = p[a];
    return v !== null && Number.isFinite(v);
  });
}

const val = (p: { D: number; P: number | null; C: number }, a: Axis): number => (p[a] === null ? NaN : (p[a] as number));

function span(values: number[]): [number, number] | null {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return null;
  return [Math.min(...v), Math.max(...v)];
}

/** Padded [lo, hi] of the restorer points and the live trail on one axis; null when there is nothing. */
function dataRange(inp: SweepFigureInput, shown: readonly PlotPoint[], a: Axis): [number, number] | null {
  const vals = [...shown.map((p) => val(p, a)), ...(inp.live?.trail ?? []).map((t) => val(t, a)), ...(inp.slide?.family ?? []).map((p) => val(p, a))];
  const s = span(vals);
  if (!s) return null;
  const w = s[1] - s[0] || Math.max(1e-3, Math.abs(s[0]) * 0.1);
  return [s[0] - 0.1 * w, s[1] + 0.1 * w];
}

function customdata(p: PlotPoint): (number | string)[] {
  return [p.index, p.weights.alpha, p.weights.beta, p.weights.gamma, fmt(p.D, 4), fmt(p.P, 4), fmt(p.C, 4)];
}

const HOVER =
  'Point %{customdata[0]}: α=%{customdata[1]} β=%{customdata[2]} γ=%{customdata[3]}<br>' +
  'D %{customdata[4]} · P %{customdata[5]} · C %{customdata[6]}<br>%{text}<extra></extra>';

/** The standard error of a point on an axis, when recorded. */
function seOn(p: WithSe, a: Axis): number | null {
  const v = a === 'P' ? p.Pse : a === 'C' ? p.Cse : p.Dse;
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** ± 1 SE whiskers on an axis; none when no point has an SE there. */
function whiskers(points: readonly WithSe[], a: Axis, color: string): Record<string, unknown> | undefined {
  const se = points.map((p) => seOn(p, a));
  if (se.every((v) => v === null)) return undefined;
  return { type: 'data', array: se.map((v) => v ?? 0), visible: true, color, thickness: 1, width: 2 };
}

function shownPoints(inp: SweepFigureInput, axes: readonly Axis[]): PlotPoint[] {
  return inp.points.filter((p) => finiteOn(p, axes) && (!inp.onlyAdmissible || p.admissible));
}

/** P_se, C_se, n: empty where not recorded (files from before they existed, the live trail). */
function seCells(p: WithSe): Cell[] {
  const c = (x: number | null | undefined): Cell => (x === null || x === undefined || !Number.isFinite(x) ? '' : x);
  return [c(p.Pse), c(p.Cse), c(p.n), c(p.Dse)];
}

function csvFor(inp: SweepFigureInput): () => string {
  return () => {
    const rows: Cell[][] = [];
    for (const p of inp.points) {
      if (inp.onlyAdmissible && !p.admissible) continue;
      rows.push(['point', p.index, p.weights.alpha, p.weights.beta, p.weights.gamma, p.D, p.P, p.C, p.admissible ? 1 : 0, '', ...seCells(p)]);
    }
    for (const k of ['identity', 'clean'] as const) {
      const b = inp.baselines[k];
      if (b) rows.push([k, '', '', '', '', b.D, b.P, b.C, '', '', ...seCells(b)]);
    }
    if (inp.live) {
      const w = inp.live.weights;
      for (const t of inp.live.trail) rows.push(['training', inp.live.index, w.alpha, w.beta, w.gamma, t.D, t.P, t.C, '', t.iteration]);
    }
    for (const f of inp.slide?.family ?? []) rows.push(['conditional', '', f.weights.alpha, f.weights.beta, f.weights.gamma, f.D, f.P, f.C, '', '', ...seCells(f)]);
    const m = inp.slide?.liveMarker ? inp.slide.liveMarker.current : inp.slide?.marker;
    if (m) rows.push(['slider', '', '', '', '', m.D, m.P, m.C, '', '', '', '', '', '']);
    return toCsv(['kind', 'index', 'alpha', 'beta', 'gamma', 'D', 'P', 'C', 'admissible', 'iteration', 'P_se', 'C_se', 'n', 'D_se'], rows);
  };
}

function colourRange(points: readonly PlotPoint[], a: Axis): [number, number] {
  const s = span(points.map((p) => val(p, a)));
  if (!s) return [0, 1];
  return s[1] > s[0] ? s : [s[0] - 1e-9, s[0] + 1e-9];
}

/** One of the Fig. 3 trio. */
export function pairFigure(id: PairId, inp: SweepFigureInput, pal: Palette): Figure {
  const { x, y, colour } = PAIRS[id];
  const axes = [x, y, colour] as const;
  const shown = shownPoints(inp, axes);
  const [cmin, cmax] = colourRange(shown, colour);
  const data: Data[] = [];

  // Iso-curves of the colour quantity under the points.
  const curves = isoCurves(
    shown.map((p) => ({ level: val(p, colour), x: val(p, x), y: val(p, y) })),
    { fraction: inp.isoFraction },
  );
  curves.forEach((cv, k) => {
    data.push({
      type: 'scatter',
      mode: 'lines',
      name: `${colour} ≈ ${fmt(cv.level, 3)}`,
      legendgroup: 'iso',
      // Every curve is named: which level a dotted line is must be readable in the legend and the PNG.
      showlegend: true,
      legendgrouptitle: k === 0 ? { text: `iso-${colour} curves` } : undefined,
      x: cv.indices.map((i) => val(shown[i], x)),
      y: cv.indices.map((i) => val(shown[i], y)),
      line: { color: scaleColor(pal.scale, (cv.level - cmin) / (cmax - cmin)), width: 1.5, dash: 'dot' },
      // Not hoverable: a curve passes through its points, and hover and click must find the point.
      hoverinfo: 'skip',
    } as Data);
  });

  data.push({
    type: 'scatter',
    mode: 'markers',
    name: inp.onlyAdmissible ? 'Admissible points' : 'Finished points',
    x: shown.map((p) => val(p, x)),
    y: shown.map((p) => val(p, y)),
    customdata: shown.map(customdata),
    text: shown.map((p) => (p.admissible ? 'admissible' : 'dominated')),
    hovertemplate: HOVER,
    error_x: whiskers(shown, x, pal.muted),
    error_y: whiskers(shown, y, pal.muted),
    marker: {
      size: 10,
      color: shown.map((p) => val(p, colour)),
      colorscale: pal.scale as unknown as string,
      cmin,
      cmax,
      showscale: shown.length > 0,
      colorbar: { title: { text: colour, side: 'right' }, thickness: 10, len: 0.8, tickfont: { size: 10 } },
      line: { color: pal.fg, width: 0.5 },
    },
  } as Data);

  if (!inp.onlyAdmissible) {
    const adm = shown.filter((p) => p.admissible);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'Admissible (not dominated)',
      x: adm.map((p) => val(p, x)),
      y: adm.map((p) => val(p, y)),
      hoverinfo: 'skip',
      marker: { size: 17, symbol: 'circle-open', color: pal.fg, line: { width: 1.5 } },
    } as Data);
  }

  pinnedTrace(inp, shown, x, y, pal, data);
  liveTraces(inp, x, y, pal, data);
  slideTraces(inp, x, y, colour, cmin, cmax, pal, data);
  const annotations = baselineMarks(inp, shown, x, y, pal, data);

  const xr = annotations.length ? dataRange(inp, shown, x) : null;
  const yr = annotations.length ? dataRange(inp, shown, y) : null;
  const layout = {
    ...baseLayout(pal),
    uirevision: `${inp.key}:${id}`,
    margin: { l: 56, r: 8, t: 8, b: 40 },
    // Below the x axis and its title, outside the data area (plotly grows the
    // bottom margin to fit it), so no legend row sits on a point.
    legend: { ...baseLayout(pal).legend, y: -0.2, yanchor: 'top' as const, yref: 'paper' as const },
    xaxis: axis(pal, AXIS_TITLES[x], xr ? { range: xr, autorange: false } : {}),
    yaxis: axis(pal, AXIS_TITLES[y], yr ? { range: yr, autorange: false } : {}),
    annotations,
  };
  return { data, layout, csv: csvFor(inp) };
}

/**
 * Slide mode: the conditional model's dense family as small dots coloured by
 * the third criterion (on the fixed points' colour scale), and the slider's
 * point as a large ring that moves as the sliders do.
 */
function slideTraces(inp: SweepFigureInput, x: Axis, y: Axis, colour: Axis, cmin: number, cmax: number, pal: Palette, data: Data[]): void {
  const s = inp.slide;
  if (!s) return;
  const fam = s.family.filter((p) => finiteOn(p, [x, y, colour]));
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'Conditional model, dense grid',
    x: fam.map((p) => val(p, x)),
    y: fam.map((p) => val(p, y)),
    text: fam.map((p) => `α=${p.weights.alpha} β=${p.weights.beta} γ=${p.weights.gamma}<br>D ${fmt(p.D, 4)} · P ${fmt(p.P, 4)} · C ${fmt(p.C, 4)}`),
    hovertemplate: '%{text}<extra>conditional</extra>',
    marker: { size: 5, color: fam.map((p) => val(p, colour)), colorscale: pal.scale as unknown as string, cmin, cmax, opacity: 0.75 },
  } as Data);
  const m = s.marker;
  if (m && !s.liveMarker && finiteOn(m, [x, y])) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `Slider: ${m.label}`,
      x: [val(m, x)],
      y: [val(m, y)],
      hovertemplate: `${m.label}<br>D ${fmt(m.D, 4)} · P ${fmt(m.P, 4)} · C ${fmt(m.C, 4)}<extra>slider</extra>`,
      marker: { size: 18, symbol: 'circle-open', color: pal.xhat, line: { width: 3, color: pal.xhat } },
    } as Data);
  }
}

function pinnedTrace(inp: SweepFigureInput, shown: readonly PlotPoint[], x: Axis, y: Axis, pal: Palette, data: Data[]): void {
  const pins = inp.pinned.map((i) => shown.find((p) => p.index === i)).filter((p): p is PlotPoint => p !== undefined);
  if (pins.length === 0) return;
  data.push({
    type: 'scatter',
    mode: 'text+markers',
    name: 'Pinned',
    x: pins.map((p) => val(p, x)),
    y: pins.map((p) => val(p, y)),
    text: pins.map((p) => PIN_LABELS[inp.pinned.indexOf(p.index)]),
    textposition: 'top center',
    textfont: { color: pal.c, size: 13 },
    hoverinfo: 'skip',
    marker: { size: 21, symbol: 'square-open', color: pal.c, line: { width: 2 } },
  } as Data);
}

function liveTraces(inp: SweepFigureInput, x: Axis, y: Axis, pal: Palette, data: Data[]): void {
  const live = inp.live;
  if (!live) return;
  const trail = live.trail.filter((t) => finiteOn(t, [x, y]));
  if (trail.length === 0) return;
  const w = live.weights;
  const label = `In training: α=${w.alpha} β=${w.beta} γ=${w.gamma}`;
  data.push({
    type: 'scatter',
    mode: 'lines+markers',
    name: 'Training trail',
    showlegend: false,
    x: trail.map((t) => val(t, x)),
    y: trail.map((t) => val(t, y)),
    opacity: 0.35,
    line: { color: pal.marker, width: 1.5 },
    marker: { size: 5, color: pal.marker },
    hovertemplate: `${label}<br>iteration %{text}<extra></extra>`,
    text: trail.map((t) => String(t.iteration)),
  } as Data);
  const last = trail[trail.length - 1];
  data.push({
    type: 'scatter',
    mode: 'markers',
    name: 'In training',
    x: [val(last, x)],
    y: [val(last, y)],
    hovertemplate: `${label}<br>iteration ${last.iteration}: D ${fmt(last.D, 4)} · P ${fmt(last.P, 4)} · C ${fmt(last.C, 4)}<extra></extra>`,
    marker: { size: 14, symbol: 'diamond', color: pal.xhat, line: { color: pal.fg, width: 1 } },
  } as Data);
}

/**
 * Baselines inside the plotted range are markers; one far outside (the
 * identity restorer's D is ~30 times a trained denoiser's) becomes an arrow
 * on the edge with its values, so the sweep keeps the plot.
 */
function baselineMarks(
  inp: SweepFigureInput,
  shown: readonly PlotPoint[],
  x: Axis,
  y: Axis,
  pal: Palette,
  data: Data[],
): Annotation[] {
  const xr = dataRange(inp, shown, x);
  const yr = dataRange(inp, shown, y);
  const annotations: Annotation[] = [];
  for (const kind of ['identity', 'clean'] as const) {
    const b = inp.baselines[kind];
    if (!b || !finiteOn(b, [x, y])) continue;
    const bx = val(b, x);
    const by = val(b, y);
    const label = BASELINE_LABELS[kind];
    const values = `D ${fmt(b.D, 3)} · P ${fmt(b.P, 3)} · C ${fmt(b.C, 3)}`;
    const inside = !xr || !yr || (bx >= xr[0] && bx <= xr[1] && by >= yr[0] && by <= yr[1]);
    if (inside) {
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: label,
        x: [bx],
        y: [by],
        hovertemplate: `${label}<br>${values}<extra></extra>`,
        marker: { size: 12, symbol: kind === 'clean' ? 'star' : 'x', color: pal.muted, line: { color: pal.fg, width: 1 } },
      } as Data);
    } else {
      const cx = Math.min(xr![1], Math.max(xr![0], bx));
      const cy = Math.min(yr![1], Math.max(yr![0], by));
      // A short arrow at the edge, pointing the way the baseline lies (screen y
      // grows downwards); its values go in the legend, below the plot, so no
      // label covers the points.
      const ax = bx > xr![1] ? -18 : bx < xr![0] ? 18 : 0;
      const ay = by > yr![1] ? 14 : by < yr![0] ? -14 : 0;
      annotations.push({
        x: cx,
        y: cy,
        ax,
        ay: ax === 0 && ay === 0 ? -14 : ay,
        showarrow: true,
        arrowhead: 2,
        arrowwidth: 1.5,
        arrowcolor: pal.muted,
        text: '',
        name: kind,
        hovertext: `${label}: ${values}`,
      });
      data.push({
        type: 'scatter',
        mode: 'markers',
        name: `${kind === 'clean' ? 'clean' : 'identity'} (off scale, arrow at the edge): ${values}`,
        x: [null],
        y: [null],
        hoverinfo: 'skip',
        marker: { size: 10, symbol: kind === 'clean' ? 'star' : 'x', color: pal.muted, line: { color: pal.fg, width: 1 } },
      } as Data);
    }
  }
  return annotations;
}

/** P-D-C in 3-D, coloured by C; admissible points as diamonds. */
export function scatter3dFigure(inp: SweepFigureInput, pal: Palette): Figure {
  const axes = ['D', 'P', 'C'] as const;
  const shown = shownPoints(inp, axes);
  const [cmin, cmax] = colourRange(shown, 'C');
  const data: Data[] = [];
  for (const admissible of [false, true]) {
    const pts = shown.filter((p) => p.admissible === admissible);
    if (inp.onlyAdmissible && !admissible) continue;
    data.push({
      type: 'scatter3d',
      mode: 'markers',
      name: admissible ? 'Admissible' : 'Dominated',
      x: pts.map((p) => p.D),
      y: pts.map((p) => p.P),
      z: pts.map((p) => p.C),
      customdata: pts.map(customdata),
      text: pts.map(() => (admissible ? 'admissible' : 'dominated')),
      hovertemplate: HOVER,
      marker: {
        size: admissible ? 7 : 5,
        symbol: admissible ? 'diamond' : 'circle',
        color: pts.map((p) => p.C),
        colorscale: pal.scale as unknown as string,
        cmin,
        cmax,
        showscale: admissible && shown.length > 0,
        colorbar: { title: { text: 'C' }, thickness: 10, len: 0.7 },
        line: { color: pal.fg, width: admissible ? 1 : 0 },
      },
    } as Data);
  }
  const live = inp.live;
  const trail = live?.trail.filter((t) => finiteOn(t, axes)) ?? [];
  if (live && trail.length) {
    data.push({
      type: 'scatter3d',
      mode: 'lines+markers',
      name: 'In training',
      x: trail.map((t) => t.D),
      y: trail.map((t) => t.P as number),
      z: trail.map((t) => t.C),
      opacity: 0.5,
      line: { color: pal.xhat, width: 3 },
      marker: { size: trail.map((_, i) => (i === trail.length - 1 ? 6 : 2)), color: pal.xhat },
      hovertemplate: `α=${live.weights.alpha} β=${live.weights.beta} γ=${live.weights.gamma}<br>D %{x:.4g} · P %{y:.4g} · C %{z:.4g}<extra>in training</extra>`,
    } as Data);
  }
  if (inp.slide) {
    const fam = inp.slide.family.filter((p) => finiteOn(p, axes));
    data.push({
      type: 'scatter3d',
      mode: 'markers',
      name: 'Conditional model, dense grid',
      x: fam.map((p) => p.D),
      y: fam.map((p) => p.P as number),
      z: fam.map((p) => p.C),
      hovertemplate: 'D %{x:.4g} · P %{y:.4g} · C %{z:.4g}<extra>conditional</extra>',
      marker: { size: 2.5, color: fam.map((p) => p.C), colorscale: pal.scale as unknown as string, cmin, cmax, opacity: 0.7 },
    } as Data);
    const m = inp.slide.marker;
    if (m && finiteOn(m, axes)) {
      data.push({
        type: 'scatter3d',
        mode: 'markers',
        name: `Slider: ${m.label}`,
        x: [m.D],
        y: [m.P as number],
        z: [m.C],
        hovertemplate: `${m.label}<br>D %{x:.4g} · P %{y:.4g} · C %{z:.4g}<extra>slider</extra>`,
        marker: { size: 8, symbol: 'circle-open', color: pal.xhat, line: { width: 3, color: pal.xhat } },
      } as Data);
    }
  }
  // Baselines only when they do not flatten the cloud: within 3 spans of it.
  const ranges = axes.map((a) => dataRange(inp, shown, a));
  for (const kind of ['identity', 'clean'] as const) {
    const b = inp.baselines[kind];
    if (!b || !finiteOn(b, axes)) continue;
    const near = ranges.every((r, i) => !r || (val(b, axes[i]) >= r[0] - 3 * (r[1] - r[0]) && val(b, axes[i]) <= r[1] + 3 * (r[1] - r[0])));
    if (!near) continue;
    data.push({
      type: 'scatter3d',
      mode: 'markers',
      name: BASELINE_LABELS[kind],
      x: [b.D],
      y: [b.P],
      z: [b.C],
      hovertemplate: `${BASELINE_LABELS[kind]}<br>D %{x:.4g} · P %{y:.4g} · C %{z:.4g}<extra></extra>`,
      marker: { size: 6, symbol: kind === 'clean' ? 'cross' : 'x', color: pal.muted },
    } as Data);
  }
  const sceneAxis = (a: Axis) => ({ title: { text: a }, gridcolor: pal.grid, zerolinecolor: pal.zero, color: pal.fg });
  const layout = {
    ...baseLayout(pal),
    uirevision: `${inp.key}:3d`,
    margin: { l: 0, r: 0, t: 8, b: 0 },
    scene: {
      xaxis: sceneAxis('D'),
      yaxis: sceneAxis('P'),
      zaxis: sceneAxis('C'),
      camera: { eye: { x: 1.8, y: -1.8, z: 1.0 } },
      aspectmode: 'cube' as const,
    },
  };
  return { data, layout, csv: csvFor(inp) };
}
