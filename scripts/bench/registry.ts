// Benchmark rows: anyone can add rows from a module under scripts/bench/ that calls
// registerBench, imported by scripts/bench.ts. Each row is timed `iterations`
// times after a short warm-up; `setup` runs before every timed call, untimed
// (e.g. to clear caches for a cold measurement).

export interface BenchRow {
  name: string;
  fn: () => unknown;
  iterations: number;
  setup?: () => void;
}

export interface BenchResult {
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export const benchRows: BenchRow[] = [];

export function registerBench(...rows: BenchRow[]): void {
  for (const r of rows) {
    if (benchRows.some((b) => b.name === r.name)) throw new Error(`bench: duplicate row '${r.name}'`);
    benchRows.push(r);
  }
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

let sink: unknown;

export function runBench(row: BenchRow): BenchResult {
  const warm = Math.min(3, Math.max(1, Math.floor(row.iterations / 5)));
  for (let i = 0; i < warm; i++) {
    row.setup?.();
    sink = row.fn();
  }
  const times: number[] = [];
  for (let i = 0; i < row.iterations; i++) {
    row.setup?.();
    const t0 = performance.now();
    sink = row.fn();
    times.push(performance.now() - t0);
  }
  void sink;
  times.sort((a, b) => a - b);
  return { name: row.name, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), runs: times.length };
}

export function formatTable(results: BenchResult[]): string {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 0.1 ? v.toFixed(2) : v.toFixed(4));
  const header = ['name', 'median ms', 'p95 ms', 'runs'];
  const body = results.map((r) => [r.name, fmt(r.medianMs), fmt(r.p95Ms), String(r.runs)]);
  const width = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
  return [line(header), `|${width.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}
