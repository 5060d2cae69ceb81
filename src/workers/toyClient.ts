import { wrap, type Remote } from 'comlink';
import { latestWins, type LatestWins } from './latestWins';
import type { ToyWorkerApi } from './toy.worker';
import type { ToyRequest, ToyResponse } from './toyProtocol';

export interface ToyClient {
  submit(req: ToyRequest): void;
  idle(): Promise<void>;
  dispose(): void;
}

/**
 * Starts the toy worker and returns a latest-wins client. Results whose model
 * key matches the previous one keep the previous arrays (same identity), so
 * plots that depend only on them are not redrawn while D or P move.
 */
export function createToyClient(
  onResult: (res: ToyResponse, req: ToyRequest) => void,
  onError: (err: unknown) => void,
): ToyClient {
  const worker = new Worker(new URL('./toy.worker.ts', import.meta.url), { type: 'module', name: 'toy' });
  const remote: Remote<ToyWorkerApi> = wrap<ToyWorkerApi>(worker);
  let last: ToyResponse | null = null;
  const lw: LatestWins<ToyRequest> = latestWins(
    (req) => remote.compute(req) as Promise<ToyResponse>,
    (res, req) => {
      const merged = last && last.model.key === res.model.key ? { ...res, model: last.model } : res;
      last = merged;
      onResult(merged, req);
    },
    (err) => onError(err),
  );
  return {
    submit: (req) => lw.submit(req),
    idle: () => lw.idle(),
    dispose() {
      lw.dispose();
      worker.terminate();
    },
  };
}
