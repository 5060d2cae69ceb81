/**
 * npm run bench:profile [-- --preset paper|fast] [--batch 50] [--critic-steps 5]
 *                       [--backend wasm|cpu | --browser [--wasm-threads N]]
 *
 * Where one training iteration (5 critic steps + 1 restorer step, the bench's
 * setup) spends its time, per tfjs kernel: tf.profile's kernel times summed
 * by kernel name and input shapes, largest first. On Node (wasm by default)
 * or, with --browser, in headless Chromium on the bench page's wasm backend
 * (cross-origin isolated: one thread per core, or --wasm-threads N). Used to
 * decide which ops to replace; the table goes in the closing note of speed work.
 */
import { launchBrowser } from '../e2e/harness';
import type { Preset } from '../src/models/zoo';
import { profileIteration, type BenchRequest, type ProfileResult } from '../src/train/bench';
import { backendLabel, type WasmThreadPlan } from '../src/workers/wasmThreads';
import { serveBenchPage } from './bench/page';
import { useBackend } from './nodeTf';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

type Req = Omit<BenchRequest, 'reps'>;

async function inChromium(req: Req): Promise<{ label: string; result: ProfileResult }> {
  const { server, close } = await serveBenchPage();
  try {
    const s = await launchBrowser(server);
    try {
      s.page.setDefaultTimeout(0);
      await s.page.goto(server.url);
      await s.page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      const threads = process.argv.includes('--wasm-threads') ? Number(arg('wasm-threads', '1')) : undefined;
      type Use = { ok: boolean; threads?: WasmThreadPlan };
      const use = await s.page.evaluate(([t]) => (window as unknown as { cdpBench: { use(b: string, t?: number): Promise<Use> } }).cdpBench.use('wasm', t), [threads] as const);
      if (!use.ok) throw new Error('the wasm backend did not start in Chromium');
      const result = await s.page.evaluate((r) => (window as unknown as { cdpBench: { profile(r: Req): Promise<ProfileResult> } }).cdpBench.profile(r), req);
      return { label: `Chromium ${backendLabel({ active: 'wasm', threads: use.threads })}`, result };
    } finally {
      await s.close();
    }
  } finally {
    await close();
  }
}

async function main(): Promise<void> {
  const req: Req = { preset: arg('preset', 'paper') as Preset, batch: Number(arg('batch', '50')), criticSteps: Number(arg('critic-steps', '5')) };
  let label: string;
  let result: ProfileResult;
  if (process.argv.includes('--browser')) {
    ({ label, result } = await inChromium(req));
  } else {
    await useBackend(arg('backend', 'wasm'));
    result = await profileIteration(req);
    label = `Node ${result.backend}`;
  }
  console.log(`${label} ${req.preset} batch ${req.batch}: wall ${result.wallMs.toFixed(0)} ms (profiled), kernels ${result.kernelMs.toFixed(0)} ms in ${result.calls} calls`);
  const byName = new Map<string, number>();
  for (const r of result.rows) byName.set(r.kernel, (byName.get(r.kernel) ?? 0) + r.ms);
  console.log('\n| kernel | ms | share |\n|---|---:|---:|');
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${name} | ${ms.toFixed(0)} | ${((100 * ms) / result.kernelMs).toFixed(1)}% |`);
  console.log('\n| kernel | input shapes | calls | ms |\n|---|---|---:|---:|');
  for (const r of result.rows.slice(0, 25)) console.log(`| ${r.kernel} | ${r.shapes} | ${r.calls} | ${r.ms.toFixed(0)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
