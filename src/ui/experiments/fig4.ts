import { base64ToBytes } from '../../experiments/base64';
import type { ExperimentBundle, PointRecord, Thumbnails } from '../../experiments';
import { fmt } from '../../plots/format';
import { imageToRgba } from '../data/pixels';
import { formatWithSe } from './format';

/**
 * Fig. 4 of the paper (restored samples for different weights) as one
 * canvas: rows are the distinct beta values, columns the distinct gamma
 * values, each cell the same few test digits restored by that point with
 * D / P / C under them, and a reference row with the clean and degraded
 * digits. The layout and the drawing are pure (no React, no DOM globals):
 * the drawing takes a 2-D context, so a fake one can test it.
 */

/** Test digits per cell, at most. */
export const FIG4_MAX_DIGITS = 4;

export interface Fig4Cell {
  readonly beta: number;
  readonly gamma: number;
  readonly alpha: number;
  /** The point's index in the sweep. */
  readonly index: number;
  readonly D: number;
  readonly P: number | null;
  readonly Pse: number | null;
  readonly C: number;
  readonly Cse: number | null;
  /** "D 0.0320", "P 1.57 ± 0.05", "C 0.295 ± 0.010". */
  readonly lines: readonly [string, string, string];
  readonly thumbs: Thumbnails;
}

export interface Fig4Layout {
  /** Ascending distinct beta values: one row each. */
  readonly betas: readonly number[];
  /** Ascending distinct gamma values: one column each. */
  readonly gammas: readonly number[];
  /** cells[row][col]; null where that (beta, gamma) has no finished point with images. */
  readonly cells: readonly (readonly (Fig4Cell | null)[])[];
  /** The alpha shown (null when no point qualifies). */
  readonly alpha: number | null;
  /** Clean and degraded test images (the same for every point). */
  readonly reference: Thumbnails | null;
  /** Digits per cell: the fewest any cell has, at most FIG4_MAX_DIGITS. */
  readonly digits: number;
  /** Image size of every cell (cells of another size are left out). */
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  /** What was left out and why, for the caption; null when nothing was. */
  readonly note: string | null;
}

/** Weights as grouping keys: 0.1 + 0.2 and 0.3 are one column. */
function key(v: number): number {
  return Number(v.toPrecision(12));
}

/** Three significant digits, trailing zeros kept: 0.032 -> "0.0320". */
export function sig3(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return fmt(v, 3);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000 && a < 1e6) return v.toFixed(0);
  if (a >= 1e-3 && a < 1000) return v.toPrecision(3);
  return fmt(v, 3);
}

