import { CliError, divergenceFrom, numberFlag, TOY_OPTIONS, TOY_OPTIONS_HELP, toyParamsFrom, type Values } from '../args';
import type { CliCommand } from '../command';
import { toCsv, toJson } from '../output';
import { discretizeToy, validateGrid } from '../../math/lp/grid';
import { loadHighs } from '../../math/lp/loadHighs';
import { countRandomized } from '../../math/lp/session';
import { ExactToyLp } from '../../math/lp/solver';
import { validateWeights, weightedMinimizer, type LossWeights } from '../../math/weighted';

/** The toy view's default weights (src/state/schema.ts). */
const DEFAULTS: LossWeights = { alpha: 1, beta: 0.5, gamma: 10 };

function weightsFrom(values: Values): LossWeights {
  const w = {
    alpha: numberFlag(values, 'alpha', DEFAULTS.alpha),
    beta: numberFlag(values, 'beta', DEFAULTS.beta),
    gamma: numberFlag(values, 'gamma', DEFAULTS.gamma),
  };
  try {
    validateWeights(w);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  return w;
}

async function exact(values: Values, w: LossWeights, format: 'json' | 'csv'): Promise<string> {
  if (values.divergence !== undefined) throw new CliError('--divergence is for the linear family; with --exact use --perception tv|w1');
  const params = toyParamsFrom(values);
  const n = numberFlag(values, 'grid', 41);
  const L = numberFlag(values, 'half-width', 5);
  try {
    validateGrid({ n, L });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  if (n > 201) throw new CliError('--grid: an integer from 2 to 201');
  const perception = values.perception ?? 'tv';
  if (perception !== 'tv' && perception !== 'w1') throw new CliError(`--perception: '${String(perception)}' is not tv or w1`);
  const toy = discretizeToy(params, { n, L });
  const lp = new ExactToyLp(await loadHighs(), toy, perception);
  try {
    const r = lp.weighted(w, { restorer: true });
    const out = {
      ...w,
      grid: n,
      halfWidth: L,
      perception,
      d: r.d,
      p: r.p,
      c: r.c,
      objective: r.value,
      randomized: countRandomized(r.q!, n),
    };
    if (format === 'csv') return toCsv(['alpha', 'beta', 'gamma', 'perception', 'd', 'p', 'c', 'objective', 'randomized'], [[w.alpha, w.beta, w.gamma, perception, r.d, r.p, r.c, r.value, out.randomized]]);
    return toJson(out);
  } finally {
    lp.dispose();
  }
}

export const weightedCommand: CliCommand = {
  name: 'weighted',
  summary: 'the restorer minimising alpha D + beta P + gamma C: linear family X^ = aY, or --exact over all restorers (LP)',
  help: `  --alpha A       weight of the distortion D (MSE), >= 0 (default ${DEFAULTS.alpha})
  --beta B        weight of the perception index P, >= 0 (default ${DEFAULTS.beta})
  --gamma G       weight of the error rate C, >= 0 (default ${DEFAULTS.gamma}); not all three 0
  --divergence K  linear family: kl | kl-reverse | tv | w1 | w2 (default kl)
  --exact         over all randomised restorers on a grid (a linear program, HiGHS) instead
  --grid N        with --exact: grid points (default 41, at most 201)
  --half-width L  with --exact: grid half-width (default 5)
  --perception K  with --exact: tv | w1 (default tv)
${TOY_OPTIONS_HELP}`,
  options: {
    alpha: { type: 'string' },
    beta: { type: 'string' },
    gamma: { type: 'string' },
    divergence: { type: 'string' },
    exact: { type: 'boolean' },
    grid: { type: 'string' },
    'half-width': { type: 'string' },
    perception: { type: 'string' },
    ...TOY_OPTIONS,
  },
  async run(values, format) {
    const w = weightsFrom(values);
    if (values.exact) return exact(values, w, format);
    for (const f of ['grid', 'half-width', 'perception']) if (values[f] !== undefined) throw new CliError(`--${f} needs --exact`);
    const params = toyParamsFrom(values);
    const divergence = divergenceFrom(values);
    const r = weightedMinimizer(params, divergence, w);
    if (format === 'csv') return toCsv(['alpha', 'beta', 'gamma', 'divergence', 'a', 'd', 'p', 'c', 'objective'], [[w.alpha, w.beta, w.gamma, divergence, r.a, r.d, r.p, r.c, r.objective]]);
    return toJson({ ...w, divergence, a: r.a, d: r.d, p: r.p, c: r.c, objective: r.objective, global: r.global });
  },
};
