/**
 * npm run bench:conditional [-- --reps 5] [--warmup 2] [--forward-runs 200] [--presets exp1,exp2,exp3,exp4]
 *                            [--node-only | --browser-only | --torch-only] [--no-torch] [--no-forward]
 *                            [--torch-threads N] [--wasm-threads N] [--models public/models] [--data public/data]
 *
 * What loss-conditional restoration (issue 19) costs, as three markdown tables:
 *
 * 1. Training: ms per iteration of the fixed-weight trainer (Trainer.step('both'),
 *    src/train/trainer.ts, at one fixed beta and gamma, both nonzero) against
 *    the loss-conditional one (CondTrainer.step(), src/train/conditional/trainer.ts,
 *    weights drawn per example), per MNIST conditional preset (Exp-1 to Exp-4:
 *    their restorer, critic, c0 and task; batch 25, 1 critic step), the two
 *    timed alternately in the same run (scripts/bench/conditional.ts), on
 *    synthetic squares: Node wasm (1 thread), then Chromium wasm (the bench
 *    page, cross-origin isolated, one thread per core or --wasm-threads N).
 *    "x fixed" is conditional over fixed. After the browser has closed,
 *    scripts/bench_torch.py --conditional times the same two iterations in
 *    PyTorch (CPU, its default configuration: no OMP_WAIT_POLICY), at as many
 *    threads as the Chromium wasm row and again at PyTorch's own default
 *    thread count where that differs (or only --torch-threads N). "x PyTorch"
 *    is each row's conditional ms over the fastest PyTorch conditional ms of
 *    the same preset ("fixed x PyTorch" likewise for the fixed iteration;
 *    a PyTorch row whose nets differ from ours is marked MISMATCH and is
 *    never a denominator). Times are
 *    medians of --reps timed iterations after --warmup untimed ones, each
 *    ending with the loss read-back.
 * 2. A slider move: what slide mode's worker runs per move (conditionalSamples:
 *    16 test digits uploaded, the conditional restorer's forward pass at one
 *    setting in eval mode, the read-back of the pixels; the offline MNIST test
 *    split degraded as the preset's task does, synthetic squares when
 *    public/data has no MNIST), p50/p95 over --forward-runs runs (>= 200) in
 *    Chromium wasm, cycling through the preset's dense grid. The shipped model
 *    (public/models/cond-<preset>/) when it exists, else an untrained
 *    conditional net of the same spec (same cost), labelled so.
 * 3. Dense evaluation: seconds per grid point and for the whole grid, from
 *    public/models/cond-<preset>/validation.json ("timing", written by
 *    npm run eval:conditional), or "not yet evaluated".
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../e2e/harness';
import { datasetInfo } from '../src/data/catalog';
import { CONDITIONAL_PRESETS, denseGridPoints, type CondPresetId } from '../src/experiments/conditionalPresets';
import { COND_INDEX_FILE, type CondIndex } from '../src/train/conditional/shipped';
import { squaresSet } from '../src/train/fixtures';
import { makeTaskData } from '../src/train/taskData';
import { backendLabel } from '../src/workers/wasmThreads';
import {
  benchCondPair,
  condBenchConfig,
  median,
  type CondForwardRequest,
  type CondForwardResult,
  type CondModelFiles,
  type CondPairRequest,
  type CondPairResult,
} from './bench/conditional';
import { serveBenchPage } from './bench/page';
import { NON_DEFAULT_OMP_ENV, runTorchCondBench, type TorchCondResult } from './bench/torch';
import { readDataset, useBackend } from './nodeTf';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (flag: string) => process.argv.includes(`--${flag}`);

const REPS = Number(arg('reps') ?? 5);
const WARMUP = Number(arg('warmup') ?? 2);
const FORWARD_RUNS = Number(arg('forward-runs') ?? 200);
const FORWARD_WARMUP = 10;
const MODELS = arg('models') ?? 'public/models';
const DATA = arg('data') ?? 'public/data';
const PRESETS = (arg('presets')?.split(',') ?? CONDITIONAL_PRESETS.map((p) => p.id)) as CondPresetId[];
for (const p of PRESETS) if (!CONDITIONAL_PRESETS.some((c) => c.id === p)) throw new Error(`--presets: known conditional presets are ${CONDITIONAL_PRESETS.map((c) => c.id).join(', ')}`);

interface TrainRow {
  where: string;
  backend: string;
  preset: CondPresetId;
  fixedMs?: number;
  condMs?: number;
  note: string;
  /** The PyTorch row of its preset: the "x PyTorch" denominator. */
  torch?: boolean;
}

