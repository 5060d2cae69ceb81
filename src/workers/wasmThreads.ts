/**
 * How many threads tfjs-backend-wasm may run, and why (no tfjs here, so it is
 * unit-testable). Threads need SharedArrayBuffer, which browsers give only
 * to cross-origin isolated pages (COOP same-origin + COEP require-corp or
 * credentialless); XNNPACK's pool is capped at 8 by the backend's build.
 */

export interface WasmThreadPlan {
  readonly threads: number;
  readonly isolated: boolean;
  /** Shown in the backend badge. */
  readonly note: string;
}

export const MAX_WASM_THREADS = 8;

export function planWasmThreads(isolated: boolean, hardwareConcurrency: number | undefined): WasmThreadPlan {
  const cores = Math.max(1, Math.floor(hardwareConcurrency ?? 1));
  if (!isolated) return { threads: 1, isolated, note: '1 thread (the page is not cross-origin isolated, so no SharedArrayBuffer)' };
  const threads = Math.min(cores, MAX_WASM_THREADS);
  return { threads, isolated, note: `${threads} thread${threads === 1 ? '' : 's'} (cross-origin isolated, ${cores} logical core${cores === 1 ? '' : 's'})` };
}

/**
 * tfjs-backend-wasm 4.22 computes its thread cap as navigator.hardwareConcurrency / 2
 * when its module starts (assuming two hyperthreads per core), which leaves a
 * 2-core machine with one thread whatever setThreadsCount asks. The value it
 * must read for `threads` to pass that cap.
 */
export function concurrencyToReport(threads: number): number {
  return 2 * threads;
}

/** "wasm · 2 threads · SIMD" and the like, for badges and bench tables. */
export function threadsLabel(plan: { threads: number; isolated: boolean }): string {
  return plan.isolated ? `${plan.threads} thread${plan.threads === 1 ? '' : 's'}` : '1 thread, not isolated';
}
