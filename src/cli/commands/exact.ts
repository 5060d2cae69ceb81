// Adapters for the exact LP bound's commands (src/cli/exact.ts parses its own flags).

import { CliError, glueNegativeValues } from '../args';
import type { RawCommand } from '../command';
import { ExactUsageError, runExactCommand } from '../exact';
import { PAPER_TOY } from '../../math/toyParams';

const STRING_FLAGS = ['grid', 'half-width', 'perception', 'd', 'p', 'p1', 'mu1', 'mu2', 'sigma-x', 'sigma-n', 'format'];
const SPEC = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]));

function exactCommand(name: 'exact-surface' | 'exact-pd', summary: string, help: string): RawCommand {
  return {
    name,
    summary,
    help,
    async runRaw(argv) {
      try {
        const text = await runExactCommand(name, glueNegativeValues(argv, SPEC), PAPER_TOY);
        return text.replace(/\n$/, '');
      } catch (e) {
        if (e instanceof ExactUsageError) throw new CliError(e.message);
        throw e;
      }
    },
  };
}

const FLAGS = `  --grid N        grid points per axis (default 41)
  --half-width L  grid half-width (default 5)
  --perception K  tv | w1 (default tv)
  --d LIST, --p LIST  levels, comma-separated (default: 15 points each)
  toy flags --p1 --mu1 --mu2 --sigma-x --sigma-n as for toy-surface; --format json|csv`;

export const exactSurfaceCommand = exactCommand('exact-surface', 'exact C(D, P) over all randomized restorers (LP on a grid)', FLAGS);
export const exactPdCommand = exactCommand('exact-pd', 'exact perception-distortion function P(D) (LP on a grid)', FLAGS);
