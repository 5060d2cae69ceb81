import { describe, expect, it } from 'vitest';
import type { ExperimentBundle, ExperimentConfig, PointRecord, Weights } from '../../experiments';
import { base64ToBytes } from '../../experiments/base64';
import { fakeBundle, thumbnails } from '../../experiments/fixtures';
import { DEFAULT_PRESET } from '../../experiments/presets';
import { imageToRgba } from '../data/pixels';
import { drawFig4, fig4FileName, fig4Geometry, fig4Layout, fig4Lines, sig3, type Fig4Context } from './fig4';

function listBundle(points: Weights[]): ExperimentBundle {
  const config: ExperimentConfig = { ...DEFAULT_PRESET.config, weights: { kind: 'list', points } };
  return fakeBundle({ config });
}

function withPoints(b: ExperimentBundle, f: (p: PointRecord) => PointRecord): ExperimentBundle {
  return { ...b, points: b.points.map(f) };
}

function failed(p: PointRecord): PointRecord {
  return { ...p, status: 'failed', reason: 'NaN loss', metrics: null, thumbnails: null };
}

describe('fig4Layout', () => {
  it('puts beta on rows and gamma on columns of a grid sweep', () => {
    // Exp-1: alpha 1, beta 0 / 0.5 / 1, gamma 0 / 1 / 2, expanded beta-major.
    const L = fig4Layout(fakeBundle());
    expect(L.betas).toEqual([0, 0.5, 1]);
    expect(L.gammas).toEqual([0, 1, 2]);
    expect(L.alpha).toBe(1);
    expect(L.note).toBeNull();
    expect(L.cells.map((r) => r.map((c) => c?.index))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect(L.cells[2][1]).toMatchObject({ beta: 1, gamma: 1, alpha: 1, index: 7 });
    expect(L.digits).toBe(2);
    expect([L.height, L.width, L.channels]).toEqual([4, 4, 1]);
    expect(L.reference).toEqual(thumbnails(2, 4, 4, 1, 0));
  });

  it('sorts rows and columns ascending whatever the sweep order, with null for missing pairs', () => {
    const L = fig4Layout(
      listBundle([
        { alpha: 1, beta: 1, gamma: 0.5 },
        { alpha: 1, beta: 0, gamma: 2 },
        { alpha: 1, beta: 0.5, gamma: 0.5 },
        { alpha: 1, beta: 0, gamma: 0.5 },
      ]),
    );
    expect(L.betas).toEqual([0, 0.5, 1]);
    expect(L.gammas).toEqual([0.5, 2]);
    expect(L.cells.map((r) => r.map((c) => (c ? c.index : null)))).toEqual([
      [3, 1],
      [2, null],
      [0, null],
    ]);
    // The reference comes from the lowest-index point.
    expect(L.reference).toEqual(thumbnails(2, 4, 4, 1, 0));
  });

  it('treats float noise in weights as one value', () => {
    const L = fig4Layout(
      listBundle([
        { alpha: 1, beta: 0.1 + 0.2, gamma: 0 },
        { alpha: 1, beta: 0.3, gamma: 1 },
      ]),
    );
    expect(L.betas).toHaveLength(1);
    expect(L.cells[0].map((c) => c?.index)).toEqual([0, 1]);
  });

  it('ignores failed points and points without images', () => {
    const b = withPoints(fakeBundle(), (p) => {
      if (p.index === 4) return failed(p);
      if (p.index === 8) return { ...p, thumbnails: null };
      return p;
    });
    const L = fig4Layout(b);
    expect(L.cells[1][1]).toBeNull();
    expect(L.cells[2][2]).toBeNull();
    expect(L.cells[1][0]?.index).toBe(3);
    expect(L.cells.flat().filter((c) => c !== null)).toHaveLength(7);

    // A beta whose points all failed is no row at all.
    const L2 = fig4Layout(withPoints(fakeBundle(), (p) => (p.weights.beta === 1 ? failed(p) : p)));
    expect(L2.betas).toEqual([0, 0.5]);
    expect(L2.gammas).toEqual([0, 1, 2]);
  });

  it('is empty when no point has images', () => {
    const L = fig4Layout(withPoints(fakeBundle(), (p) => ({ ...p, thumbnails: null })));
    expect(L.betas).toEqual([]);
    expect(L.gammas).toEqual([]);
    expect(L.cells).toEqual([]);
    expect(L.reference).toBeNull();
    expect(fig4Layout(fakeBundle({ done: 0 })).betas).toEqual([]);
  });

  it('labels cells with D, P and C (with standard errors where measured)', () => {
    const b = withPoints(fakeBundle(), (p) =>
      p.index === 0 && p.metrics ? { ...p, metrics: { ...p.metrics, P: 1.5712, Pse: 0.05, C: 0.2951, Cse: 0.0102 } } : p,
    );
    const L = fig4Layout(b);
    // fakeMetrics(1, 0, 0): D = 0.031.
    expect(L.cells[0][0]?.lines).toEqual(['D 0.0310', 'P 1.57 ± 0.05', 'C 0.295 ± 0.010']);
    expect(L.cells[0][0]).toMatchObject({ D: 0.031, P: 1.5712, Pse: 0.05, C: 0.2951, Cse: 0.0102 });
    // fakeMetrics(1, 0.5, 1): D = 0.081, P = 2.2, C = 0.105; no SEs.
    expect(L.cells[1][1]?.lines).toEqual(['D 0.0810', 'P 2.20', 'C 0.105']);
    expect(L.cells[1][1]).toMatchObject({ Pse: null, Cse: null });
  });

  it('formats label lines', () => {
    expect(fig4Lines({ D: 0.032, P: 1.57, Pse: 0.05, C: 0.295, Cse: 0.0102 })).toEqual(['D 0.0320', 'P 1.57 ± 0.05', 'C 0.295 ± 0.010']);
    expect(fig4Lines({ D: 0.0312345, P: 1.5678, C: 0.29512 })).toEqual(['D 0.0312', 'P 1.57', 'C 0.295']);
    expect(fig4Lines({ D: 0.5, P: null, Pse: null, C: 0, Cse: 0 })).toEqual(['D 0.500', 'P –', 'C 0 ± 0']);
    expect(sig3(1234.5)).toBe('1235');
    expect(sig3(0.000123)).toBe('0.000123');
    expect(sig3(NaN)).toBe('–');
  });

  it('shows the most common alpha and says so', () => {
    const L = fig4Layout(
      listBundle([
        { alpha: 2, beta: 0, gamma: 0 },
        { alpha: 1, beta: 0, gamma: 0 },
        { alpha: 1, beta: 0.5, gamma: 0 },
        { alpha: 2, beta: 0.5, gamma: 1 },
        { alpha: 1, beta: 0, gamma: 1 },
      ]),
    );
    expect(L.alpha).toBe(1);
    expect(L.cells.map((r) => r.map((c) => (c ? c.index : null)))).toEqual([
      [1, 4],
      [2, null],
    ]);
    expect(L.cells.flat().every((c) => c === null || c.alpha === 1)).toBe(true);
    expect(L.note).toBe('α takes 2 values; showing α = 1 (3 of 5 points with images).');
    // The reference comes from the shown alpha's first point.
    expect(L.reference).toEqual(thumbnails(2, 4, 4, 1, 1));

    // A tie goes to the smaller alpha.
    const T = fig4Layout(
      listBundle([
        { alpha: 3, beta: 0, gamma: 0 },
        { alpha: 0.5, beta: 1, gamma: 0 },
      ]),
    );
    expect(T.alpha).toBe(0.5);
    expect(T.betas).toEqual([1]);
    expect(T.note).toContain('showing α = 0.5 (1 of 2 points');
  });

  it('caps the digits per cell at 4 and uses the fewest any cell has', () => {
    const ten = withPoints(fakeBundle(), (p) => ({ ...p, thumbnails: thumbnails(10, 4, 4, 1, p.index) }));
    expect(fig4Layout(ten).digits).toBe(4);
    const three = withPoints(ten, (p) => (p.index === 5 ? { ...p, thumbnails: thumbnails(3, 4, 4, 1, 5) } : p));
    expect(fig4Layout(three).digits).toBe(3);
  });

  it('leaves out points whose images have another size', () => {
    const b = withPoints(fakeBundle(), (p) => (p.index === 2 ? { ...p, thumbnails: thumbnails(2, 8, 8, 1, 2) } : p));
    const L = fig4Layout(b);
    expect(L.cells[0][2]).toBeNull();
    expect(L.note).toBe('1 point with images of another size left out.');
  });

  it('keeps the first of repeated (beta, gamma) points', () => {
    const L = fig4Layout(
      listBundle([
        { alpha: 1, beta: 0, gamma: 0 },
        { alpha: 1, beta: 0, gamma: 0 },
      ]),
    );
    expect(L.cells).toHaveLength(1);
    expect(L.cells[0][0]?.index).toBe(0);
    expect(L.note).toContain('1 repeated point');
  });
});

describe('fig4FileName', () => {
  it('slugs the experiment name', () => {
    expect(fig4FileName('Exp-1: MNIST denoising, logistic c0')).toBe('cdp-lab-fig4-exp-1-mnist-denoising-logistic-c0.png');
    expect(fig4FileName('///')).toBe('cdp-lab-fig4-experiment.png');
    expect(fig4FileName('<img src=x>')).toBe('cdp-lab-fig4-img-src-x.png');
  });
});

interface Call {
  op: string;
  args: unknown[];
  font?: string;
}

function fakeContext(): { ctx: Fig4Context; calls: Call[] } {
  const calls: Call[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textBaseline: 'alphabetic',
    textAlign: 'start',
    imageSmoothingEnabled: true,
    setTransform: (...args: unknown[]) => calls.push({ op: 'setTransform', args }),
    fillRect: (...args: unknown[]) => calls.push({ op: 'fillRect', args }),
    strokeRect: (...args: unknown[]) => calls.push({ op: 'strokeRect', args }),
    fillText(this: { font: string }, ...args: unknown[]) {
      calls.push({ op: 'fillText', args, font: this.font });
    },
    measureText: (t: string) => ({ width: t.length * 6 }),
    createImageData: (w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData: (...args: unknown[]) => calls.push({ op: 'putImageData', args }),
  };
  return { ctx: ctx as unknown as Fig4Context, calls };
}

describe('fig4Geometry and drawFig4', () => {
  const measure = (t: string) => t.length * 6;

  it('sizes the canvas from the grid and scales small images by 2', () => {
    const L = fig4Layout(fakeBundle());
    const g = fig4Geometry(L, measure, 'sans-serif', 2);
    expect(g.scale).toBe(2);
    expect(g.ratio).toBe(2);
    expect(g.pixelWidth).toBe(g.width * 2);
    expect(g.gridX + 3 * g.colW + 8).toBe(g.width);
    expect(g.gridY + 3 * g.rowH + 8).toBe(g.height);
    // The widest line sets the column: 'P 2.80', 'C 0.0600', 'D 0.0310'... 'Degraded Y' (10 chars).
    expect(g.colW).toBeGreaterThanOrEqual(10 * 6 + 12);
  });

  it('draws the reference row, every cell’s digits and its D/P/C lines', () => {
    const b = withPoints(fakeBundle(), (p) => (p.index === 4 ? failed(p) : p));
    const L = fig4Layout(b);
    const g = fig4Geometry(L, measure, 'sans-serif', 2);
    const { ctx, calls } = fakeContext();
    drawFig4(ctx, L, g);
    expect(ctx.imageSmoothingEnabled).toBe(false);
    const puts = calls.filter((c) => c.op === 'putImageData');
    // clean + degraded (2 digits each) and 8 cells of 2 digits.
    expect(puts).toHaveLength(2 * 2 + 8 * 2);
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    for (const s of ['Clean X', 'Degraded Y', 'γ = 0', 'γ = 2', 'β = 0.5', 'D 0.0310', 'C 0.210', 'no point']) expect(texts).toContain(s);
    expect(texts.filter((t) => t === 'no point')).toHaveLength(1);

    // The first cell's first restored digit, scaled 2 (layout) x 2 (ratio), at its canvas-pixel spot.
    const cellPut = puts[4];
    const img = cellPut.args[0] as { width: number; height: number; data: Uint8ClampedArray };
    expect([img.width, img.height]).toEqual([16, 16]);
    const bytes = base64ToBytes(L.cells[0][0]!.thumbs.restored);
    expect(Array.from(img.data)).toEqual(Array.from(imageToRgba(bytes, 0, 4, 4, 1, 4)));
    expect(cellPut.args.slice(1)).toEqual([(g.gridX + 6) * 2, (g.gridY + 6) * 2]);
  });

  it('enlarges its type with textScale (presentation mode), the digits keeping their size', () => {
    const L = fig4Layout(fakeBundle());
    const fontMeasure = (t: string, font: string) => t.length * 0.55 * Number(/(\d+(?:\.\d+)?)px/.exec(font)![1]);
    const g1 = fig4Geometry(L, fontMeasure, 'sans-serif', 2);
    const g2 = fig4Geometry(L, fontMeasure, 'sans-serif', 2, 2);
    expect(g1.fonts.text).toBe('11px sans-serif');
    expect(g2.fonts.text).toBe('22px sans-serif');
    expect(g2.rowH - g1.rowH).toBe(3 * 14);
    expect(g2.scale).toBe(g1.scale);
    const { ctx, calls } = fakeContext();
    drawFig4(ctx, L, g2);
    const dLine = calls.find((c) => c.op === 'fillText' && c.args[0] === 'D 0.0310')!;
    expect(dLine.font).toBe('22px sans-serif');
    const cLine = calls.find((c) => c.op === 'fillText' && String(c.args[0]).startsWith('C ') && c.args[1] === dLine.args[1])!;
    // The three lines sit one scaled line height apart.
    expect((cLine.args[2] as number) - (dLine.args[2] as number)).toBe(2 * g2.lineH);
  });

  it('drops to 1 canvas pixel per CSS pixel when the canvas would be too large', () => {
    const big = withPoints(fakeBundle(), (p) => ({ ...p, thumbnails: thumbnails(4, 64, 64, 1, p.index) }));
    const L = fig4Layout(big);
    const g = fig4Geometry(L, (t) => t.length * 6, 'sans-serif', 2);
    expect(g.scale).toBe(1);
    const huge = fig4Geometry(L, () => 3000, 'sans-serif', 2);
    expect(huge.ratio).toBe(1);
    expect(huge.pixelWidth).toBe(huge.width);
  });
});
