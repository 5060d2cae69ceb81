/**
 * npm run bench:train [-- --node-only | --browser-only | --torch-only] [--reps N] [--batch 50] [--cap-s 180]
 *                      [--torch-threads N | --no-torch] [--wasm-threads N] [--xnnpack-threads N] [--no-xnnpack]
 * npm run bench:train -- --check-torch [--check-batch 8] [--check-backend cpu|wasm]
 *
 * ms per restorer iteration (5 critic steps + 1 restorer step, batch 50, the
 * MNIST denoiser with CNN-1 as c0) for the paper and fast presets, per
 * backend: Node wasm and cpu, then Chromium webgpu, webgl and wasm (the page
 * in scripts/benchPage, built with Vite, served cross-origin isolated so wasm
 * runs one thread per core, or --wasm-threads N; the backend column says how
 * many ran: the threads of CDP Lab's conv kernel; XNNPACK's pool, which runs
 * the other ops, has 1 or --xnnpack-threads N). wasm rows come twice: convs on
 * that kernel, then on XNNPACK's own with its pool at as many threads (not
 * with --no-xnnpack). GFLOP/s = the iteration's FLOP
 * count (src/train/flops.ts) over the measured time. Cells whose estimated
 * time (FLOPs over the fast preset's measured rate on that backend) exceeds
 * the cap are not run and say so. When `/usr/bin/python3 -c 'import torch'`
 * works, scripts/bench_torch.py adds a PyTorch CPU row per preset (same
 * iteration, --torch-threads threads, default one per core up to 8 as wasm) and
 * "x PyTorch" is each row's ms over PyTorch's for the same preset
 * (scripts/bench/torch.ts; --check-torch compares the two numerically).
 */
import { availableParallelism } from 'node:os';
import { backendLabel } from '../src/workers/wasmThreads';
import { launchBrowser } from '../e2e/harness';
import { benchFlops, benchIteration, type BenchRequest, type BenchResult } from '../src/train/bench';
import type { Preset } from '../src/models/zoo';
import { useBackend } from './nodeTf';
import { setFastConv } from '../src/models/wasmConv/fastConv';
import { serveBenchPage } from './bench/page';
import { checkTorch, runTorchBench } from './bench/torch';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const has = (flag: string) => process.argv.includes(`--${flag}`);

const BATCH = Number(arg('batch') ?? 50);
const CRITIC_STEPS = 5;
const REPS = Number(arg('reps') ?? 2);
const CAP_S = Number(arg('cap-s') ?? 180);
const PRESETS: Preset[] = ['fast', 'paper'];
// The browser wasm backend's thread count (one per core, at most 8), until its row reports one.
const TORCH_THREADS = Number(arg('torch-threads') ?? Math.min(8, availableParallelism()));

interface Row {
  where: string;
  backend: string;
  preset: Preset;
  result?: BenchResult;
  note?: string;
  /** A PyTorch reference row (the "x PyTorch" denominator of its preset). */
  torch?: boolean;
}

const rows: Row[] = [];

/**
 * A batch-4 probe iteration first gives a (pessimistic) rate; each cell then
 * runs in full, as a single iteration, or not at all, whichever its
 * estimated time allows under the cap. The fast preset's measured rate
 * replaces the probe's for the paper preset.
 */
async function cells(where: string, backend: string, run: (req: BenchRequest) => Promise<BenchResult>, note = ''): Promise<void> {
  const probe = await run({ preset: 'fast', batch: 4, criticSteps: CRITIC_STEPS, reps: 0 });
  let rate = benchFlops('fast', 4, CRITIC_STEPS) / probe.warmupMs; // FLOP per ms
  const extra = note ? note.replace(/^; /, '') : undefined;
  for (const preset of PRESETS) {
    const flops = benchFlops(preset, BATCH, CRITIC_STEPS);
    const estS = flops / rate / 1000;
    let reps = REPS;
    if (estS * (REPS + 1) > CAP_S) {
      if (estS > CAP_S) {
        rows.push({ where, backend, preset, note: `not run: about ${estS.toFixed(0)} s per iteration estimated from the measured rate${note}` });
        continue;
      }
      reps = 0;
    }
    process.stdout.write(`  ${where} ${backend} ${preset}${reps === 0 ? ' (one iteration)' : ''}... `);
    const result = await run({ preset, batch: BATCH, criticSteps: CRITIC_STEPS, reps });
    console.log(`${result.msPerIteration.toFixed(0)} ms`);
    rows.push({ where, backend, preset, result, note: reps === 0 ? `single iteration incl. warm-up${note}` : extra });
    if (preset === 'fast') rate = flops / result.msPerIteration;
  }
}