interface ForwardRow {
  preset: CondPresetId;
  model: string;
  input: string;
  result: CondForwardResult;
  backend: string;
}

const trainRows: TrainRow[] = [];
const forwardRows: ForwardRow[] = [];
const notes: string[] = [];

const presetLabel = (id: CondPresetId) => {
  const { cfg, classifier } = condBenchConfig(CONDITIONAL_PRESETS.find((p) => p.id === id)!);
  return `${id} (${cfg.task === 'denoise' ? 'denoise' : 'SR x6'}, c0 ${classifier})`;
};

function pairRow(where: string, backend: string, r: CondPairResult): TrainRow {
  const f = (x: number) => x.toFixed(0);
  return {
    where,
    backend,
    preset: r.preset,
    fixedMs: median(r.fixedMs),
    condMs: median(r.condMs),
    note:
      `median of ${r.condMs.length} each after ${Math.max(1, WARMUP)} warm-up; fixed at beta ${r.fixed.beta}, gamma ${r.fixed.gamma}; ` +
      `first iteration ${f(r.fixedFirstMs)} / ${f(r.condFirstMs)} ms`,
  };
}

async function node(): Promise<void> {
  await useBackend('wasm');
  const backend = 'wasm · 1 thread · conv: CDP Lab';
  for (const preset of PRESETS) {
    process.stdout.write(`  Node ${backend} ${preset}... `);
    const r = await benchCondPair({ preset, reps: REPS, warmup: WARMUP });
    const row = pairRow('Node', backend, r);
    console.log(`fixed ${row.fixedMs!.toFixed(0)} ms, conditional ${row.condMs!.toFixed(0)} ms`);
    trainRows.push(row);
  }
}

let mnist: Promise<Awaited<ReturnType<typeof readDataset>> | null> | null = null;

/** 16 degraded test digits for a preset's task, row-major [16, 28, 28, 1]. */
async function forwardInputs(preset: CondPresetId): Promise<{ inputs: number[]; label: string }> {
  const { cfg } = condBenchConfig(CONDITIONAL_PRESETS.find((p) => p.id === preset)!);
  const info = datasetInfo('mnist');
  const spec = { task: cfg.task, sigma: cfg.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: 16 };
  const task = cfg.task === 'denoise' ? 'noisy (sigma 1)' : 'x6 down and up';
  mnist ??= readDataset(DATA, 'mnist').catch(() => null);
  const d = await mnist;
  if (d) return { inputs: Array.from(makeTaskData(d.train, d.test, spec).test.degraded), label: `16 MNIST test digits, ${task}` };
  const squares = squaresSet(64, 28, 10, 2);
  return { inputs: Array.from(makeTaskData(squares, squares, spec).test.degraded), label: `16 synthetic squares (no MNIST in ${DATA}), ${task}` };
}

/** The shipped model of a preset, when its folder and index entry exist. */
function shippedModel(preset: CondPresetId): CondModelFiles | null {
  const indexPath = join(MODELS, COND_INDEX_FILE);
  if (!existsSync(indexPath)) return null;
  const entry = (JSON.parse(readFileSync(indexPath, 'utf8')) as CondIndex).models.find((m) => m.id === preset);
  if (!entry) return null;
  const dir = join(MODELS, entry.dir);
  if (!existsSync(join(dir, 'model.json')) || !existsSync(join(dir, 'weights.bin'))) return null;
  return {
    dir: entry.dir,
    json: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')),
    weightsBase64: readFileSync(join(dir, 'weights.bin')).toString('base64'),
    ranges: entry.ranges,
    task: entry.task,
    restorer: entry.preset,
  };
}

type CdpBench = {
  use(b: string, t?: number, x?: number): Promise<{ ok: boolean; threads?: { threads: number; isolated: boolean; simd?: boolean } }>;
  condPair(r: CondPairRequest): Promise<CondPairResult>;
  condForward(r: CondForwardRequest): Promise<CondForwardResult>;
};

