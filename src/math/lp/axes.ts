// Default axes of the exact surface: from just below the minimal feasible D (so the
// infeasible edge shows) to 2.5 times it, which for the paper's toy covers the
// linear family's whole interesting range (its optimum sits near D = 0.75); and P
// from 0 (perfect perception) to twice the smallest perception the linear family
// reaches, so the family's feasible region fills the upper part of the map.
// Both axes are spaced quadratically away from their lower end: the exact bound
// changes fastest just above the minimal D and just above P = 0, and flattens at
// the Bayes error of Y long before the linear family becomes feasible.

import type { DiscreteToy } from './grid';
import type { Perception } from './lpModel';
import { minFeasibleDistortion } from './bounds';
import { linearFamily } from './linearFamily';

export function linspace(lo: number, hi: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => (k === 1 ? lo : lo + ((hi - lo) * i) / (k - 1)));
}

/** k points from lo to hi, denser near lo: lo + (hi - lo) (t / (k - 1))^2. */
export function stretched(lo: number, hi: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => (k === 1 ? lo : lo + (hi - lo) * (i / (k - 1)) ** 2));
}

export function exactAxes(toy: DiscreteToy, perception: Perception, k = 15): { d: number[]; p: number[] } {
  const dMin = minFeasibleDistortion(toy).d;
  const dHi = 2.5 * dMin + toy.h * toy.h;
  let pLin = Infinity;
  for (const c of linearFamily(toy).candidates) pLin = Math.min(pLin, perception === 'tv' ? c.tv : c.w1);
  const pHi = Math.max(2 * pLin, perception === 'tv' ? 0.05 : 0.05 * toy.h);
  // The first D sits just below the minimal one so the infeasible edge shows.
  const d = [0.985 * dMin, ...stretched(dMin, dHi, k).slice(1)];
  return { d, p: stretched(0, pHi, k) };
}

/**
 * Cell order for a progressive surface fill: rows of D, alternating direction in P,
 * so each LP differs from the previous one in one bound by one step and the warm
 * start stays close to optimal.
 */
export function snakeOrder(nd: number, np: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < nd; i++) {
    for (let t = 0; t < np; t++) out.push([i, i % 2 === 0 ? t : np - 1 - t]);
  }
  return out;
}