async function node(): Promise<void> {
  for (const backend of ['wasm', 'cpu']) {
    await useBackend(backend);
    // The cpu backend is one to two orders slower: one timed iteration is enough.
    if (backend === 'cpu') {
      await cells('Node', backend, (r) => benchIteration({ ...r, reps: Math.min(r.reps, 1) }));
      continue;
    }
    // wasm twice: convs on CDP Lab's kernel (what the app runs), then on XNNPACK. Node's tfjs-wasm has no threads.
    await cells('Node', 'wasm · 1 thread · conv: CDP Lab', benchIteration);
    setFastConv(false);
    await cells('Node', 'wasm · 1 thread · conv: XNNPACK', benchIteration);
    setFastConv(true);
  }
}

async function browser(): Promise<void> {
  const { server, close } = await serveBenchPage();
  try {
    // wasm twice, each on its own page (the backend starts once per page): convs on CDP Lab's
    // kernel (what the app runs, XNNPACK's pool at 1 thread for the other ops), then on XNNPACK's
    // own conv with its pool at the same thread count (not with --no-xnnpack).
    const wasmThreads = arg('wasm-threads') !== undefined ? Number(arg('wasm-threads')) : undefined;
    const runs = ['webgpu', 'webgl', 'wasm', ...(has('no-xnnpack') ? [] : ['wasm-xnnpack'])];
    for (const which of runs) {
      const backend = which === 'wasm-xnnpack' ? 'wasm' : which;
      const s = await launchBrowser(server);
      try {
        const { page } = s;
        page.setDefaultTimeout(0);
        await page.goto(server.url);
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
        const cores = await page.evaluate(() => Math.min(navigator.hardwareConcurrency, 8));
        const xnnpackThreads = which === 'wasm-xnnpack' ? (wasmThreads ?? cores) : arg('xnnpack-threads') !== undefined ? Number(arg('xnnpack-threads')) : undefined;
        type Use = { ok: boolean; fallback: boolean; threads?: { threads: number; isolated: boolean; simd?: boolean; convThreads?: number } };
        const use = await page.evaluate(
          ([b, t, x]) => (window as unknown as { cdpBench: { use(b: string, t?: number, x?: number): Promise<Use> } }).cdpBench.use(b as string, t as number | undefined, x as number | undefined),
          [backend, wasmThreads, xnnpackThreads] as const,
        );
        if (!use.ok) {
          rows.push({ where: 'Chromium', backend, preset: 'fast', note: 'not available' });
          continue;
        }
        const renderer =
          backend === 'webgl'
            ? await page.evaluate(() => {
                const gl = document.createElement('canvas').getContext('webgl2');
                const ext = gl?.getExtension('WEBGL_debug_renderer_info');
                return String((gl && ext && gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) ?? '');
              })
            : '';
        const software = use.fallback || /swiftshader|llvmpipe|software/i.test(renderer);
        const note = software ? `; software (${use.fallback ? 'WebGPU fallback adapter' : 'SwiftShader'})` : '';
        const run = (req: BenchRequest) => page.evaluate((r) => (window as unknown as { cdpBench: { run(r: BenchRequest): Promise<BenchResult> } }).cdpBench.run(r), req);
        if (which === 'wasm-xnnpack') {
          await page.evaluate(() => (window as unknown as { cdpBench: { fastConv(on: boolean): void } }).cdpBench.fastConv(false));
          await cells('Chromium', `wasm · conv: XNNPACK, ${xnnpackThreads} thread${xnnpackThreads === 1 ? '' : 's'}${use.threads?.simd ? ' · SIMD' : ''}`, run, note);
        } else if (backend === 'wasm' && use.threads) {
          // "wasm · 2 threads · SIMD · conv: CDP Lab": the threads the convs ran on.
          const pool = xnnpackThreads ?? 1;
          await cells('Chromium', `${backendLabel({ active: backend, threads: use.threads })} · conv: CDP Lab (other ops: XNNPACK, ${pool} thread${pool === 1 ? '' : 's'})`, run, note);
        } else {
          await cells('Chromium', backend, run, note);
        }
      } finally {
        await s.close();
      }
    }
  } finally {
    await close();
  }
}

