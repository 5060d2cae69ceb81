/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Registers every tfjs backend the browser build offers. The wasm binaries
 * are emitted by Vite as same-origin assets (the CSP allows
 * 'wasm-unsafe-eval', not 'unsafe-eval', and no other origin).
 */
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

// Threads need cross-origin isolation, which a static host rarely gives.
if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