/** The three lines under a cell. */
export function fig4Lines(m: { D: number; P: number | null; C: number; Pse?: number | null; Cse?: number | null }): [string, string, string] {
  const withSe = (v: number | null, se: number | null | undefined) =>
    v !== null && Number.isFinite(v) && se !== null && se !== undefined && Number.isFinite(se) && se >= 0 ? formatWithSe(v, se) : sig3(v);
  return [`D ${sig3(m.D)}`, `P ${withSe(m.P, m.Pse)}`, `C ${withSe(m.C, m.Cse)}`];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

type Usable = PointRecord & { metrics: NonNullable<PointRecord['metrics']>; thumbnails: Thumbnails };

export function fig4Layout(bundle: ExperimentBundle): Fig4Layout {
  const usable = bundle.points
    .filter((p): p is Usable => p.status === 'done' && p.metrics !== null && p.thumbnails !== null)
    .sort((a, b) => a.index - b.index);
  const empty: Fig4Layout = { betas: [], gammas: [], cells: [], alpha: null, reference: null, digits: 0, height: 0, width: 0, channels: 1, note: null };
  if (usable.length === 0) return empty;

  const notes: string[] = [];

  // The most common alpha (ties: the smallest).
  const byAlpha = new Map<number, number>();
  for (const p of usable) byAlpha.set(key(p.weights.alpha), (byAlpha.get(key(p.weights.alpha)) ?? 0) + 1);
  let alpha = NaN;
  let most = -1;
  for (const [a, n] of [...byAlpha].sort((x, y) => x[0] - y[0])) {
    if (n > most) {
      alpha = a;
      most = n;
    }
  }
  if (byAlpha.size > 1) {
    notes.push(`α takes ${byAlpha.size} values; showing α = ${fmt(alpha, 4)} (${most} of ${plural(usable.length, 'point')} with images)`);
  }
  const atAlpha = usable.filter((p) => key(p.weights.alpha) === alpha);

  // Every cell shares the first point's image size.
  const first = atAlpha[0].thumbnails;
  const same = atAlpha.filter((p) => p.thumbnails.height === first.height && p.thumbnails.width === first.width && p.thumbnails.channels === first.channels);
  if (same.length < atAlpha.length) {
    notes.push(`${plural(atAlpha.length - same.length, 'point')} with images of another size left out`);
  }

  const betas = [...new Set(same.map((p) => key(p.weights.beta)))].sort((a, b) => a - b);
  const gammas = [...new Set(same.map((p) => key(p.weights.gamma)))].sort((a, b) => a - b);
  const cells: (Fig4Cell | null)[][] = betas.map(() => gammas.map(() => null));
  let duplicates = 0;
  for (const p of same) {
    const r = betas.indexOf(key(p.weights.beta));
    const c = gammas.indexOf(key(p.weights.gamma));
    if (cells[r][c]) {
      duplicates++;
      continue;
    }
    const m = p.metrics;
    cells[r][c] = {
      beta: betas[r],
      gamma: gammas[c],
      alpha,
      index: p.index,
      D: m.D,
      P: m.P,
      Pse: m.Pse ?? null,
      C: m.C,
      Cse: m.Cse ?? null,
      lines: fig4Lines(m),
      thumbs: p.thumbnails,
    };
  }
  if (duplicates > 0) notes.push(`${plural(duplicates, 'repeated point')} at the same (β, γ) left out; the first is shown`);

  const digits = Math.min(FIG4_MAX_DIGITS, ...same.map((p) => p.thumbnails.count));
  return {
    betas,
    gammas,
    cells,
    alpha,
    reference: first,
    digits,
    height: first.height,
    width: first.width,
    channels: first.channels,
    note: notes.length > 0 ? `${notes.join('; ')}.` : null,
  };
}

/** cdp-lab-fig4-<slug>.png */
export function fig4FileName(experimentName: string): string {
  const slug =
    experimentName
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 60) || 'experiment';
  return `cdp-lab-fig4-${slug}.png`;
}

// ---------------------------------------------------------------- geometry

export interface Fig4Fonts {
  /** A CSS font-family list. */
  readonly family: string;
}

const PAD = 8;
const CELL_PAD = 6;
const DIGIT_GAP = 2;
const LINE_H = 14;
const HEAD_H = 18;
const TEXT_PX = 11;
const HEAD_PX = 12;
/** Safari refuses canvases over 2^24 pixels. */
const MAX_CANVAS_PIXELS = 16_000_000;

/** `size` scales the type (presentation mode passes its plot font scale). */
export function fig4Fonts(family: string, size = 1): { text: string; head: string } {
  return { text: `${TEXT_PX * size}px ${family}`, head: `600 ${HEAD_PX * size}px ${family}` };
}

export interface Fig4Geometry {
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Canvas pixels per CSS pixel. */
  readonly ratio: number;
  /** Canvas size. */
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** Image pixels -> CSS pixels (2 for 28x28). */
  readonly scale: number;
  readonly labelW: number;
  readonly colW: number;
  readonly refH: number;
  readonly rowH: number;
  /** Top-left of the grid's first cell (below the reference row and the gamma header). */
  readonly gridX: number;
  readonly gridY: number;
  readonly fonts: { readonly text: string; readonly head: string };
  /** Type scale and the text metrics it gives (CSS pixels). */
  readonly textScale: number;
  readonly lineH: number;
  readonly headH: number;
}

