// The CDP paper's Gaussian toy (Sec. 2.3): closed forms in the restorer gain a.
//
// X ~ p1 N(mu1, sX^2) + p2 N(mu2, sX^2), Y = X + N(0, sN^2), X^ = aY, so
// X^ | w_i ~ N(a mu_i, a^2 sY^2) with sY^2 = sX^2 + sN^2. c0 is the Bayes
// classifier of the clean X; with equal class variances it is a threshold rule.

import { tvW1 } from './divergence/crossings';
import { divergenceAtZero, divergenceEvaluator, type Divergence } from './divergence/index';
import { normCdf, normSf } from './normal';
import { secondMomentX, secondMomentY, sigmaY, validateToyParams, type ToyParams } from './toyParams';

export type { Divergence } from './divergence/index';
export { DIVERGENCES, DIVERGENCE_LABELS, isDivergence } from './divergence/index';
export type { ToyParams } from './toyParams';
export { PAPER_TOY, mixtureX, mixtureXhat, mixtureY, secondMomentX, secondMomentY, sigmaY, toyKey, validateToyParams } from './toyParams';

/**
 * c0 as a rule: `{ t, w1Below: true }` decides w1 iff x < t (mu1 < mu2);
 * `{ t, w1Below: false }` decides w1 iff x > t (mu1 > mu2); at x = t exactly
 * it decides w2. With mu1 == mu2 the classes are indistinguishable and c0 is the
 * constant rule deciding the larger prior (w1 on a tie p1 = p2 = 1/2).
 */
export type ThresholdRule = { t: number; w1Below: boolean } | { constant: 1 | 2 };

/** Bayes rule for a two-class equal-variance Gaussian mixture with class scale s. */
function bayesRule(p: ToyParams, s: number): ThresholdRule {
  const { p1, mu1, mu2 } = p;
  if (mu1 === mu2) return { constant: p1 >= 1 - p1 ? 1 : 2 };
  const t = (mu1 + mu2) / 2 + (s * s * Math.log(p1 / (1 - p1))) / (mu2 - mu1);
  return { t, w1Below: mu1 < mu2 };
}

/** c0: the Bayes classifier of the clean X, t* = (mu1+mu2)/2 + sX^2 ln(p1/p2)/(mu2-mu1). */
export function classifierThreshold(params: ToyParams): ThresholdRule {
  validateToyParams(params);
  return bayesRule(params, params.sigmaX);
}

/** Bayes classifier of the degraded Y (same form with sY). */
export function bayesThresholdY(params: ToyParams): ThresholdRule {
  validateToyParams(params);
  return bayesRule(params, sigmaY(params));
}

/** The class c0 assigns to x (ties at x = t go to w2, see ThresholdRule). */
export function classify(rule: ThresholdRule, x: number): 1 | 2 {
  if ('constant' in rule) return rule.constant;
  return (rule.w1Below ? x < rule.t : x > rule.t) ? 1 : 2;
}

/** MSE of X^ = aY: E[X^2] - 2a E[X^2] + a^2 (E[X^2] + sN^2). */
export function mse(params: ToyParams, a: number): number {
  const e2 = secondMomentX(params);
  // (1 - a)^2 E[X^2] + a^2 sN^2: same polynomial, no cancellation near a = 1.
  return (1 - a) * (1 - a) * e2 + a * a * params.sigmaN * params.sigmaN;
}

/** Linear MMSE gain a = E[X^2] / (E[X^2] + sN^2). */
export function linearMmseA(params: ToyParams): number {
  return secondMomentX(params) / secondMomentY(params);
}

/** MSE at the linear MMSE gain: E[X^2] sN^2 / (E[X^2] + sN^2). */
export function linearMmse(params: ToyParams): number {
  return (secondMomentX(params) * params.sigmaN * params.sigmaN) / secondMomentY(params);
}

