import { proxy, wrap, type Remote } from 'comlink';
import type { LpWorkerApi } from '../../workers/lp.worker';
import type { ExactSpec, ExactSummary, LinearResult, ProgressBatch, RestorerResult, RunResult } from '../../math/lp/session';

/** The exact-bound worker, one per mounted section. */
export interface ExactClient {
  configure(spec: ExactSpec): Promise<ExactSummary>;
  linear(d: number[], p: number[], pdD: number[]): Promise<LinearResult>;
  run(d: number[], p: number[], pdD: number[], onBatch: (b: ProgressBatch) => void): Promise<RunResult>;
  cancel(): Promise<void>;
  restorer(d: number, p: number): Promise<RestorerResult>;
  dispose(): void;
}

export function createExactClient(): ExactClient {
  const worker = new Worker(new URL('../../workers/lp.worker.ts', import.meta.url), { type: 'module', name: 'exact-lp' });
  const remote: Remote<LpWorkerApi> = wrap<LpWorkerApi>(worker);
  return {
    configure: (spec) => remote.configure(spec),
    linear: (d, p, pdD) => remote.linear(d, p, pdD),
    run: (d, p, pdD, onBatch) => remote.run(d, p, pdD, proxy(onBatch)),
    cancel: () => remote.cancel(),
    restorer: (d, p) => remote.restorer(d, p),
    dispose: () => worker.terminate(),
  };
}
