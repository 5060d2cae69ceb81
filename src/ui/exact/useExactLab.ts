import { useCallback, useEffect, useRef, useState } from 'react';
import type { Perception } from '../../math/lp/lpModel';
import type { ExactSummary, LinearResult, ProgressBatch, RestorerResult, WeightedExactResult } from '../../math/lp/session';
import type { LossWeights } from '../../math/weighted';
import { linspace } from '../../math/lp/axes';
import type { ToyParams } from '../../math/toyParams';
import { createExactClient, type ExactClient } from './exactClient';

export interface ExactSettings {
  n: number;
  L: number;
  perception: Perception;
  size: number;
}

export const DEFAULT_EXACT_SETTINGS: ExactSettings = { n: 41, L: 5, perception: 'tv', size: 15 };
/** Points of the P(D) curve. */
export const PD_POINTS = 31;

export type Phase = 'idle' | 'loading' | 'running' | 'done' | 'cancelled' | 'error';

export interface ExactLabState {
  phase: Phase;
  error: string | null;
  summary: ExactSummary | null;
  linear: LinearResult | null;
  /** exact C on summary.axes; undefined = not solved yet, null = infeasible */
  c: (number | null | undefined)[][] | null;
  pdD: number[];
  pd: (number | null | undefined)[] | null;
  done: number;
  total: number;
  ms: number | null;
}

const INITIAL: ExactLabState = { phase: 'idle', error: null, summary: null, linear: null, c: null, pdD: [], pd: null, done: 0, total: 0, ms: null };

/**
 * Drives the exact-bound worker: on every change of the toy or the settings (after a
 * short debounce) it cancels the running fill, reconfigures, draws the linear family
 * at once and then fills the exact surface and P(D) curve as batches arrive.
 */
export function useExactLab(params: ToyParams, settings: ExactSettings, enabled: boolean) {
  const client = useRef<ExactClient | null>(null);
  const generation = useRef(0);
  const [state, setState] = useState<ExactLabState>(INITIAL);

  useEffect(() => {
    client.current = createExactClient();
    return () => {
      generation.current++;
      client.current?.dispose();
      client.current = null;
    };
  }, []);

  const start = useCallback(async () => {
    const cl = client.current;
    if (!cl) return;
    const gen = ++generation.current;
    const live = () => gen === generation.current;
    setState((s) => ({ ...s, phase: 'loading', error: null, done: 0, total: 0 }));
    try {
      await cl.cancel();
      const summary = await cl.configure({ params, grid: { n: settings.n, L: settings.L }, perception: settings.perception, size: settings.size });
      if (!live()) return;
      const { d, p } = summary.axes;
      const pdD = linspace(d[0], d[d.length - 1], PD_POINTS);
      const linear = await cl.linear(d, p, pdD);
      if (!live()) return;
      const c: (number | null | undefined)[][] = d.map(() => p.map(() => undefined));
      const pd: (number | null | undefined)[] = pdD.map(() => undefined);
      setState({ phase: 'running', error: null, summary, linear, c, pdD, pd, done: 0, total: d.length * p.length + pdD.length, ms: null });
      const onBatch = (b: ProgressBatch) => {
        if (!live()) return;
        setState((s) => {
          if (!s.c || !s.pd) return s;
          const c2 = s.c.map((r) => r.slice());
          for (const cell of b.cells) c2[cell.i][cell.j] = cell.c;
          const pd2 = s.pd.slice();
          for (const pt of b.pd) pd2[pt.k] = pt.p;
          return { ...s, c: c2, pd: pd2, done: b.done, total: b.total };
        });
      };
      const res = await cl.run(d, p, pdD, onBatch);
      if (!live()) return;
      setState((s) => ({ ...s, phase: res.status === 'done' ? 'done' : 'cancelled', ms: res.ms }));
    } catch (e: unknown) {
      if (live()) setState((s) => ({ ...s, phase: 'error', error: e instanceof Error ? e.message : String(e) }));
    }
  }, [params, settings]);

  const cancel = useCallback(() => {
    void client.current?.cancel();
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const t = setTimeout(() => void start(), 300);
    return () => clearTimeout(t);
  }, [start, enabled]);

  return { state, start, cancel, client };
}

/** The optimal restorer at the chosen (D, P), refetched when the choice or the model changes. */
export function useRestorer(client: React.RefObject<ExactClient | null>, summary: ExactSummary | null, d: number | null, p: number | null) {
  const [result, setResult] = useState<RestorerResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const cl = client.current;
    if (!cl || !summary || d === null || p === null) return;
    let live = true;
    cl.restorer(d, p).then(
      (r) => live && (setResult(r), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, summary, d, p]);
  return { result, error };
}

/**
 * The restorer minimising alpha D + beta P + gamma C over all restorers on the grid,
 * re-solved when the weights or the model change. Answers for older weights are
 * dropped (the newest request wins); all weights 0 asks nothing.
 */
export function useWeightedExact(client: React.RefObject<ExactClient | null>, summary: ExactSummary | null, weights: LossWeights) {
  const [result, setResult] = useState<WeightedExactResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allZero = weights.alpha === 0 && weights.beta === 0 && weights.gamma === 0;
  useEffect(() => {
    const cl = client.current;
    if (!cl || !summary || allZero) {
      setResult(null);
      return;
    }
    let live = true;
    cl.weighted(weights).then(
      (r) => live && (setResult(r), setError(null)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [client, summary, weights, allZero]);
  // Only an answer for the current weights counts.
  const fresh = result && result.weights.alpha === weights.alpha && result.weights.beta === weights.beta && result.weights.gamma === weights.gamma ? result : null;
  return { result: fresh, error };
}
