import { LOSS_NAMES, type LossName } from '../../train/lossNames';

/**
 * Loss curves as reported (~10 Hz). Past MAX_POINTS entries every other
 * entry is dropped, so a 40k-iteration run keeps an even, bounded history.
 */

export const MAX_POINTS = 2000;

export interface LossHistory {
  readonly iteration: number[];
  readonly series: Record<LossName, (number | null)[]>;
}

export function emptyHistory(): LossHistory {
  return { iteration: [], series: Object.fromEntries(LOSS_NAMES.map((n) => [n, []])) as unknown as LossHistory['series'] };
}

export function appendHistory(h: LossHistory, p: { iteration: number; criticIterations: number; losses: Partial<Record<LossName, number>> }): LossHistory {
  const last = h.iteration.length - 1;
  // Reports without a new iteration (pause, critic-only steps) replace the last entry.
  const replace = last >= 0 && h.iteration[last] === p.iteration;
  const cut = (a: (number | null)[]) => (replace ? a.slice(0, -1) : a.slice());
  const iteration = replace ? h.iteration.slice(0, -1) : h.iteration.slice();
  iteration.push(p.iteration);
  const series = {} as LossHistory['series'];
  for (const n of LOSS_NAMES) {
    const a = cut(h.series[n]);
    const v = p.losses[n];
    a.push(v === undefined ? null : v);
    series[n] = a;
  }
  if (iteration.length <= MAX_POINTS) return { iteration, series };
  const keep = (_: unknown, i: number) => i % 2 === 0 || i === iteration.length - 1;
  return {
    iteration: iteration.filter(keep),
    series: Object.fromEntries(LOSS_NAMES.map((n) => [n, series[n].filter(keep)])) as unknown as LossHistory['series'],
  };
}
