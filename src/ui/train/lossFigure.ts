import type { Data } from 'plotly.js-dist-min';
import { toCsv } from '../../plots/csv';
import type { Figure } from '../../plots/figure';
import { finiteArray } from '../../plots/format';
import { axis, baseLayout, type Palette } from '../../plots/palette';
import type { LossName } from '../../train/lossNames';
import type { LossHistory } from './history';

/** Restorer losses on the left axis, critic quantities (different scale) on the right. */
const LEFT: Array<[LossName, string]> = [
  ['total', 'restorer loss'],
  ['mse', 'MSE'],
  ['ce', 'CE(c0(X^), y)'],
];
const RIGHT: Array<[LossName, string]> = [
  ['adv', '-mean critic(X^)'],
  ['wTrain', 'critic W estimate'],
];

export const NO_DATA = 'No data yet: the losses appear once the job runs.';

export function lossFigure(h: LossHistory, pal: Palette): Figure {
  const colors: Record<string, string> = { total: pal.fg, mse: pal.d, ce: pal.c, adv: pal.p, wTrain: pal.family[3] ?? pal.muted };
  const line = (name: LossName, label: string, yaxis: 'y' | 'y2', dash?: 'dot'): Data => ({
    type: 'scatter',
    mode: 'lines',
    name: label,
    x: h.iteration,
    y: finiteArray(h.series[name]),
    yaxis,
    line: { color: colors[name], width: name === 'total' ? 2 : 1.5, dash },
  });
  const data = [...LEFT.map(([n, l]) => line(n, l, 'y')), ...RIGHT.map(([n, l]) => line(n, l, 'y2', 'dot'))];
  // Axes over no data are plotly's defaults (-1 to 6), numbers that mean nothing: say so instead.
  const empty = h.iteration.length === 0;
  return {
    data,
    layout: {
      ...baseLayout(pal),
      margin: { l: 52, r: 52, t: 8, b: 40 },
      xaxis: axis(pal, 'iteration', { visible: !empty }),
      yaxis: axis(pal, 'restorer losses', { rangemode: 'tozero', visible: !empty }),
      yaxis2: axis(pal, 'critic', { overlaying: 'y', side: 'right', showgrid: false, visible: !empty }),
      showlegend: !empty,
      annotations: empty ? [{ text: NO_DATA, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { color: pal.muted, size: 14 } }] : [],
      uirevision: 'losses',
    },
    csv: () => {
      const names = [...LEFT, ...RIGHT].map(([n]) => n);
      return toCsv(
        ['iteration', ...names],
        h.iteration.map((it, i) => [it, ...names.map((n) => h.series[n][i])]),
      );
    },
  };
}
