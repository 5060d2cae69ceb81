/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { convThreads, startConvThreads } from '../models/wasmConv/fastConv';
import { concurrencyToReport, planWasmThreads, type WasmThreadPlan } from './wasmThreads';

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
let wasmPlan: WasmThreadPlan = planWasmThreads(isolated, globalThis.navigator?.hardwareConcurrency);

if (!wasmPlan.isolated) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
} else {
  setThreadsCount(wasmPlan.threads);
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
        Object.defineProperty(nav, 'hardwareConcurrency', { value: concurrencyToReport(wasmPlan.threads), configurable: true });
        let backend: tf.KernelBackend;
        try {
          backend = await original();
        } finally {
          delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; // back to the prototype's getter
        }
        // CDP Lab's conv kernel runs on as many threads as XNNPACK; without helpers, on one.
        await startConvThreads(backend, wasmPlan.threads, spawnConvHelper).catch(() => 0);
        return backend;
      },
      priority,
    );
  }
}

function spawnConvHelper(): Worker {
  return new Worker(new URL('../models/wasmConv/convHelper.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Another thread count for the wasm backend (the bench page measures 1 against
 * N); only before the backend starts, and only when isolated.
 */
export function requestWasmThreads(threads: number): void {
  wasmPlan = planWasmThreads(isolated, globalThis.navigator?.hardwareConcurrency, threads);
  if (isolated) setThreadsCount(wasmPlan.threads);
}

/** Threads the wasm backend actually runs (after it started), whether it runs SIMD, and the plan's reason. */
export async function wasmThreadInfo(): Promise<WasmThreadPlan> {
  let threads = wasmPlan.threads;
  try {
    threads = getThreadsCount();
  } catch {
    // not started yet: the plan is all there is
  }
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const conv = convThreads(tf.findBackend('wasm'));
  const note = threads === wasmPlan.threads ? wasmPlan.note : `${threads} thread(s) ran, ${wasmPlan.note}`;
  const convNote = conv > 0 ? `; convolutions on CDP Lab's kernel, ${conv} thread${conv === 1 ? '' : 's'}` : '; convolutions on XNNPACK';
  return { ...wasmPlan, threads, simd, convThreads: conv, note: note + convNote };
}
