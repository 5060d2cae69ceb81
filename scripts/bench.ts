// npm run bench [-- FILTER]: prints median and p95 per benchmark row.
// Rows come from modules under scripts/bench/ that call registerBench; import yours below.

import { benchRows, formatTable, runBench } from './bench/registry';
import './bench/math';
import './bench/data';
import './bench/exact';

const filter = process.argv.slice(2).join(' ').toLowerCase();
const rows = benchRows.filter((r) => r.name.toLowerCase().includes(filter));
if (rows.length === 0) {
  process.stderr.write(`bench: no row matches '${filter}'\n`);
  process.exitCode = 2;
} else {
  const results = rows.map((r) => {
    const res = runBench(r);
    process.stderr.write(`  done: ${r.name}\n`);
    return res;
  });
  process.stdout.write(`${formatTable(results)}\n`);
}

export { registerBench, type BenchRow } from './bench/registry';
