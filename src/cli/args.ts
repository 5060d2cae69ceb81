// Argument parsing shared by every cdp command (thin layer over node:util parseArgs).

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PAPER_TOY, isDivergence, validateToyParams, type Divergence, type ToyParams } from '../math/toy';

/** A user error: the CLI prints its message on one line and exits with code 2. */
export class CliError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | undefined>;

/** Flags every command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The toy's parameters, defaulting to the paper's toy. */
export const TOY_OPTIONS: OptionSpec = {
  p1: { type: 'string' },
  mu1: { type: 'string' },
  mu2: { type: 'string' },
  'sigma-x': { type: 'string' },
  'sigma-n': { type: 'string' },
};

export const TOY_OPTIONS_HELP = `  --p1 P          prior of class w1, in (0, 1) (default ${PAPER_TOY.p1})
  --mu1 M         mean of class w1 (default ${PAPER_TOY.mu1})
  --mu2 M         mean of class w2 (default ${PAPER_TOY.mu2})
  --sigma-x S     within-class sd of X, > 0 (default ${PAPER_TOY.sigmaX})
  --sigma-n S     noise sd, >= 0 (default ${PAPER_TOY.sigmaN})`;

/**
 * parseArgs rejects "--mu1 -1" as ambiguous; negative numbers are ordinary values
 * here, so glue them to their flag ("--mu1=-1") before parsing.
 */
export function glueNegativeValues(argv: string[], options: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const tok = argv[i];
    const next = argv[i + 1];
    const name = tok.startsWith('--') && !tok.includes('=') ? tok.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${tok}=${next}`);
      i++;
    } else out.push(tok);
  }
  return out;
}

/** Parse argv against the given flags; unknown flags or positionals are CliErrors. */
export function parseFlags(argv: string[], options: OptionSpec): Values {
  try {
    const { values, positionals } = parseArgs({
      args: glueNegativeValues(argv, options),
      options,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new CliError(`unexpected argument '${positionals[0]}'`);
    return values as Values;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const msg = String((e as Error).message);
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new CliError(`unknown flag '${unknown[1]}'`);
    // Node's messages can span lines; keep the first.
    throw new CliError(msg.split('\n')[0]);
  }
}

/** A finite number from a flag value. */
export function numberValue(name: string, raw: string): number {
  const s = raw.trim();
  const v = s === '' ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new CliError(`--${name}: '${raw}' is not a finite number`);
  return v;
}

export function numberFlag(values: Values, name: string, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined || raw === true || raw === false) {
    if (fallback === undefined) throw new CliError(`--${name} is required`);
    return fallback;
  }
  return numberValue(name, raw);
}

/** A comma-separated list of finite numbers. */
export function numberList(values: Values, name: string): number[] | undefined {
  const raw = values[name];
  if (raw === undefined || typeof raw !== 'string') return undefined;
  const parts = raw.split(',');
  if (parts.length === 0 || raw.trim() === '') throw new CliError(`--${name}: expected a comma-separated list of numbers`);
  return parts.map((p) => numberValue(name, p));
}

export function toyParamsFrom(values: Values): ToyParams {
  const p: ToyParams = {
    p1: numberFlag(values, 'p1', PAPER_TOY.p1),
    mu1: numberFlag(values, 'mu1', PAPER_TOY.mu1),
    mu2: numberFlag(values, 'mu2', PAPER_TOY.mu2),
    sigmaX: numberFlag(values, 'sigma-x', PAPER_TOY.sigmaX),
    sigmaN: numberFlag(values, 'sigma-n', PAPER_TOY.sigmaN),
  };
  try {
    validateToyParams(p);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  return p;
}

export function divergenceFrom(values: Values, fallback: Divergence = 'kl'): Divergence {
  const raw = values.divergence;
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !isDivergence(raw)) {
    throw new CliError(`--divergence: '${String(raw)}' is not one of kl, kl-reverse, tv, w1, w2`);
  }
  return raw;
}

export type Format = 'json' | 'csv';

export function formatFrom(values: Values): Format {
  const raw = values.format ?? 'json';
  if (raw !== 'json' && raw !== 'csv') throw new CliError(`--format: '${String(raw)}' is not json or csv`);
  return raw;
}
