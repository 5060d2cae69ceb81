import { describe, expect, it } from 'vitest';
import { paletteFor } from '../palette';
import { curvesFigure, panelTop } from './curves';
import { densitiesFigure } from './densities';
import { profilesFigure } from './profiles';
import { contourLevels, surface3dFigure, surfaceContourFigure, type SurfaceSeries } from './surface';

const pal = paletteFor('light');

// A small grid with a known infeasible corner: c[i][j] = i + 10 j, NaN / Infinity where i + j < 2.
function grid(): SurfaceSeries {
  const d = [0, 1, 2, 3];
  const p = [0, 0.5, 1];
  const c = d.map((_, i) => p.map((_, j) => (i + j < 2 ? (i === 0 ? NaN : Infinity) : i + 10 * j)));
  const a = d.map((_, i) => p.map((_, j) => (i + j < 2 ? NaN : 0.1 * i)));
  return { d, p, c, a, D: 2, P: 0.5, cAtPoint: 12, pTitle: 'P' };
}

describe('surface figures', () => {
  it('transpose c[i = d][j = p] into plotly z[row = p][col = d] and mask exactly the infeasible cells', () => {
    const s = grid();
    const fig = surfaceContourFigure(s, pal);
    const contour = fig.data[0] as { z: (number | null)[][]; x: number[]; y: number[] };
    const mask = fig.data[1] as { z: (number | null)[][] };
    expect(contour.x).toEqual(s.d);
    expect(contour.y).toEqual(s.p);
    for (let j = 0; j < s.p.length; j++) {
      for (let i = 0; i < s.d.length; i++) {
        const feasible = i + j >= 2;
        expect(contour.z[j][i]).toBe(feasible ? i + 10 * j : null);
        expect(mask.z[j][i]).toBe(feasible ? null : 1);
      }
    }
  });

  it('3D: grey floor sits just under the minimum of C, on the infeasible cells and their neighbours', () => {
    const s = grid();
    const fig = surface3dFigure(s, pal);
    const floor = fig.data[1] as { z: (number | null)[][] };
    const floorZ = 2 - 0.04 * (23 - 2); // just under the smallest feasible value (2; largest 23)
    const infeasible = (i: number, j: number) => i >= 0 && j >= 0 && i < 4 && j < 3 && i + j < 2;
    for (let j = 0; j < s.p.length; j++) {
      for (let i = 0; i < s.d.length; i++) {
        let near = false;
        for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) near ||= infeasible(i + di, j + dj);
        expect(floor.z[j][i], `cell ${i},${j}`).toBe(near ? floorZ : null);
      }
    }
    // (i, j) = (3, 2) is two cells from the infeasible corner: no floor there.
    expect(floor.z[2][3]).toBeNull();
    const marker = fig.data[2] as { x: number[]; y: number[]; z: number[] };
    expect([marker.x[0], marker.y[0], marker.z[0]]).toEqual([2, 0.5, 12]);
  });

  it('keeps the data arrays when only (D, P) moves, so plotly redraws just the marker', () => {
    const s = grid();
    const f1 = surfaceContourFigure(s, pal);
    const f2 = surfaceContourFigure({ ...s, D: 3, P: 1, cAtPoint: null }, pal);
    expect((f2.data[0] as { z: unknown }).z).toBe((f1.data[0] as { z: unknown }).z);
    expect((f2.data[1] as { z: unknown }).z).toBe((f1.data[1] as { z: unknown }).z);
    expect(f2.layout.shapes).not.toEqual(f1.layout.shapes);
    // Infeasible point: a cross (two lines) instead of a ring.
    expect((f2.layout.shapes ?? []).filter((x) => x.xsizemode === 'pixel').map((x) => x.type)).toEqual(['line', 'line']);
  });

  it('CSV lists every grid cell with empty fields where infeasible', () => {
    const lines = surfaceContourFigure(grid(), pal).csv().trim().split('\r\n');
    expect(lines[0]).toBe('D,P,C_lin,argmin_a');
    expect(lines).toHaveLength(1 + 4 * 3);
    expect(lines[1]).toBe('0,0,,');
    expect(lines[lines.length - 1]).toBe(`3,1,23,${0.1 * 3}`);
  });
});

describe('densities figure', () => {
  const base = { x: [-1, 0, 1], pX: [0.2, 0.4, 0.2], pY: [0.25, 0.3, 0.25], a: 0.5, threshold: { t: 0.42, w1Below: true } };

  it('draws a point mass as a spike at 0 when X^ has no density', () => {
    const fig = densitiesFigure({ ...base, pXhat: null, a: 0 }, pal);
    const spike = fig.data[2] as { x: number[]; y: number[] };
    expect(spike.x).toEqual([0, 0]);
    expect(spike.y[1]).toBeGreaterThan(0.4);
    expect(fig.csv().split('\r\n')[0]).toContain('point mass');
  });

  it('marks the classifier threshold at t and names a constant classifier', () => {
    const fig = densitiesFigure({ ...base, pXhat: [0.1, 0.8, 0.1] }, pal);
    const line = (fig.layout.shapes ?? [])[0] as { x0: number; x1: number };
    expect([line.x0, line.x1]).toEqual([0.42, 0.42]);
    const constant = densitiesFigure({ ...base, pXhat: [0.1, 0.8, 0.1], threshold: { constant: 2 } }, pal);
    expect(constant.layout.shapes ?? []).toHaveLength(0);
    expect(JSON.stringify(constant.layout.annotations)).toContain('always decides ω2');
  });

  it('clips the y axis when a narrow X^ would flatten X and Y', () => {
    const fig = densitiesFigure({ ...base, pXhat: [0, 50, 0] }, pal);
    const range = (fig.layout.yaxis as { range: number[] }).range;
    expect(range[1]).toBeLessThan(2);
    expect(range[1]).toBeGreaterThan(0.4 * 2.5);
  });
});

