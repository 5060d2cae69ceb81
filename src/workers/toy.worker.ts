/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createToyComputer } from './toyCompute';
import type { ToyRequest, ToyResponse } from './toyProtocol';

// The surface, curves and point solve run here so slider drags never wait
// on them; the client keeps one request in flight (latest wins).
const compute = createToyComputer();

const api = {
  compute(req: ToyRequest): ToyResponse {
    return compute(req);
  },
};

export type ToyWorkerApi = typeof api;

expose(api);
