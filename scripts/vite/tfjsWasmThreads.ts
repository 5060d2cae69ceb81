import type { Plugin } from 'vite';

/**
 * Makes tfjs-backend-wasm's threaded build survive minification.
 *
 * The backend starts its pthread workers from a Blob holding
 * `wasmFactoryThreadedSimd.toString()`, so that function must not refer to
 * anything outside itself. It reads `_scriptDir`, a variable of its enclosing
 * closure, behind a `typeof` guard; a minifier renames the variable and, since
 * it is declared, drops the guard, and every worker then dies with
 * "e is not defined" (tfjs issues #4107, #4539). Reading it as a property of
 * globalThis instead cannot be renamed and is undefined in a worker, which is
 * what the guard meant.
 */
export function tfjsWasmThreads(): Plugin {
  return {
    name: 'cdp-lab-tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id.split('?')[0])) return null;
      const start = code.indexOf('function(WasmBackendModuleThreadedSimd)');
      if (start < 0) this.error('tfjs-backend-wasm-threaded-simd.js: the factory function was not found (tfjs changed its build)');
      const body = code.slice(start).replace(/typeof _scriptDir !== "undefined" && _scriptDir/g, 'globalThis.__cdpWasmScriptDir').replace(/\b_scriptDir\b/g, 'globalThis.__cdpWasmScriptDir');
      return { code: code.slice(0, start) + body, map: null };
    },
  };
}
