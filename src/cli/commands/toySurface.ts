import { divergenceFrom, numberFlag, numberList, TOY_OPTIONS, TOY_OPTIONS_HELP, toyParamsFrom, CliError } from '../args';
import type { CliCommand } from '../command';
import { toCsv, toJson } from '../output';
import { createToyModel, defaultAxes } from '../../math/surface';

export const toySurfaceCommand: CliCommand = {
  name: 'toy-surface',
  summary: 'C_lin(D, P) of the linear restorer on a D x P grid',
  help: `  --divergence K  kl | kl-reverse | tv | w1 | w2 (default kl)
  --d LIST        distortion levels, comma-separated (default: the plot axis)
  --p LIST        perception levels, comma-separated (default: the plot axis)
  --n N           points per default axis (default 101)
${TOY_OPTIONS_HELP}`,
  options: { divergence: { type: 'string' }, d: { type: 'string' }, p: { type: 'string' }, n: { type: 'string' }, ...TOY_OPTIONS },
  run(values, format) {
    const params = toyParamsFrom(values);
    const divergence = divergenceFrom(values);
    const n = numberFlag(values, 'n', 101);
    if (!Number.isInteger(n) || n < 2 || n > 2001) throw new CliError('--n: expected an integer in [2, 2001]');
    let d = numberList(values, 'd');
    let p = numberList(values, 'p');
    if (!d || !p) {
      const axes = defaultAxes(params, divergence, n);
      d ??= axes.d;
      p ??= axes.p;
    }
    if (p.some((v) => v < 0)) throw new CliError('--p: perception levels must be >= 0');
    const { c, a } = createToyModel(params, divergence).surface(d, p);
    if (format === 'csv') {
      const rows: unknown[][] = [];
      d.forEach((dv, i) => p!.forEach((pv, j) => rows.push([dv, pv, c[i][j], a[i][j]])));
      return toCsv(['d', 'p', 'c', 'a'], rows);
    }
    return toJson({ divergence, d, p, c, a });
  },
};
