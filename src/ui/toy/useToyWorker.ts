import { useEffect, useRef, useState } from 'react';
import type { Divergence, ToyParams } from '../../math';
import type { LossWeights } from '../../math/weighted';
import { KEYS } from '../../state';
import { createToyClient, type ToyClient } from '../../workers/toyClient';
import type { ToyRequest, ToyResponse } from '../../workers/toyProtocol';

/** Points per axis of the C_lin grid (the 101 x 101). */
export const GRID_SIZE = 101;
/** Samples of a for the curves: the a slider's range at its step. */
const A_COUNT = Math.round((KEYS.a.max - KEYS.a.min) / KEYS.a.step) + 1;

export interface ToyWorkerState {
  result: ToyResponse | null;
  /** The request the result answers (null before the first). */
  answered: ToyRequest | null;
  error: string | null;
}

/**
 * Sends every change of the toy's inputs to the worker (latest wins: one in
 * flight, stale ones dropped) and returns the newest answer.
 */
export function useToyWorker(params: ToyParams, div: Divergence, D: number, P: number, weights: LossWeights): ToyWorkerState {
  const client = useRef<ToyClient | null>(null);
  const [state, setState] = useState<ToyWorkerState>({ result: null, answered: null, error: null });

  useEffect(() => {
    const c = createToyClient(
      (result, answered) => setState({ result, answered, error: null }),
      (err) => setState((s) => ({ ...s, error: String(err) })),
    );
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
    };
  }, []);

  useEffect(() => {
    client.current?.submit({
      params,
      div,
      D,
      P,
      aMin: KEYS.a.min,
      aMax: KEYS.a.max,
      aCount: A_COUNT,
      gridSize: GRID_SIZE,
      weights,
    });
  }, [params, div, D, P, weights]);

  return state;
}