function torch(): void {
  console.log(`  PyTorch cpu, ${TORCH_THREADS} threads...`);
  const out = runTorchBench({ presets: PRESETS, batch: BATCH, threads: TORCH_THREADS, reps: Math.max(3, REPS) });
  if ('skipped' in out) {
    console.log(`  ${out.skipped}`);
    return;
  }
  for (const t of out.results) {
    const flops = benchFlops(t.preset, BATCH, CRITIC_STEPS);
    const result: BenchResult = { preset: t.preset, batch: t.batch, criticSteps: CRITIC_STEPS, reps: t.reps, backend: 'torch', msPerIteration: t.ms, warmupMs: NaN, gflopPerIteration: flops / 1e9, gflops: flops / 1e9 / (t.ms / 1000) };
    const tried = Object.entries(t.byPolicy)
      .map(([p, ms]) => `${p} ${ms.toFixed(0)} ms`)
      .join(', ');
    const note = `median of ${t.reps} after a warm-up, run after the browser closed; the fastest OMP_WAIT_POLICY (${tried})${t.mismatch ? `; MISMATCH: ${t.mismatch}` : ''}`;
    rows.push({ where: `PyTorch ${t.torch}`, backend: `cpu (${t.threads} threads, OMP_WAIT_POLICY ${t.waitPolicy})`, preset: t.preset, result, note, torch: !t.mismatch });
  }
}

function table(): string {
  const head = '| where | backend | preset | ms / iteration | x PyTorch | GFLOP / iteration | GFLOP/s | note |';
  const sep = '|---|---|---|---:|---:|---:|---:|---|';
  const torchMs = new Map(rows.filter((r) => r.torch && r.result).map((r) => [r.preset, r.result!.msPerIteration]));
  const lines = rows.map((r) => {
    const gf = benchFlops(r.preset, BATCH, CRITIC_STEPS) / 1e9;
    const res = r.result;
    const ref = torchMs.get(r.preset);
    const x = res && ref ? `${(res.msPerIteration / ref).toFixed(1)}x` : '–';
    return `| ${r.where} | ${r.backend} | ${r.preset} | ${res ? res.msPerIteration.toFixed(0) : '–'} | ${x} | ${gf.toFixed(1)} | ${res ? res.gflops.toFixed(2) : '–'} | ${r.note ?? (res ? `warm-up ${res.warmupMs.toFixed(0)} ms, ${res.reps} timed` : '')} |`;
  });
  return [head, sep, ...lines].join('\n');
}

async function main(): Promise<void> {
  if (has('check-torch')) {
    const ok = await checkTorch({ presets: PRESETS, batch: Number(arg('check-batch') ?? 8), backend: arg('check-backend') ?? 'cpu' });
    process.exit(ok ? 0 : 1);
  }
  console.log(`bench:train: MNIST denoiser, batch ${BATCH}, ${CRITIC_STEPS} critic steps per restorer iteration, c0 = CNN-1, ${REPS} timed iterations after a warm-up`);
  if (!has('browser-only') && !has('torch-only')) await node();
  if (!has('node-only') && !has('torch-only')) await browser();
  if (!has('no-torch')) torch();
  console.log('\n' + table());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
