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
  /** Whether the backend runs the SIMD build (known once it started). */
  readonly simd?: boolean;
  /** Threads CDP Lab's conv kernel runs on (src/models/wasmConv), 0 where XNNPACK runs the convs; known once it started. */
  readonly convThreads?: number;
}

export const MAX_WASM_THREADS = 8;

export function planWasmThreads(isolated: boolean, hardwareConcurrency: number | undefined, requested?: number): WasmThreadPlan {
  const cores = Math.max(1, Math.floor(hardwareConcurrency ?? 1));
  if (!isolated) return { threads: 1, isolated, note: '1 thread (the page is not cross-origin isolated, so no SharedArrayBuffer)' };
  if (requested !== undefined && Number.isFinite(requested) && requested >= 1) {
    const threads = Math.min(Math.floor(requested), MAX_WASM_THREADS);
    return { threads, isolated, note: `${threads} thread${threads === 1 ? '' : 's'} (requested; cross-origin isolated, ${cores} logical core${cores === 1 ? '' : 's'})` };
  }
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

/** "2 threads · SIMD", "1 thread (page not cross-origin isolated)": what follows "wasm · " in badges and tables. */
export function threadsLabel(plan: { threads: number; isolated: boolean; simd?: boolean }): string {
  const simd = plan.simd === false ? ' · no SIMD' : plan.simd ? ' · SIMD' : '';
  if (!plan.isolated) return `1 thread${simd} (page not cross-origin isolated)`;
  return `${plan.threads} thread${plan.threads === 1 ? '' : 's'}${simd}`;
}

/** The backend in one line: "wasm · 2 threads · SIMD", "webgl". */
export function backendLabel(report: { active: string; threads?: { threads: number; isolated: boolean; simd?: boolean } }): string {
  return report.threads ? `${report.active} · ${threadsLabel(report.threads)}` : report.active;
}