describe('curves figure', () => {
  it('shades each feasible interval of a, clipped to the plotted range', () => {
    const fig = curvesFigure(
      {
        a: [-1, 0, 1, 2],
        d: [5, 2, 1, 3],
        p: [0.5, Infinity, 0.1, 0.4],
        c: [0.6, 0.3, 0.2, 0.25],
        current: { a: 1, d: 1, p: 0.1, c: 0.2 },
        D: 2,
        P: 0.3,
        feasible: [
          [-3, -0.5],
          [0.5, 1.5],
        ],
        pTitle: 'KL',
      },
      pal,
    );
    const rects = (fig.layout.shapes ?? []).filter((s) => s.type === 'rect') as { x0: number; x1: number }[];
    expect(rects.map((r) => [r.x0, r.x1])).toEqual([
      [-1, -0.5],
      [0.5, 1.5],
    ]);
    // P = Infinity at a = 0 becomes a gap, not a plotly error.
    expect((fig.data[1] as { y: (number | null)[] }).y).toEqual([0.5, null, 0.1, 0.4]);
  });
});

describe('profiles figure', () => {
  it('one trace per level with gaps where infeasible', () => {
    const fig = profilesFigure(
      { x: [0, 1, 2], levels: [0.1, 0.2], c: [[NaN, 0.3, 0.2], [0.4, 0.3, 0.1]], xTitle: 'D (max MSE)', levelName: 'P' },
      1,
      pal,
      'profiles-d',
    );
    expect(fig.data).toHaveLength(2);
    expect((fig.data[0] as { y: unknown[] }).y).toEqual([null, 0.3, 0.2]);
    expect(fig.csv().split('\r\n').slice(0, 2)).toEqual(['P,D,C_lin', '0.1,0,']);
  });
});

describe('panelTop', () => {
  const a = Array.from({ length: 401 }, (_, i) => -2 + i * 0.01);
  // KL-like: minimum 0.05 near a = 0.8, diverging like 1/a^2 at 0 (Infinity at 0 itself).
  const p = a.map((x) => (x === 0 ? Infinity : 0.05 + (x - 0.8) ** 2 + 0.02 / (x * x)));
  const min = Math.min(...p.filter((v, i) => Number.isFinite(v) && a[i] >= -0.5 && a[i] <= 1.5));

  it('frames the constraint level and the minimum, not the divergent part', () => {
    expect(panelTop(a, p, 0.1)).toBeCloseTo(1.1 * 2.5 * 0.1, 12);
    expect(panelTop(a, p, 0.01)).toBeCloseTo(1.1 * 3 * min, 12);
  });

  it('falls back to the median when level and minimum are both 0', () => {
    const flat = a.map((x) => Math.abs(x - 1));
    expect(panelTop(a, flat, 0)).toBeGreaterThan(0);
  });
});

describe('flat surface', () => {
  it('widens a zero span of C so colour bars and levels stay finite', () => {
    const s = grid();
    const flat = { ...s, c: s.c.map((row) => Array.from(row, (v) => (v !== null && Number.isFinite(v) ? 0.1387 : v))) };
    const fig = surfaceContourFigure(flat, pal);
    const t = fig.data[0] as { zmin: number; zmax: number; contours: { start: number; end: number; size: number } };
    expect(t.zmax - t.zmin).toBeGreaterThan(0);
    expect(t.zmin).toBeLessThan(0.1387);
    expect(t.zmax).toBeGreaterThan(0.1387);
    expect(Number.isFinite(t.contours.size) && t.contours.size > 0).toBe(true);
  });
});

describe('contourLevels', () => {
  it('gives 1-2-5 steps with at least one level inside the range', () => {
    for (const [lo, hi] of [[0.2045, 0.2075], [0, 1], [0.1, 0.1000001], [3, 3], [-2, 5]] as const) {
      const { start, end, size } = contourLevels(lo, hi);
      expect(size).toBeGreaterThan(0);
      expect(start).toBeLessThanOrEqual(end);
      expect(start).toBeGreaterThanOrEqual(lo - 1e-12);
      if (hi > lo) {
        expect(end).toBeLessThanOrEqual(hi + 1e-12);
        const n = Math.round((end - start) / size) + 1;
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(13);
      }
    }
  });
});
