import { describe, expect, it } from 'vitest';
import { paletteFor } from '../palette';
import { surface3dFigure, surfaceContourFigure, type SurfaceSeries } from './surface';

// The loss-weight overlays of the C_lin figures (issue 20, item 4): the weighted-sum
// minimiser as a diamond, and the cells above the convex hull in their own colour.

const pal = paletteFor('light');

function grid(): SurfaceSeries {
  const d = [0, 1, 2, 3];
  const p = [0, 0.5, 1];
  const c = d.map((_, i) => p.map((_, j) => (i + j < 2 ? null : 30 - i - 10 * j)));
  const a = d.map((_, i) => p.map((_, j) => (i + j < 2 ? null : 0.1 * i)));
  // Heights above the hull: one cell well above the tolerance, one under it.
  const gap = d.map((_, i) => p.map((_, j) => (i + j < 2 ? null : i === 2 && j === 1 ? 0.01 : i === 3 && j === 2 ? 1e-7 : 0)));
  return { d, p, c, a, D: 2, P: 0.5, cAtPoint: 18, pTitle: 'P', weighted: { d: 2.5, p: 0.7, c: 5 }, hull: { gap, tol: 1e-5 } };
}

describe('surface figures: weights and the convex hull', () => {
  it('marks exactly the cells above the hull (contour mask, 3D patch on the surface)', () => {
    const s = grid();
    const contour = surfaceContourFigure(s, pal);
    const mask = contour.data[2] as { z: (number | null)[][]; visible: boolean };
    expect(mask.visible).toBe(true);
    const fig3d = surface3dFigure(s, pal);
    const patch = fig3d.data[3] as { z: (number | null)[][] };
    for (let j = 0; j < 3; j++) {
      for (let i = 0; i < 4; i++) {
        const above = i === 2 && j === 1;
        expect(mask.z[j][i]).toBe(above ? 1 : null);
        if (above) expect(patch.z[j][i]!).toBeGreaterThan(30 - 2 - 10);
        else expect(patch.z[j][i]).toBeNull();
      }
    }
    expect(contour.csv().split('\r\n')[0]).toBe('D,P,C_lin,argmin_a,height_above_convex_hull');
  });

  it('hides the overlay when nothing is above the hull or no hull is given', () => {
    const s = grid();
    const flat = { ...s, hull: { gap: s.hull!.gap.map((r) => Array.from(r, (v) => (v === null ? null : 0))), tol: 1e-5 } };
    expect((surfaceContourFigure(flat, pal).data[2] as { visible: boolean }).visible).toBe(false);
    expect((surface3dFigure({ ...s, hull: null }, pal).data[3] as { visible: boolean }).visible).toBe(false);
  });

  it('draws the weighted minimiser where it is, and hides it off the axes or when absent', () => {
    const s = grid();
    const dot = surfaceContourFigure(s, pal).data[3] as { x: number[]; y: number[]; visible: boolean; marker: { symbol: string } };
    expect([dot.x[0], dot.y[0], dot.visible, dot.marker.symbol]).toEqual([2.5, 0.7, true, 'diamond']);
    const dot3 = surface3dFigure(s, pal).data[4] as { x: number[]; y: number[]; z: number[]; visible: boolean };
    expect([dot3.x[0], dot3.y[0], dot3.z[0], dot3.visible]).toEqual([2.5, 0.7, 5, true]);
    expect((surfaceContourFigure({ ...s, weighted: { d: 9, p: 0.7, c: 5 } }, pal).data[3] as { visible: boolean }).visible).toBe(false);
    expect((surface3dFigure({ ...s, weighted: null }, pal).data[4] as { visible: boolean }).visible).toBe(false);
  });

  it('moving the weights keeps the grid arrays: only the marker changes', () => {
    const s = grid();
    const f1 = surfaceContourFigure(s, pal);
    const f2 = surfaceContourFigure({ ...s, weighted: { d: 1.5, p: 0.2, c: 9 } }, pal);
    for (const k of [0, 1, 2]) expect((f2.data[k] as { z: unknown }).z).toBe((f1.data[k] as { z: unknown }).z);
    expect((f2.data[3] as { x: number[] }).x).toEqual([1.5]);
  });
});
