import type { Data } from 'plotly.js-dist-min';
import { describe, expect, it } from 'vitest';
import { summarizeFigure } from './summary';

describe('figure text summary', () => {
  it('names the axes and gives each line its range and extremes', () => {
    const a = Array.from({ length: 201 }, (_, i) => -1 + i / 100);
    const d = a.map((x) => 3 * x * x - 4 * x + 2); // least at 2/3
    const text = summarizeFigure(
      [
        { type: 'scatter', name: 'D(a)', x: a, y: d },
        { type: 'scatter', name: 'p<sub>X</sub>', x: [0, 1, 2, 3, 4, 5, 6], y: [0, 1, null, 3, 2, 1, 0] as number[] },
        { type: 'scatter', name: 'hidden', x: [1, 2], y: [1, 2], visible: false },
      ],
      { xaxis: { title: { text: 'gain a' } }, yaxis: { title: { text: 'MSE' } } },
    );
    expect(text).toContain('Horizontal axis: gain a; vertical axis: MSE.');
    expect(text).toContain('D(a): 201 points over -1 to 1, lowest 0.667 at 0.67, highest 9 at -1');
    expect(text).toContain('p_X: 7 points over 0 to 6, lowest 0 at 0, highest 3 at 3');
    expect(text).not.toContain('hidden');
  });

  it('describes surfaces by their value range and empty cells, bars by their heights', () => {
    const text = summarizeFigure(
      [
        { type: 'surface', name: 'C_lin', z: [[0.2, null], [0.3, 0.25]] as number[][] },
        { type: 'bar', name: 'MAP', x: [-1, 0, 1], y: [0.5, 0, 0.5] },
      ] as Data[],
      { scene: { xaxis: { title: { text: 'D' } }, yaxis: { title: { text: 'P' } }, zaxis: { title: { text: 'C' } } } } as never,
    );
    expect(text).toBe('3D axes: D, P, C. C_lin: surface, values from 0.2 to 0.3, 1 of 4 cells empty (infeasible or undefined). MAP: bars at -1: 0.5, 0: 0, 1: 0.5.');
  });

  it('says so when there is nothing to describe', () => {
    expect(summarizeFigure([], {})).toBe('No data yet.');
    expect(summarizeFigure([{ type: 'heatmap', z: [[null]] as unknown as number[][] }], {})).toBe('series 1: heat map with no finite values.');
  });
});
