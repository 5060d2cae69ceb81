/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { convThreads, startConvThreads } from '../models/wasmConv/fastConv';
import { MAX_WASM_THREADS, concurrencyToReport, planWasmThreads, type WasmThreadPlan } from './wasmThreads';

/**
 * Registers every tfjs backend the browser build offers. The wasm binaries
 * are emitted by Vite as same-origin assets (the CSP allows
 * 'wasm-unsafe-eval', not 'unsafe-eval', and no other origin). In a
 * cross-origin isolated page the wasm backend runs threaded SIMD with one
 * thread per logical core (up to 8); elsewhere single-threaded SIMD.
 */
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

const isolated = Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated);
/** The threads training's convolutions run on (CDP Lab's kernel, src/models/wasmConv). */
let wasmPlan: WasmThreadPlan = planWasmThreads(isolated, globalThis.navigator?.hardwareConcurrency);
/**
 * XNNPACK's pool, which now runs only the other ops (elementwise, pooling,
 * small matmuls): one thread. Its threads spin for milliseconds after each op,
 * and on a 2-core machine that kept the conv helpers off the second core: a
 * fast-preset iteration took 535-597 ms with both pools at 2 threads, 472-478
 * with this one at 1 (the paper preset 2,230-2,687 against 2,240-2,265).
 */
let xnnpackThreads = 1;

if (!wasmPlan.isolated) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
} else {
  setThreadsCount(xnnpackThreads);
  // The backend's module reads navigator.hardwareConcurrency (halved, as its
  // cap) while it starts: report twice the threads for just that moment.
  const original = tf.findBackendFactory('wasm');
  const priority = 2; // tfjs-backend-wasm's own
  if (original) {
    tf.removeBackend('wasm');
    tf.registerBackend(
      'wasm',
      async () => {
        const nav = globalThis.navigator as Navigator;
        Object.defineProperty(nav, 'hardwareConcurrency', { value: concurrencyToReport(xnnpackThreads), configurable: true });
        let backend: tf.KernelBackend;
        try {
          backend = await original();
        } finally {
          delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // back to the prototype's getter
        }
        // Without helpers (a worker that failed to start) the convs run on this thread alone.
        await startConvThreads(backend, wasmPlan.threads).catch(() => 0);
        return backend;
      },
      priority,
    );
  }
}

/**
 * Other thread counts for the wasm backend: the convs' and XNNPACK's (the
 * bench page measures 1 against N, and XNNPACK's own conv at N); only before
 * the backend starts, and only when isolated.
 */
export function requestWasmThreads(threads: number, xnnpack = 1): void {
  wasmPlan = planWasmThreads(isolated, globalThis.navigator?.hardwareConcurrency, threads);
  xnnpackThreads = Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(xnnpack)));
  if (isolated) setThreadsCount(xnnpackThreads);
}

/**
 * Threads the wasm backend's convolutions actually run on (after it started),
 * whether it runs SIMD, and the plan's reason; convThreads is 0 where
 * XNNPACK runs them (the kernel turned off), and then threads is its pool's.
 */
export async function wasmThreadInfo(): Promise<WasmThreadPlan> {
  let pool = xnnpackThreads;
  try {
    pool = getThreadsCount();
  } catch {
    // not started yet: the plan is all there is
  }
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const conv = convThreads(tf.findBackend('wasm'));
  const threads = conv > 0 ? conv : pool;
  const plural = (k: number) => `${k} thread${k === 1 ? '' : 's'}`;
  const head = threads === wasmPlan.threads ? wasmPlan.note : `${plural(threads)} ran, ${wasmPlan.note}`;
  const tail = conv > 0 ? `; convolutions on CDP Lab's kernel with ${plural(conv)}, other ops on XNNPACK with ${plural(pool)}` : `; convolutions on XNNPACK with ${plural(pool)}`;
  return { ...wasmPlan, threads, simd, convThreads: conv, note: head + tail };
}
