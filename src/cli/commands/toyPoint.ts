import { numberFlag, TOY_OPTIONS, TOY_OPTIONS_HELP, toyParamsFrom } from '../args';
import type { CliCommand } from '../command';
import { toCsv, toJson } from '../output';
import { toyPoint } from '../../math/toy';

const FIELDS = ['a', 'mse', 'errorRate', 'klXXhat', 'klXhatX', 'tv', 'w1', 'w2'] as const;

export const toyPointCommand: CliCommand = {
  name: 'toy-point',
  summary: 'MSE, error rate and all five divergences of the toy at one gain a',
  help: `  --a A           restorer gain (required)\n${TOY_OPTIONS_HELP}`,
  options: { a: { type: 'string' }, ...TOY_OPTIONS },
  run(values, format) {
    const params = toyParamsFrom(values);
    const pt = toyPoint(params, numberFlag(values, 'a'));
    if (format === 'csv') return toCsv([...FIELDS], [FIELDS.map((f) => pt[f])]);
    return toJson(pt);
  },
};
