import type { Data, Layout } from 'plotly.js-dist-min';

// A text summary of what a figure shows, for screen readers (and anyone who
// cannot see the canvas): per trace its name, extent and extremes. Built from
// the same arrays the plot draws, so it is never out of date.

type Loose = Record<string, unknown>;

/** Plotly names may carry <sub>/<sup> markup; the summary is plain text. */
function plain(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/<sub>(.*?)<\/sub>/gi, '_$1')
    .replace(/<sup>(.*?)<\/sup>/gi, '^$1')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function num(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(2).replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}

function numbers(v: unknown): number[] {
  if (!v || typeof v !== 'object') return [];
  const arr = Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<unknown>) : [];
  const out: number[] = [];
  for (const x of arr) {
    if (Array.isArray(x) || ArrayBuffer.isView(x)) out.push(...numbers(x));
    else if (typeof x === 'number' && Number.isFinite(x)) out.push(x);
  }
  return out;
}

function length(v: unknown): number {
  return Array.isArray(v) || ArrayBuffer.isView(v) ? (v as ArrayLike<unknown>).length : 0;
}

function extent(xs: number[]): [number, number] | null {
  if (xs.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function axisTitle(layout: Loose, key: string): string {
  const ax = layout[key] as Loose | undefined;
  const t = ax?.title;
  return plain(typeof t === 'string' ? t : (t as Loose | undefined)?.text);
}

function traceSummary(t: Loose, index: number): string | null {
  if (t.visible === false) return null;
  const type = typeof t.type === 'string' ? t.type : 'scatter';
  const name = plain(t.name) || `series ${index + 1}`;
  if ('z' in t && t.z !== undefined) {
    const z = numbers(t.z);
    const rows = length(t.z);
    const cells = rows * length((t.z as unknown[])[0]);
    const e = extent(z);
    const kind = type === 'surface' ? 'surface' : type === 'contour' ? 'contour map' : 'heat map';
    if (!e) return `${name}: ${kind} with no finite values`;
    const blank = cells > z.length ? `, ${cells - z.length} of ${cells} cells empty (infeasible or undefined)` : '';
    return `${name}: ${kind}, values from ${num(e[0])} to ${num(e[1])}${blank}`;
  }
  const ys = t.y;
  const xs = t.x;
  const n = Math.max(length(xs), length(ys));
  if (n === 0) return null;
  const x = Array.from((xs ?? []) as ArrayLike<unknown>);
  const y = Array.from((ys ?? []) as ArrayLike<unknown>);
  if (type === 'bar' || n <= 5) {
    const pairs = x
      .map((xi, i) => [xi, y[i]] as const)
      .filter(([xi, yi]) => typeof xi === 'number' && typeof yi === 'number' && Number.isFinite(yi))
      .slice(0, 8)
      .map(([xi, yi]) => `${num(xi as number)}: ${num(yi as number)}`);
    if (pairs.length === 0) return null;
    return `${name}: ${type === 'bar' ? 'bars' : 'points'} at ${pairs.join(', ')}${n > 8 ? ', …' : ''}`;
  }
  let lo = -1;
  let hi = -1;
  const yNum = y.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN));
  yNum.forEach((v, i) => {
    if (Number.isNaN(v)) return;
    if (lo < 0 || v < yNum[lo]) lo = i;
    if (hi < 0 || v > yNum[hi]) hi = i;
  });
  const xe = extent(numbers(xs));
  if (lo < 0 || !xe) return `${name}: ${n} points, none finite`;
  const at = (i: number) => (typeof x[i] === 'number' ? ` at ${num(x[i] as number)}` : '');
  return `${name}: ${n} points over ${num(xe[0])} to ${num(xe[1])}, lowest ${num(yNum[lo])}${at(lo)}, highest ${num(yNum[hi])}${at(hi)}`;
}

/** One paragraph: axes, then each visible trace. */
export function summarizeFigure(data: readonly Data[], layout: Partial<Layout>): string {
  const l = layout as Loose;
  const parts: string[] = [];
  const xt = axisTitle(l, 'xaxis');
  const yt = axisTitle(l, 'yaxis');
  const scene = l.scene as Loose | undefined;
  if (scene) {
    const s = ['xaxis', 'yaxis', 'zaxis'].map((k) => axisTitle(scene, k)).filter(Boolean);
    if (s.length) parts.push(`3D axes: ${s.join(', ')}.`);
  } else if (xt || yt) {
    parts.push(`Horizontal axis: ${xt || 'unlabelled'}; vertical axis: ${yt || 'unlabelled'}.`);
  }
  const traces = data
    .map((t, i) => traceSummary(t as Loose, i))
    .filter((s): s is string => s !== null);
  parts.push(traces.length ? `${traces.join('. ')}.` : 'No data yet.');
  return parts.join(' ');
}