/** Chromium wasm: the training pairs, then the forward passes. Returns the wasm thread count. */
async function browser(): Promise<number | undefined> {
  const { server, close } = await serveBenchPage();
  try {
    const s = await launchBrowser(server);
    try {
      const { page } = s;
      page.setDefaultTimeout(0);
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const wasmThreads = arg('wasm-threads') !== undefined ? Number(arg('wasm-threads')) : undefined;
      const use = await page.evaluate(([t]) => (window as unknown as { cdpBench: CdpBench }).cdpBench.use('wasm', t), [wasmThreads] as const);
      if (!use.ok) {
        notes.push('Chromium: the wasm backend did not start; no Chromium rows.');
        return undefined;
      }
      const backend = `${backendLabel({ active: 'wasm', threads: use.threads })} · conv: CDP Lab`;
      for (const preset of PRESETS) {
        process.stdout.write(`  Chromium ${backend} ${preset}... `);
        const r = await page.evaluate((req) => (window as unknown as { cdpBench: CdpBench }).cdpBench.condPair(req), { preset, reps: REPS, warmup: WARMUP });
        const row = pairRow('Chromium', backend, r);
        console.log(`fixed ${row.fixedMs!.toFixed(0)} ms, conditional ${row.condMs!.toFixed(0)} ms`);
        trainRows.push(row);
      }
      if (!has('no-forward')) {
        for (const preset of PRESETS) {
          const model = shippedModel(preset);
          const { inputs, label } = await forwardInputs(preset);
          process.stdout.write(`  Chromium forward ${preset} (${model ? model.dir : 'untrained'})... `);
          const req: CondForwardRequest = { preset, runs: FORWARD_RUNS, warmup: FORWARD_WARMUP, inputs, ...(model ? { model } : {}) };
          let result: CondForwardResult;
          try {
            result = await page.evaluate((r) => (window as unknown as { cdpBench: CdpBench }).cdpBench.condForward(r), req);
          } catch (e) {
            // A model being written right now (pretrain:conditional) may not load yet.
            const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
            console.log(`failed: ${why}`);
            notes.push(`forward ${preset}: ${model ? model.dir : 'untrained net'} did not run: ${why}`);
            continue;
          }
          console.log(`p50 ${quantile(result.ms, 0.5).toFixed(1)} ms`);
          forwardRows.push({ preset, model: model ? `${model.dir} (shipped)` : `untrained, the spec of cond-${preset} (no shipped model yet)`, input: label, result, backend });
        }
      }
      return use.threads?.threads;
    } finally {
      await s.close();
    }
  } finally {
    await close();
  }
}

/**
 * PyTorch at the Chromium wasm row's thread count, and again at PyTorch's own
 * default thread count when that differs: the faster of the two, per preset
 * and per iteration, is the anchor of the ratio columns (issue 23: never a
 * slower configuration than the default).
 */
function torch(threads: number, explicit: boolean): void {
  const env = NON_DEFAULT_OMP_ENV.filter((k) => process.env[k] !== undefined);
  if (env.length) console.log(`  (removed from PyTorch's environment: ${env.map((k) => `${k}=${process.env[k]}`).join(', ')})`);
  const run = (n: number): TorchCondResult[] => {
    const load = loadavg()[0];
    console.log(`  PyTorch cpu, ${n} thread${n === 1 ? '' : 's'}, OMP_WAIT_POLICY unset, PASSIVE and ACTIVE (1-min load average ${load.toFixed(2)} on ${availableParallelism()} cores)...`);
    const out = runTorchCondBench({ presets: PRESETS, threads: n, reps: Math.max(3, REPS), warmup: WARMUP });
    if ('skipped' in out) {
      notes.push(out.skipped);
      console.log(`  ${out.skipped}`);
      return [];
    }
    for (const t of out.results) {
      trainRows.push({
        where: `PyTorch ${t.torch}`,
        backend: `cpu · ${t.threads} thread${t.threads === 1 ? '' : 's'}${t.threads === t.defaultThreads ? " (PyTorch's default)" : ''} · OMP_WAIT_POLICY ${t.ompWaitPolicy}`,
        preset: t.preset,
        fixedMs: t.msFixed,
        condMs: t.msCond,
        note: `median of ${t.reps} each after ${Math.max(1, WARMUP)} warm-up; the fastest wait policy (conditional: ${Object.entries(t.condByPolicy)
          .map(([p, ms]) => `${p} ${ms.toFixed(1)} ms`)
          .join(', ')}); 1-min load average ${load.toFixed(2)} before${t.mismatch ? `; MISMATCH: ${t.mismatch}` : ''}`,
        torch: !t.mismatch,
      });
    }
    return out.results;
  };
  const first = run(threads);
  const defaults = [...new Set(first.map((t) => t.defaultThreads))].filter((n) => n !== threads);
  if (!explicit) for (const n of defaults) run(n);
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}

