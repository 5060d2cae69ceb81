import type { Data } from 'plotly.js-dist-min';
import { toCsv, type Cell } from '../../plots/csv';
import type { Figure } from '../../plots/figure';
import { axis, baseLayout, type Palette } from '../../plots/palette';
import type { LossHistory } from '../../experiments';

/** A point's loss curves against iteration, one line per recorded loss. */
export function lossFigure(h: LossHistory, pal: Palette, key: string): Figure {
  const names = Object.keys(h.series);
  const data: Data[] = names.map((n, k) => ({
    type: 'scatter',
    mode: 'lines',
    name: n,
    x: h.iteration,
    y: h.series[n],
    line: { color: pal.family[k % pal.family.length], width: 1.5 },
    hovertemplate: `${n} %{y:.4g} at iteration %{x}<extra></extra>`,
  }));
  const layout = {
    ...baseLayout(pal),
    uirevision: key,
    xaxis: axis(pal, 'iteration'),
    yaxis: axis(pal, 'loss'),
  };
  const csv = () => {
    const rows: Cell[][] = h.iteration.map((it, i) => [it, ...names.map((n) => h.series[n][i])]);
    return toCsv(['iteration', ...names], rows);
  };
  return { data, layout, csv };
}
