import { describe, expect, it } from 'vitest';
import type { Figure } from './figure';
import { scaleFigure, UNIT_SCALE } from './scale';

describe('presentation scaling of a figure', () => {
  const z = [
    [1, 2],
    [3, 4],
  ];
  const f = {
    data: [
      { type: 'scatter', x: [1, 2], y: [3, 4], line: { color: 'red', width: 2 }, textfont: { size: 10 } },
      { type: 'surface', z, colorbar: { tickfont: { size: 11 }, title: { font: { size: 12 } } } },
    ],
    layout: {
      font: { color: '#000', size: 12 },
      legend: { font: { size: 11 } },
      xaxis: { title: { text: 'a', font: { size: 12 } }, tickfont: { size: 11 } },
      scene: { zaxis: { tickfont: { size: 10 } } },
      shapes: [{ type: 'line', line: { width: 1, dash: 'dot' } }, { type: 'rect', line: { width: 0 } }],
      annotations: [{ text: 'x', font: { size: 9 } }],
      margin: { l: 52 },
    },
  } as unknown as Pick<Figure, 'data' | 'layout'>;

  it('multiplies every font size and positive line width, and nothing else', () => {
    const g = scaleFigure(f, { font: 1.5, line: 2 });
    const d = g.data as any[];
    const l = g.layout as any;
    expect(d[0].line).toEqual({ color: 'red', width: 4 });
    expect(d[0].textfont.size).toBe(15);
    expect(d[1].colorbar.tickfont.size).toBe(16.5);
    expect(d[1].colorbar.title.font.size).toBe(18);
    expect(l.font).toEqual({ color: '#000', size: 18 });
    expect(l.legend.font.size).toBe(16.5);
    expect(l.xaxis.title.font.size).toBe(18);
    expect(l.xaxis.tickfont.size).toBe(16.5);
    expect(l.scene.zaxis.tickfont.size).toBe(15);
    expect(l.shapes[0].line).toEqual({ width: 2, dash: 'dot' });
    expect(l.shapes[1].line.width).toBe(0);
    expect(l.annotations[0].font.size).toBe(13.5);
    expect(l.margin.l).toBe(52);
    // Numeric arrays are shared, never copied; the input is untouched.
    expect(d[1].z).toBe(z);
    expect((f as any).layout.font.size).toBe(12);
    expect((f as any).data[0].line.width).toBe(2);
  });

  it('gives a base font where the figure sets none; scale 1 is the identity', () => {
    const g = scaleFigure({ data: [], layout: {} }, { font: 2, line: 1 });
    expect(g.layout.font).toEqual({ size: 24 });
    expect(scaleFigure(f, UNIT_SCALE)).toBe(f);
  });
});