const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}x` : '–');

/** The fastest matching PyTorch time of a preset: the "x PyTorch" denominator. */
function torchBest(preset: CondPresetId, key: 'fixedMs' | 'condMs'): number | undefined {
  const xs = trainRows.filter((r) => r.torch && r.preset === preset && r[key] !== undefined).map((r) => r[key] as number);
  return xs.length ? Math.min(...xs) : undefined;
}

function trainTable(): string {
  const head = '| where | backend | preset | fixed ms / it | conditional ms / it | x fixed | x PyTorch | fixed x PyTorch | note |';
  const sep = '|---|---|---|---:|---:|---:|---:|---:|---|';
  const order = (r: TrainRow) => PRESETS.indexOf(r.preset);
  const rows = [...trainRows].sort((a, b) => order(a) - order(b)).map((r) => {
    return `| ${r.where} | ${r.backend} | ${presetLabel(r.preset)} | ${ms(r.fixedMs)} | ${ms(r.condMs)} | ${ratio(r.condMs, r.fixedMs)} | ${ratio(r.condMs, torchBest(r.preset, 'condMs'))} | ${ratio(r.fixedMs, torchBest(r.preset, 'fixedMs'))} | ${r.note} |`;
  });
  return [head, sep, ...rows].join('\n');
}

function forwardTable(): string {
  const head = '| preset | model | input | backend | runs | p50 ms | p95 ms | min ms | max ms |';
  const sep = '|---|---|---|---|---:|---:|---:|---:|---:|';
  const rows = forwardRows.map((f) => {
    const x = f.result.ms;
    return `| ${f.preset} | ${f.model} | ${f.input} | Chromium ${f.backend} | ${x.length} | ${quantile(x, 0.5).toFixed(1)} | ${quantile(x, 0.95).toFixed(1)} | ${Math.min(...x).toFixed(1)} | ${Math.max(...x).toFixed(1)} |`;
  });
  return [head, sep, ...rows].join('\n');
}

interface Timing {
  points: number;
  totalSeconds: number;
  perPointMedian: number;
  perPointMax: number;
  backend: string;
  date: string;
}

function denseTable(): string {
  const head = '| preset | grid | whole grid s | s / point (median) | s / point (max) | backend | date |';
  const sep = '|---|---|---:|---:|---:|---|---|';
  const rows = PRESETS.map((id) => {
    const cp = CONDITIONAL_PRESETS.find((p) => p.id === id)!;
    const grid = `${cp.grid.beta.length} x ${cp.grid.gamma.length} = ${denseGridPoints(cp).length} points`;
    const path = join(MODELS, cp.dir, 'validation.json');
    let t: Timing | undefined;
    try {
      t = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { timing?: Timing }).timing : undefined;
    } catch {
      t = undefined;
    }
    if (!t) return `| ${id} | ${grid} | not yet evaluated | – | – | – | – |`;
    return `| ${id} | ${t.points} points | ${t.totalSeconds.toFixed(0)} | ${t.perPointMedian.toFixed(1)} | ${t.perPointMax.toFixed(1)} | ${t.backend} | ${t.date} |`;
  });
  return [head, sep, ...rows].join('\n');
}

async function main(): Promise<void> {
  const only = ['node-only', 'browser-only', 'torch-only'].find(has);
  console.log(
    `bench:conditional: presets ${PRESETS.join(', ')}; training ${REPS} timed iterations each after ${Math.max(1, WARMUP)} warm-up, batch 25, 1 critic step; ` +
      `forward ${FORWARD_RUNS} runs after ${FORWARD_WARMUP}`,
  );
  if (!only || only === 'node-only') await node();
  let wasmThreads: number | undefined;
  if (!only || only === 'browser-only') wasmThreads = await browser();
  // After the browser has closed: PyTorch on a machine that nothing of this bench loads.
  if ((!only || only === 'torch-only') && !has('no-torch')) torch(Number(arg('torch-threads') ?? wasmThreads ?? Math.min(8, availableParallelism())), arg('torch-threads') !== undefined);
  console.log('\n### Conditional against fixed-weight training (ms per iteration)\n');
  console.log(trainTable());
  if (forwardRows.length) {
    console.log('\n### A slider move: conditionalSamples on 16 digits (upload, forward pass, read-back of the pixels)\n');
    console.log(forwardTable());
  }
  console.log('\n### Dense evaluation (npm run eval:conditional)\n');
  console.log(denseTable());
  if (notes.length) console.log('\n' + notes.map((n) => `- ${n}`).join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
