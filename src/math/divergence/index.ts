// One entry point for the five perception measures d(p_X, p_X^) of the toy.

import { mixtureAbsMean } from '../mixture';
import { mixtureX, secondMomentX, toyKey, validateToyParams, type ToyParams } from '../toyParams';
import { tvW1 } from './crossings';
import { klForwardEvaluator, klReverseEvaluator } from './kl';
import { w2Coefficients, w2FromCoefficients, type W2Coefficients } from './w2';

export type Divergence = 'kl' | 'kl-reverse' | 'tv' | 'w1' | 'w2';

export const DIVERGENCES: readonly Divergence[] = ['kl', 'kl-reverse', 'tv', 'w1', 'w2'];

export const DIVERGENCE_LABELS: Record<Divergence, string> = {
  kl: 'KL(p_X || p_X^)',
  'kl-reverse': 'KL(p_X^ || p_X)',
  tv: 'total variation',
  w1: 'Wasserstein-1',
  w2: 'Wasserstein-2',
};

export function isDivergence(s: string): s is Divergence {
  return (DIVERGENCES as readonly string[]).includes(s);
}

/** a -> [d(p_X, p_X^), d/da of it]. The derivative is NaN at a = 0. */
export type DivergenceEvaluator = (a: number) => [number, number];

/** Value at a = 0, where X^ is a point mass at 0. */
export function divergenceAtZero(params: ToyParams, divergence: Divergence): number {
  switch (divergence) {
    case 'kl':
    case 'kl-reverse':
      return Infinity;
    case 'tv':
      return 1;
    case 'w1':
      return mixtureAbsMean(mixtureX(params));
    case 'w2':
      return Math.sqrt(secondMomentX(params));
  }
}

const CACHE_LIMIT = 32;
const evaluators = new Map<string, DivergenceEvaluator>();
const w2Cache = new Map<string, W2Coefficients>();

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  const value = make();
  if (map.size >= CACHE_LIMIT) map.delete(map.keys().next().value as string);
  map.set(key, value);
  return value;
}

/** W2 coupling coefficients rho+-, cached per params. */
export function cachedW2Coefficients(params: ToyParams): W2Coefficients {
  return remember(w2Cache, toyKey(params), () => w2Coefficients(params));
}

/** Evaluator of the divergence and its a-derivative; setup (nodes, entropies, rho+-) cached per params. */
export function divergenceEvaluator(params: ToyParams, divergence: Divergence): DivergenceEvaluator {
  validateToyParams(params);
  const p = { ...params };
  return remember(evaluators, `${divergence}|${toyKey(p)}`, (): DivergenceEvaluator => {
    switch (divergence) {
      case 'kl':
        return klForwardEvaluator(p);
      case 'kl-reverse':
        return klReverseEvaluator(p);
      case 'tv':
        return (a) => {
          const r = tvW1(p, a);
          return [r.tv, r.dtv];
        };
      case 'w1':
        return (a) => {
          const r = tvW1(p, a);
          return [r.w1, r.dw1];
        };
      case 'w2': {
        const c = cachedW2Coefficients(p);
        return (a) => w2FromCoefficients(c, a);
      }
    }
  });
}

/** Drop cached setups (benchmarks use this to measure cold starts). */
export function clearDivergenceCache(): void {
  evaluators.clear();
  w2Cache.clear();
}
