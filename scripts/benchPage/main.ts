import * as tf from '@tensorflow/tfjs';
import '../../src/workers/tfBackends';
import { benchIteration, type BenchRequest } from '../../src/train/bench';

// Driven by scripts/bench-train.ts through Playwright: window.cdpBench.
async function use(name: string): Promise<{ ok: boolean; fallback: boolean }> {
  let fallback = false;
  if (name === 'webgpu') {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
    const a = await gpu?.requestAdapter();
    if (!a) return { ok: false, fallback };
    fallback = Boolean(a.info?.isFallbackAdapter);
  }
  const ok = (await tf.setBackend(name).catch(() => false)) && tf.getBackend() === name;
  await tf.ready();
  return { ok, fallback };
}

(window as unknown as { cdpBench: unknown }).cdpBench = {
  use,
  run: (req: BenchRequest) => benchIteration(req),
};
document.getElementById('status')!.textContent = 'ready';
