// Parameters of the CDP paper's Gaussian toy and the three mixtures it induces.
// Kept apart from toy.ts so the divergence modules can use the mixtures
// without importing toyPoint (which imports them): no cycles.

import type { Mixture } from './mixture';

export interface ToyParams {
  /** Prior of class w1, in (0, 1) open. */
  p1: number;
  mu1: number;
  mu2: number;
  /** Within-class standard deviation of X, > 0. */
  sigmaX: number;
  /** Noise standard deviation, >= 0 (0 means Y = X). */
  sigmaN: number;
}

/** The paper's toy (Sec. 2.3): P1 = 0.7, X|w1 ~ N(-1, 1), X|w2 ~ N(1, 1), N ~ N(0, 1). */
export const PAPER_TOY: ToyParams = Object.freeze({ p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 });

export function validateToyParams(p: ToyParams): void {
  if (!(p.p1 > 0 && p.p1 < 1)) throw new RangeError('p1 must be in (0, 1)');
  if (!Number.isFinite(p.mu1) || !Number.isFinite(p.mu2)) throw new RangeError('mu1, mu2 must be finite');
  if (!(p.sigmaX > 0) || !Number.isFinite(p.sigmaX)) throw new RangeError('sigmaX must be > 0');
  if (!(p.sigmaN >= 0) || !Number.isFinite(p.sigmaN)) throw new RangeError('sigmaN must be >= 0');
}

/** Exact cache key (numbers round-trip through toString). */
export function toyKey(p: ToyParams): string {
  return `${p.p1}|${p.mu1}|${p.mu2}|${p.sigmaX}|${p.sigmaN}`;
}

/** E[X^2] = sigmaX^2 + p1 mu1^2 + p2 mu2^2. */
export function secondMomentX(p: ToyParams): number {
  return p.sigmaX * p.sigmaX + p.p1 * p.mu1 * p.mu1 + (1 - p.p1) * p.mu2 * p.mu2;
}

/** E[Y^2] = E[X^2] + sigmaN^2. */
export function secondMomentY(p: ToyParams): number {
  return secondMomentX(p) + p.sigmaN * p.sigmaN;
}

/** Within-class standard deviation of Y. */
export function sigmaY(p: ToyParams): number {
  return Math.hypot(p.sigmaX, p.sigmaN);
}

export function mixtureX(p: ToyParams): Mixture {
  return { w: [p.p1, 1 - p.p1], m: [p.mu1, p.mu2], s: [p.sigmaX, p.sigmaX] };
}

export function mixtureY(p: ToyParams): Mixture {
  const s = sigmaY(p);
  return { w: [p.p1, 1 - p.p1], m: [p.mu1, p.mu2], s: [s, s] };
}

/**
 * Law of X^ = aY: components N(a mu_i, a^2 (sigmaX^2 + sigmaN^2)) with the class priors.
 * At a = 0 both components are point masses at 0 (s = [0, 0], m = [0, 0]): the
 * mixture helpers treat s = 0 as an atom, and a plot should draw one spike of mass 1 at 0.
 */
export function mixtureXhat(p: ToyParams, a: number): Mixture {
  const s = Math.abs(a) * sigmaY(p);
  // "+ 0" turns -0 into 0 so an atom at a = 0 always sits at +0.
  return { w: [p.p1, 1 - p.p1], m: [a * p.mu1 + 0, a * p.mu2 + 0], s: [s, s] };
}