export const REF_LABELS = ['Clean X', 'Degraded Y'] as const;

export function betaLabel(b: number): string {
  return `β = ${fmt(b, 4)}`;
}
export function gammaLabel(g: number): string {
  return `γ = ${fmt(g, 4)}`;
}

/**
 * Where everything goes. `measure(text, font)` is the text's width in CSS
 * pixels (ctx.measureText in the app). `ratio` is the canvas resolution per
 * CSS pixel; it falls back to 1 when the canvas would be too large.
 * `textScale` enlarges the labels and the D/P/C lines (not the digits).
 */
export function fig4Geometry(
  layout: Fig4Layout,
  measure: (text: string, font: string) => number,
  family = 'sans-serif',
  ratio = 2,
  textScale = 1,
): Fig4Geometry {
  const fonts = fig4Fonts(family, textScale);
  const lineH = LINE_H * textScale;
  const headH = HEAD_H * textScale;
  const scale = layout.height <= 32 ? 2 : 1;
  const imgW = layout.width * scale;
  const imgH = layout.height * scale;
  const block = Math.max(1, layout.digits) * (imgW + DIGIT_GAP) - DIGIT_GAP;
  let textW = 0;
  for (const row of layout.cells) for (const c of row) if (c) for (const l of c.lines) textW = Math.max(textW, measure(l, fonts.text));
  for (const g of layout.gammas) textW = Math.max(textW, measure(gammaLabel(g), fonts.head));
  for (const l of REF_LABELS) textW = Math.max(textW, measure(l, fonts.head));
  const colW = Math.ceil(Math.max(block, textW)) + 2 * CELL_PAD;
  let labelW = measure('β ↓  γ →', fonts.head);
  for (const b of layout.betas) labelW = Math.max(labelW, measure(betaLabel(b), fonts.head));
  labelW = Math.ceil(labelW) + PAD;
  const refH = headH + imgH + CELL_PAD * 2;
  const rowH = CELL_PAD + imgH + 4 + 3 * lineH + CELL_PAD;
  const cols = Math.max(2, layout.gammas.length);
  const width = PAD + labelW + cols * colW + PAD;
  const gridX = PAD + labelW;
  const gridY = PAD + refH + headH;
  const height = gridY + layout.betas.length * rowH + PAD;
  let r = Math.max(1, Math.round(ratio));
  while (r > 1 && width * height * r * r > MAX_CANVAS_PIXELS) r--;
  return { width, height, ratio: r, pixelWidth: width * r, pixelHeight: height * r, scale, labelW, colW, refH, rowH, gridX, gridY, fonts, textScale, lineH, headH };
}

// ----------------------------------------------------------------- drawing

export type Fig4Context = Pick<
  CanvasRenderingContext2D,
  | 'setTransform'
  | 'fillRect'
  | 'fillText'
  | 'strokeRect'
  | 'createImageData'
  | 'putImageData'
  | 'measureText'
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textBaseline'
  | 'textAlign'
  | 'imageSmoothingEnabled'
>;

export interface Fig4Colors {
  readonly bg: string;
  readonly fg: string;
  readonly muted: string;
  readonly border: string;
}

export const FIG4_LIGHT: Fig4Colors = { bg: '#ffffff', fg: '#1b1f24', muted: '#5a6470', border: '#d5dae1' };

/** measure() for fig4Geometry from a real (or fake) context. */
export function contextMeasure(ctx: Pick<CanvasRenderingContext2D, 'font' | 'measureText'>): (text: string, font: string) => number {
  return (text, font) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}

