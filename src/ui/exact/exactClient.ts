import { wrap, type Remote } from 'comlink';
import type { LpWorkerApi } from '../../workers/lp.worker';
import { isBatchMessage, BATCH_TAG } from '../../workers/lpProtocol';
import type { ExactSpec, ExactSummary, LinearResult, ProgressBatch, RestorerResult, RunResult, WeightedExactResult } from '../../math/lp/session';
import type { LossWeights } from '../../math/weighted';

/** The exact-bound worker, one per mounted section. */
export interface ExactClient {
  configure(spec: ExactSpec): Promise<ExactSummary>;
  linear(d: number[], p: number[], pdD: number[]): Promise<LinearResult>;
  run(d: number[], p: number[], pdD: number[], onBatch: (b: ProgressBatch) => void): Promise<RunResult>;
  cancel(): Promise<void>;
  restorer(d: number, p: number): Promise<RestorerResult>;
  weighted(w: LossWeights): Promise<WeightedExactResult>;
  dispose(): void;
}

export function createExactClient(): ExactClient {
  const worker = new Worker(new URL('../../workers/lp.worker.ts', import.meta.url), { type: 'module', name: 'exact-lp' });
  const remote: Remote<LpWorkerApi> = wrap<LpWorkerApi>(worker);
  const listeners = new Map<number, (b: ProgressBatch) => void>();
  let nextRun = 1;
  worker.addEventListener('message', (ev: MessageEvent<unknown>) => {
    if (isBatchMessage(ev.data)) listeners.get(ev.data[BATCH_TAG])?.(ev.data.batch);
  });
  return {
    configure: (spec) => remote.configure(spec),
    linear: (d, p, pdD) => remote.linear(d, p, pdD),
    async run(d, p, pdD, onBatch) {
      const id = nextRun++;
      listeners.set(id, onBatch);
      try {
        // Batches travel on the same channel as the reply, ahead of it: all are in when this resolves.
        return await remote.run(d, p, pdD, id);
      } finally {
        listeners.delete(id);
      }
    },
    cancel: () => remote.cancel(),
    restorer: (d, p) => remote.restorer(d, p),
    weighted: (w) => remote.weighted(w),
    dispose: () => worker.terminate(),
  };
}
