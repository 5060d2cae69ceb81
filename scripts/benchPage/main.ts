import { setFastConv } from '../../src/models/wasmConv/fastConv';
import * as tf from '@tensorflow/tfjs';
import { requestWasmThreads, wasmThreadInfo } from '../../src/workers/tfBackends';
import { benchIteration, profileIteration, type BenchRequest } from '../../src/train/bench';
import type { WasmThreadPlan } from '../../src/workers/wasmThreads';
import { benchCondForward, benchCondPair, type CondForwardRequest, type CondPairRequest } from '../bench/conditional';

// Driven by scripts/bench-train.ts and scripts/bench-conditional.ts through Playwright: window.cdpBench.
// use('wasm', n) runs n threads instead of one per core (isolated pages only;
// the backend can start once per page, so a new count needs a new page).
async function use(name: string, wasmThreads?: number, xnnpackThreads?: number): Promise<{ ok: boolean; fallback: boolean; threads?: WasmThreadPlan }> {
  let fallback = false;
  if (name === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
    const a = await gpu?.requestAdapter();
    if (!a) return { ok: false, fallback };
    fallback = Boolean(a.info?.isFallbackAdapter);
  }
  if (name === 'wasm' && (wasmThreads !== undefined || xnnpackThreads !== undefined)) requestWasmThreads(wasmThreads ?? navigator.hardwareConcurrency, xnnpackThreads);
  const ok = (await tf.setBackend(name).catch(() => false)) && tf.getBackend() === name;
  await tf.ready();
  return { ok, fallback, threads: ok && name === 'wasm' ? await wasmThreadInfo() : undefined };
}

(window as unknown as { cdpBench: unknown }).cdpBench = {
  use,
  run: (req: BenchRequest) => benchIteration(req),
  profile: (req: Omit<BenchRequest, 'reps'>) => profileIteration(req),
  fastConv: (on: boolean) => setFastConv(on),
  // npm run bench:conditional (scripts/bench/conditional.ts).
  condPair: (req: CondPairRequest) => benchCondPair(req),
  condForward: (req: CondForwardRequest) => benchCondForward(req),
};
document.getElementById('status')!.textContent = 'ready';