/** {a : MSE(a) <= D} = [lo, hi], or null when D is below the linear MMSE. */
export function mseInterval(params: ToyParams, D: number): [number, number] | null {
  const e2 = secondMomentX(params);
  const A = secondMomentY(params);
  const disc = A * D - e2 * params.sigmaN * params.sigmaN;
  if (!(disc >= 0)) return null;
  const hi = (e2 + Math.sqrt(disc)) / A;
  // Product of the roots is (E[X^2] - D) / A: no cancellation in the small root.
  const lo = (e2 - D) / (A * hi);
  return [lo, hi];
}

/** Error rate of a threshold/constant rule applied to X^ = aY (closed form, exact at a <= 0). */
function ruleErrorRate(params: ToyParams, rule: ThresholdRule, a: number): number {
  const p1 = params.p1;
  const p2 = 1 - p1;
  if ('constant' in rule) return rule.constant === 1 ? p2 : p1;
  if (a === 0) return classify(rule, 0) === 1 ? p2 : p1; // X^ is the point 0
  // {X^ < t} = {Y < t/a} for a > 0 and {Y > t/a} for a < 0: on Y the rule keeps or flips its side.
  const s = sigmaY(params);
  const tau = rule.t / a;
  const z1 = (tau - params.mu1) / s;
  const z2 = (tau - params.mu2) / s;
  const w1BelowOnY = rule.w1Below === a > 0;
  return w1BelowOnY ? p1 * normSf(z1) + p2 * normCdf(z2) : p1 * normCdf(z1) + p2 * normSf(z2);
}

/** C(a): error rate of c0 on X^ = aY. */
export function errorRate(params: ToyParams, a: number): number {
  return ruleErrorRate(params, classifierThreshold(params), a);
}

/** Bayes error of the clean X (error of c0 on X itself, a = 1 with sN = 0). */
export function bayesErrorX(params: ToyParams): number {
  return ruleErrorRate({ ...params, sigmaN: 0 }, classifierThreshold(params), 1);
}

/** Bayes error of Y: the best any classifier of Y can do (slides' Theorem 2: >= bayesErrorX). */
export function bayesErrorY(params: ToyParams): number {
  return ruleErrorRate(params, bayesThresholdY(params), 1);
}

/**
 * The interior minimiser of C on a > 0: t* / a equals the Bayes threshold of Y.
 * null when t* = 0 (C is constant on a > 0), when c0 is constant, or when the
 * signs of t* and the Y threshold differ (C is then monotone on a > 0).
 */
export function stationaryA(params: ToyParams): number | null {
  const c0 = classifierThreshold(params);
  const cy = bayesThresholdY(params);
  if ('constant' in c0 || 'constant' in cy) return null;
  if (c0.t === 0 || cy.t === 0) return null;
  const a = c0.t / cy.t;
  return a > 0 && Number.isFinite(a) ? a : null;
}

export interface ToyPoint {
  a: number;
  mse: number;
  errorRate: number;
  /** KL(p_X || p_X^), +Infinity at a = 0. */
  klXXhat: number;
  /** KL(p_X^ || p_X), +Infinity at a = 0. */
  klXhatX: number;
  tv: number;
  w1: number;
  w2: number;
}

/** Every measure at one gain a. */
export function toyPoint(params: ToyParams, a: number): ToyPoint {
  validateToyParams(params);
  if (!Number.isFinite(a)) throw new RangeError('a must be finite');
  const P = (d: Divergence) => (a === 0 ? divergenceAtZero(params, d) : divergenceEvaluator(params, d)(a)[0]);
  const tw = tvW1(params, a); // one crossing search serves both TV and W1
  return {
    a,
    mse: mse(params, a),
    errorRate: errorRate(params, a),
    klXXhat: P('kl'),
    klXhatX: P('kl-reverse'),
    tv: tw.tv,
    w1: tw.w1,
    w2: P('w2'),
  };
}
