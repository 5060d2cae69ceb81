import { pathToFileURL } from 'node:url';
import { discretizeToy } from '../../src/math/lp/grid';
import { loadHighs } from '../../src/math/lp/loadHighs';
import { ExactToyLp } from '../../src/math/lp/solver';
import { exactAxes, snakeOrder } from '../../src/math/lp/axes';
import { linearFamily } from '../../src/math/lp/linearFamily';
import { PAPER_TOY } from '../../src/math/toyParams';
import type { Perception } from '../../src/math/lp/lpModel';
import { benchRows, formatTable, registerBench, runBench, type BenchRow } from './registry';

/**
 * Benchmark rows of the exact bound (issue 6), on the paper's toy:
 * - one LP solve at grid 41 and 81, warm (the persistent HiGHS model re-solved
 *   after one bound moved a step, as the surface fill does) and cold (model built
 *   from the arrays, then solved from scratch);
 * - a whole 15 x 15 (D, P) surface at grid 41 from a fresh model, in the fill's
 *   snake order (what the UI's default surface costs, less the worker messaging);
 * - the enumeration of the discretized linear family.
 * `npx tsx scripts/bench/exact.ts` runs these rows alone.
 */

const highs = await loadHighs();
const rows: BenchRow[] = [];

for (const perception of ['tv', 'w1'] as Perception[]) {
  for (const n of [41, 81]) {
    const toy = discretizeToy(PAPER_TOY, { n, L: 5 });
    const { d, p } = exactAxes(toy, perception, 15);
    const cells = snakeOrder(d.length, p.length).filter(([i]) => i > 0);
    const warm = new ExactToyLp(highs, toy, perception);
    let k = 0;
    rows.push({
      name: `exact LP: one solve, grid ${n}, ${perception}, warm (next cell of a surface)`,
      fn: () => {
        const [i, j] = cells[k++ % cells.length];
        return warm.cdp(d[i], p[j]).value;
      },
      // One pass over a whole surface (warm-up included), so the median is over its cells.
      iterations: cells.length - 3,
    });
    rows.push({
      name: `exact LP: one solve, grid ${n}, ${perception}, cold (build model + solve)`,
      fn: () => {
        const lp = new ExactToyLp(highs, toy, perception);
        try {
          return lp.cdp(d[7], p[7]).value;
        } finally {
          lp.dispose();
        }
      },
      iterations: n > 41 ? 5 : 10,
    });
  }
  for (const n of [41, 81]) {
    const toy = discretizeToy(PAPER_TOY, { n, L: 5 });
    const axes = exactAxes(toy, perception, 15);
    rows.push({
      name: `exact LP: 15x15 surface, grid ${n}, ${perception} (fresh model + 225 solves)`,
      fn: () => {
        const lp = new ExactToyLp(highs, toy, perception);
        try {
          return snakeOrder(15, 15).map(([i, j]) => lp.cdp(axes.d[i], axes.p[j]).value);
        } finally {
          lp.dispose();
        }
      },
      iterations: 3,
    });
  }
}
rows.push({
  name: 'exact LP: linear family on the grid, all a enumerated (grid 41)',
  fn: () => linearFamily(discretizeToy(PAPER_TOY, { n: 41, L: 5 })).candidates.length,
  iterations: 20,
});

registerBench(...rows);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatTable(benchRows.map(runBench))}\n`);
}
