import { pathToFileURL } from 'node:url';
import { discretizeToy } from '../../src/math/lp/grid';
import { loadHighs } from '../../src/math/lp/loadHighs';
import { ExactToyLp } from '../../src/math/lp/solver';
import { ExactSession } from '../../src/math/lp/session';
import { exactAxes } from '../../src/math/lp/axes';
import { linearFamily } from '../../src/math/lp/linearFamily';
import { PAPER_TOY } from '../../src/math/toyParams';
import type { Perception } from '../../src/math/lp/lpModel';

/**
 * Benchmark rows of the exact bound (issue 6): one LP solve on the paper's toy at
 * grid 41 and 81, warm (the persistent HiGHS model re-solved after a bound change,
 * as the surface fill does) and cold (LP text parsed into a fresh model, then
 * solved), and a whole 15 x 15 surface from a fresh model. Run alone with
 * `npx tsx scripts/bench/exact.ts`, or through `npm run bench`.
 */
export interface ExactBenchRow {
  name: string;
  fn: () => unknown;
  iterations: number;
}

export async function exactBenchRows(): Promise<ExactBenchRow[]> {
  const highs = await loadHighs();
  const rows: ExactBenchRow[] = [];
  for (const perception of ['tv', 'w1'] as Perception[]) {
    for (const n of [41, 81]) {
      const toy = discretizeToy(PAPER_TOY, { n, L: 5 });
      const { d, p } = exactAxes(toy, perception, 15);
      const cells = d.slice(1).flatMap((dv) => p.map((pv) => [dv, pv] as const));
      // Warm: one persistent model, consecutive cells of a surface (one bound moves a step).
      const warm = new ExactToyLp(highs, toy, perception);
      warm.cdp(d[5], p[5]);
      let k = 0;
      rows.push({
        name: `exact LP solve, grid ${n}, ${perception}, warm`,
        fn: () => {
          const [dv, pv] = cells[k++ % cells.length];
          warm.cdp(dv, pv);
        },
        iterations: 60,
      });
      rows.push({
        name: `exact LP solve, grid ${n}, ${perception}, cold (build model + solve)`,
        fn: () => {
          const lp = new ExactToyLp(highs, toy, perception);
          lp.cdp(d[7], p[7]);
          lp.dispose();
        },
        iterations: n > 41 ? 5 : 10,
      });
    }
  }
  const session = new ExactSession(highs);
  for (const perception of ['tv', 'w1'] as Perception[]) {
    rows.push({
      name: `exact 15x15 surface, grid 41, ${perception} (configure + 225 LPs)`,
      fn: async () => {
        const sum = session.configure({ params: PAPER_TOY, grid: { n: 41, L: 5 }, perception, size: 15 });
        await session.run(sum.axes.d, sum.axes.p, [], () => {}, () => Promise.resolve(), Infinity);
      },
      iterations: 3,
    });
  }
  rows.push({
    name: 'linear family on the grid, enumerate all a (grid 41)',
    fn: () => linearFamily(discretizeToy(PAPER_TOY, { n: 41, L: 5 })),
    iterations: 20,
  });
  return rows;
}

async function measure(row: ExactBenchRow): Promise<{ median: number; p95: number; runs: number }> {
  await row.fn(); // warm-up (JIT, first basis)
  const t: number[] = [];
  for (let i = 0; i < row.iterations; i++) {
    const s = performance.now();
    await row.fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)], p95: t[Math.min(t.length - 1, Math.ceil(0.95 * t.length) - 1)], runs: t.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await exactBenchRows();
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'name'.padEnd(w)}  median ms    p95 ms  runs`);
  for (const r of rows) {
    const m = await measure(r);
    console.log(`${r.name.padEnd(w)}  ${m.median.toFixed(1).padStart(9)} ${m.p95.toFixed(1).padStart(9)}  ${m.runs}`);
  }
}
