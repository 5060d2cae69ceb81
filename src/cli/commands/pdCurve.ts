import { numberFlag, numberList, CliError } from '../args';
import type { CliCommand } from '../command';
import { toCsv, toJson } from '../output';
import { example1Curve, example1Mmse } from '../../math/blau';

export const pdCurveCommand: CliCommand = {
  name: 'pd-curve',
  summary: 'Blau & Michaeli Example 1: P(D) with KL for X ~ N(0,1), X^ = aY',
  help: `  --sigma-n S     noise sd, >= 0 (default 1)
  --d LIST        distortion levels, comma-separated (default: 51 points from the MMSE to 1)`,
  options: { 'sigma-n': { type: 'string' }, d: { type: 'string' } },
  run(values, format) {
    const sigmaN = numberFlag(values, 'sigma-n', 1);
    if (sigmaN < 0) throw new CliError('--sigma-n must be >= 0');
    let d = numberList(values, 'd');
    if (!d) {
      const lo = example1Mmse(sigmaN).d;
      const hi = Math.max(1, 1.5 * lo);
      d = Array.from({ length: 51 }, (_, i) => lo + ((hi - lo) * i) / 50);
    }
    const { p } = example1Curve(sigmaN, d);
    if (format === 'csv') return toCsv(['d', 'p'], d.map((v, i) => [v, p[i]]));
    return toJson({ sigmaN, d, p });
  },
};
