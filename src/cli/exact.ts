// CLI commands of the exact bound (issue 6):
//   exact-surface --grid 41 --d 0.7,1.0 --p 0,0.05,0.1  -> {"grid":41,"d":[...],"p":[...],"c":[[...]]}
//   exact-pd --grid 41 --d 0.7,0.8                      -> {"grid":41,"d":[...],"p":[...]}
// c[i][j] = C(d[i], p[j]) and p[i] = P(d[i]); null where no restorer meets the
// constraints. The toy flags are those of the other commands.

import { parseArgs } from 'node:util';
import { discretizeToy } from '../math/lp/grid';
import { exactAxes } from '../math/lp/axes';
import { loadHighs } from '../math/lp/loadHighs';
import { ExactToyLp } from '../math/lp/solver';
import type { Perception } from '../math/lp/lpModel';
import type { ToyParams } from '../math/toyParams';

/** Bad flags or values: the caller prints the message on one line and exits with code 2. */
export class ExactUsageError extends Error {}

export const EXACT_HELP = `  exact-surface  exact C(D, P) over all randomized restorers, by LP on a grid
                 --grid N (41) --half-width L (5) --perception tv|w1 (tv) --d LIST --p LIST
                 -> {"grid":N,"d":[...],"p":[...],"c":[[...]]}, c[i][j] = C(d[i], p[j]), null if infeasible
  exact-pd       exact perception-distortion function P(D) on the grid
                 --grid N --half-width L --perception tv|w1 --d LIST -> {"grid":N,"d":[...],"p":[...]}
                 (--d / --p default to 15 points spanning the interesting range)`;

const OPTIONS = {
  grid: { type: 'string' },
  'half-width': { type: 'string' },
  perception: { type: 'string' },
  d: { type: 'string' },
  p: { type: 'string' },
  p1: { type: 'string' },
  mu1: { type: 'string' },
  mu2: { type: 'string' },
  'sigma-x': { type: 'string' },
  'sigma-n': { type: 'string' },
  format: { type: 'string' },
} as const;

function number(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new ExactUsageError(`--${flag}: not a finite number: ${JSON.stringify(raw)}`);
  return v;
}

function list(flag: string, raw: string | undefined): number[] | null {
  if (raw === undefined) return null;
  const parts = raw.split(',');
  const out = parts.map((s) => number(flag, s, NaN));
  if (out.some((v) => v < 0)) throw new ExactUsageError(`--${flag}: values must be >= 0`);
  return out;
}

export interface ExactCliOptions {
  params: ToyParams;
  n: number;
  L: number;
  perception: Perception;
  d: number[] | null;
  p: number[] | null;
  format: 'json' | 'csv';
}

export function parseExactArgs(argv: string[], defaults: ToyParams): ExactCliOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new ExactUsageError(e instanceof Error ? e.message.split('\n')[0] : String(e));
  }
  const n = number('grid', values.grid, 41);
  if (!Number.isInteger(n) || n < 2 || n > 201) throw new ExactUsageError('--grid: an integer from 2 to 201');
  const L = number('half-width', values['half-width'], 5);
  if (!(L > 0)) throw new ExactUsageError('--half-width: must be > 0');
  const perception = values.perception ?? 'tv';
  if (perception !== 'tv' && perception !== 'w1') throw new ExactUsageError('--perception: tv or w1');
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new ExactUsageError('--format: json or csv');
  const params: ToyParams = {
    p1: number('p1', values.p1, defaults.p1),
    mu1: number('mu1', values.mu1, defaults.mu1),
    mu2: number('mu2', values.mu2, defaults.mu2),
    sigmaX: number('sigma-x', values['sigma-x'], defaults.sigmaX),
    sigmaN: number('sigma-n', values['sigma-n'], defaults.sigmaN),
  };
  if (!(params.p1 > 0 && params.p1 < 1)) throw new ExactUsageError('--p1: must lie in (0, 1)');
  if (!(params.sigmaX > 0)) throw new ExactUsageError('--sigma-x: must be > 0');
  if (!(params.sigmaN >= 0)) throw new ExactUsageError('--sigma-n: must be >= 0');
  return { params, n, L, perception, d: list('d', values.d), p: list('p', values.p), format };
}

export interface ExactSurfaceOutput {
  grid: number;
  d: number[];
  p: number[];
  c: (number | null)[][];
}

export interface ExactPdOutput {
  grid: number;
  d: number[];
  p: (number | null)[];
}

async function withLp<T>(o: ExactCliOptions, fn: (lp: ExactToyLp, axes: { d: number[]; p: number[] }) => T): Promise<T> {
  const toy = discretizeToy(o.params, { n: o.n, L: o.L });
  const lp = new ExactToyLp(await loadHighs(), toy, o.perception);
  try {
    const axes = exactAxes(toy, o.perception, 15);
    return fn(lp, { d: o.d ?? axes.d, p: o.p ?? axes.p });
  } finally {
    lp.dispose();
  }
}

export function exactSurface(o: ExactCliOptions): Promise<ExactSurfaceOutput> {
  return withLp(o, (lp, { d, p }) => ({ grid: o.n, d, p, c: d.map((dv) => p.map((pv) => lp.cdp(dv, pv).value)) }));
}

export function exactPd(o: ExactCliOptions): Promise<ExactPdOutput> {
  return withLp(o, (lp, { d }) => ({ grid: o.n, d, p: d.map((dv) => lp.pd(dv).value) }));
}

const csvCell = (v: number | null) => (v === null ? '' : String(v));

/** The command's stdout text (one JSON line, or CSV in long format). */
export async function runExactCommand(command: 'exact-surface' | 'exact-pd', argv: string[], defaults: ToyParams): Promise<string> {
  const o = parseExactArgs(argv, defaults);
  if (command === 'exact-surface') {
    const r = await exactSurface(o);
    if (o.format === 'json') return `${JSON.stringify(r)}\n`;
    const lines = ['d,p,c'];
    r.d.forEach((dv, i) => r.p.forEach((pv, j) => lines.push(`${dv},${pv},${csvCell(r.c[i][j])}`)));
    return `${lines.join('\n')}\n`;
  }
  const r = await exactPd(o);
  if (o.format === 'json') return `${JSON.stringify(r)}\n`;
  return `${['d,p', ...r.d.map((dv, i) => `${dv},${csvCell(r.p[i])}`)].join('\n')}\n`;
}
