import type { Data, Shape } from 'plotly.js-dist-min';
import { toCsv } from '../csv';
import type { Figure } from '../figure';
import { finiteArray } from '../format';
import { axis, baseLayout, type Palette } from '../palette';
import { dotShape } from '../shapes';

export interface CurvesSeries {
  a: number[];
  d: number[];
  p: number[];
  c: number[];
  /** The current a and its criteria. */
  current: { a: number; d: number; p: number; c: number };
  /** Constraint levels and the feasible set of a they leave (null while unknown). */
  D: number;
  P: number;
  feasible: [number, number][] | null;
  /** Axis title of the perception index, e.g. "P = KL". */
  pTitle: string;
}

// Three stacked panels sharing the a axis: D on top, P in the middle, C below.
const DOMAINS: [number, number][] = [
  [0.7, 1],
  [0.36, 0.64],
  [0, 0.3],
];

/** Slides' panel d: D(a), P(a), C(a) with the current a and the feasible set of a. */
export function curvesFigure(s: CurvesSeries, pal: Palette): Figure {
  const lo = s.a[0];
  const hi = s.a[s.a.length - 1];
  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'D(a)', x: s.a, y: finiteArray(s.d), yaxis: 'y', line: { color: pal.d, width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'P(a)', x: s.a, y: finiteArray(s.p), yaxis: 'y2', line: { color: pal.p, width: 2 } },
    { type: 'scatter', mode: 'lines', name: 'C(a)', x: s.a, y: finiteArray(s.c), yaxis: 'y3', line: { color: pal.c, width: 2 } },
  ];
  // Ranges do not follow the current a, so dragging a only moves shapes.
  const dTop = panelTop(s.a, s.d, s.D);
  const pTop = panelTop(s.a, s.p, s.P);
  const cMax = maxFinite(s.c);
  const shapes: Partial<Shape>[] = [];
  for (const [f0, f1] of s.feasible ?? []) {
    shapes.push({
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: Math.max(lo, f0),
      x1: Math.min(hi, f1),
      y0: 0,
      y1: 1,
      fillcolor: pal.feasible,
      line: { width: 0 },
      layer: 'below',
    });
  }
  shapes.push({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: s.current.a,
    x1: s.current.a,
    y0: 0,
    y1: 1,
    line: { color: pal.marker, width: 1, dash: 'dot' },
  });
  // The constraint levels D and P in their own panels.
  shapes.push(hline('y', s.D, pal.d), hline('y2', s.P, pal.p));
  // The current a on each curve (shapes: see shapes.ts).
  const cTop = Math.max(1.05 * cMax, 0.05);
  const tops = [dTop, pTop, cTop];
  (['y', 'y2', 'y3'] as const).forEach((ya, k) => {
    const v = [s.current.d, s.current.p, s.current.c][k];
    if (Number.isFinite(v) && v <= tops[k]) shapes.push(dotShape('x', ya, s.current.a, v, pal.marker, pal.fg));
  });

  const layout = {
    ...baseLayout(pal),
    uirevision: 'curves-vs-a',
    margin: { l: 56, r: 16, t: 8, b: 40 },
    xaxis: axis(pal, 'a  (restorer X̂ = aY)', { range: [lo, hi], anchor: 'y3' }),
    yaxis: axis(pal, 'D = MSE', { domain: DOMAINS[0], range: [0, dTop] }),
    yaxis2: axis(pal, s.pTitle, { domain: DOMAINS[1], range: [0, pTop] }),
    yaxis3: axis(pal, 'C = error', { domain: DOMAINS[2], range: [0, cTop] }),
    shapes,
  };

  const csv = () => toCsv(['a', 'D', 'P', 'C'], s.a.map((a, i) => [a, s.d[i], s.p[i], s.c[i]]));
  return { data, layout, csv };
}

function hline(yref: 'y' | 'y2', y: number, color: string): Partial<Shape> {
  return {
    type: 'line',
    xref: 'paper',
    yref,
    x0: 0,
    x1: 1,
    y0: y,
    y1: y,
    line: { color, width: 1, dash: 'dash' },
  };
}

function maxFinite(v: readonly number[]): number {
  let m = 0;
  for (const x of v) if (Number.isFinite(x) && x > m) m = x;
  return m;
}

/** Where the interesting a live: the linear MMSE gain is always in (0, 1]. */
const WINDOW: [number, number] = [-0.5, 1.5];

/**
 * Top of a panel's y range, chosen to show where the curve crosses its
 * constraint level: a few times the level or the curve's minimum, not its
 * maximum (D grows like a^2 and KL diverges near a = 0, which would flatten
 * the part that matters). A current value above the top is marked by the
 * dotted line at the current a alone.
 */
export function panelTop(a: readonly number[], v: readonly number[], level: number): number {
  const inWin: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] >= WINDOW[0] && a[i] <= WINDOW[1] && Number.isFinite(v[i])) inWin.push(v[i]);
  }
  inWin.sort((x, y) => x - y);
  const min = inWin.length ? inWin[0] : 0;
  const median = inWin.length ? inWin[Math.floor((inWin.length - 1) / 2)] : 1;
  let top = Math.max(Number.isFinite(level) ? 2.5 * level : 0, 3 * min);
  if (!(top > 0)) top = median > 0 ? median : 1;
  return 1.1 * top;
}