/** Draws the figure; the canvas must already be geo.pixelWidth x geo.pixelHeight. */
export function drawFig4(ctx: Fig4Context, layout: Fig4Layout, geo: Fig4Geometry, colors: Fig4Colors = FIG4_LIGHT): void {
  const k = geo.ratio;
  ctx.setTransform(k, 0, 0, k, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = colors.bg;
  ctx.fillRect(0, 0, geo.width, geo.height);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';

  const decoded = new Map<string, Uint8Array | null>();
  const bytesOf = (b64: string): Uint8Array | null => {
    if (!decoded.has(b64)) {
      let v: Uint8Array | null = null;
      try {
        v = base64ToBytes(b64);
      } catch {
        v = null;
      }
      decoded.set(b64, v);
    }
    return decoded.get(b64) ?? null;
  };
  const { height: h, width: w, channels: ch } = layout;
  const px = geo.scale * k;
  const imgW = w * geo.scale;
  const imgH = h * geo.scale;
  const digitsAt = (b64: string, count: number, x: number, y: number) => {
    const bytes = bytesOf(b64);
    const n = Math.min(layout.digits, count);
    if (!bytes || bytes.length < n * h * w * ch) {
      ctx.fillStyle = colors.muted;
      ctx.font = geo.fonts.text;
      ctx.fillText('images unreadable', x, y);
      return;
    }
    for (let i = 0; i < n; i++) {
      const img = ctx.createImageData(w * px, h * px);
      img.data.set(imageToRgba(bytes, i, h, w, ch, px));
      // putImageData ignores the transform: canvas pixels here.
      ctx.putImageData(img, Math.round((x + i * (imgW + DIGIT_GAP)) * k), Math.round(y * k));
    }
  };
  const text = (s: string, x: number, y: number, font: string, color: string) => {
    ctx.font = font;
    ctx.fillStyle = color;
    ctx.fillText(s, x, y);
  };

  // Reference row: clean and degraded test digits.
  const ref = layout.reference;
  if (ref) {
    text('Reference', PAD, PAD + geo.headH + CELL_PAD, geo.fonts.head, colors.fg);
    const fields = ['clean', 'degraded'] as const;
    fields.forEach((f, i) => {
      const x = geo.gridX + i * geo.colW + CELL_PAD;
      text(REF_LABELS[i], x, PAD + 2, geo.fonts.head, colors.fg);
      digitsAt(ref[f], ref.count, x, PAD + geo.headH + CELL_PAD);
    });
  }

  // Gamma header and the corner.
  const headY = PAD + geo.refH + 2;
  text('β ↓  γ →', PAD, headY, geo.fonts.head, colors.muted);
  layout.gammas.forEach((g, c) => text(gammaLabel(g), geo.gridX + c * geo.colW + CELL_PAD, headY, geo.fonts.head, colors.fg));

  ctx.strokeStyle = colors.border;
  ctx.lineWidth = 1;
  layout.betas.forEach((b, r) => {
    const y = geo.gridY + r * geo.rowH;
    text(betaLabel(b), PAD, y + CELL_PAD + Math.max(0, imgH / 2 - (HEAD_PX * geo.textScale) / 2), geo.fonts.head, colors.fg);
    layout.gammas.forEach((_, c) => {
      const x = geo.gridX + c * geo.colW;
      ctx.strokeRect(x + 0.5, y + 0.5, geo.colW - 1, geo.rowH - 1);
      const cell = layout.cells[r]?.[c] ?? null;
      if (!cell) {
        text('no point', x + CELL_PAD, y + CELL_PAD + imgH / 2 - (TEXT_PX * geo.textScale) / 2, geo.fonts.text, colors.muted);
        return;
      }
      digitsAt(cell.thumbs.restored, cell.thumbs.count, x + CELL_PAD, y + CELL_PAD);
      cell.lines.forEach((l, i) => text(l, x + CELL_PAD, y + CELL_PAD + imgH + 4 + i * geo.lineH, geo.fonts.text, colors.fg));
    });
  });
}
