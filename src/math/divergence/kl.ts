// KL divergences between p_X and p_X^ (X^ = aY), with their derivative in a.
//
// Both integrate over the support of the FIRST argument with a composite
// Gauss-Legendre rule (panels of half a component scale, 8 nodes) that is
// built once per params: for KL(p_X || p_X^) the support of p_X does not
// depend on a, and for KL(p_X^ || p_X) the substitution x = a y maps the
// support of p_X^ onto the fixed support of p_Y:
//   KL(p_X || p_X^) = int p_X log p_X - int p_X(x) log p_X^(x) dx
//   KL(p_X^ || p_X) = int p_Y log p_Y - log|a| - int p_Y(y) log p_X(a y) dy
//
// The toy's mixtures have two components with a common scale, so the
// log-sum-exp of a log density splits exactly into a quadratic plus a
// softplus of a linear function:
//   log(p1 N(x; m1, s^2) + p2 N(x; m2, s^2)) = l1(x) + softplus(alpha + beta x),
//   l1(x) = log p1 - log s - log sqrt(2 pi) - (x - m1)^2 / (2 s^2),
//   beta = (m2 - m1) / s^2,  alpha = log(p2/p1) - (m2^2 - m1^2) / (2 s^2).
// The quadratic part integrates in closed form against the first argument's
// moments; only the softplus (one exp and one log1p per node, none at all
// where |u| > 37) goes through the quadrature. Nothing underflows: the
// softplus is evaluated as max(u, 0) + log1p(exp(-|u|)).

import { mixtureCdfIntegral, mixtureLogPdf, mixtureMinScale, mixtureSfIntegral, mixtureSupport, type Mixture } from '../mixture';
import { normCdf, normSf } from '../normal';
import { gaussLegendre, ruleOverIntervals } from '../quadrature';
import { mixtureX, mixtureY, secondMomentX, secondMomentY, sigmaY, type ToyParams } from '../toyParams';

const LOG_SQRT_2PI = 0.91893853320467274178;
/** Gauss-Legendre order per panel; panels are at most half a component scale wide. */
export const KL_NODES = 8;
const SUPPORT_SIGMAS = 9;
/** Past |u| = 37, log1p(exp(-|u|)) < 1e-16 relative to max(u, 0): softplus is exact without it. */
const SOFTPLUS_CUT = 37;
const SQRT_2PI = 2.5066282746310005024;

/** a -> [divergence, d divergence / da]. */
export type KlEvaluator = (a: number) => [number, number];

interface WeightedRule {
  mix: Mixture;
  x: Float64Array;
  /** Quadrature weight times the density of the first argument. */
  wp: Float64Array;
  /** int p log p (negative entropy) of the first argument. */
  negEntropy: number;
  /** Panel width of the fixed rule. */
  h: number;
  lo: number;
  hi: number;
}

function weightedRule(mix: Mixture): WeightedRule {
  const support = mixtureSupport(mix, SUPPORT_SIGMAS);
  const h = 0.5 * mixtureMinScale(mix);
  const rule = ruleOverIntervals(support, h, KL_NODES);
  const wp = new Float64Array(rule.x.length);
  let negEntropy = 0;
  for (let i = 0; i < rule.x.length; i++) {
    const lp = mixtureLogPdf(mix, rule.x[i]);
    wp[i] = rule.w[i] * Math.exp(lp);
    negEntropy += wp[i] * lp;
  }
  return { mix, x: rule.x, wp, negEntropy, h, lo: support[0][0], hi: support[support.length - 1][1] };
}

/**
 * Fixed nodes: sum_i wp_i softplus(alpha + beta x_i) and sum_i wp_i sigmoid(alpha + beta x_i) x_i.
 * out[0], out[1] receive the two sums (no allocation in the hot loop).
 */
function softplusMoments(x: Float64Array, wp: Float64Array, alpha: number, beta: number, out: Float64Array): void {
  let sp = 0;
  let sx = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const u = alpha + beta * xi;
    if (u > SOFTPLUS_CUT) {
      sp += wp[i] * u;
      sx += wp[i] * xi;
    } else if (u > -SOFTPLUS_CUT) {
      const e = Math.exp(-Math.abs(u));
      const inv = 1 / (1 + e);
      if (u > 0) {
        sp += wp[i] * (u + Math.log1p(e));
        sx += wp[i] * xi * inv;
      } else {
        sp += wp[i] * Math.log1p(e);
        sx += wp[i] * xi * e * inv;
      }
    }
    // u <= -37: softplus(u) < 1e-16 and contributes nothing at double precision.
  }
  out[0] = sp;
  out[1] = sx;
}

/** Breaks in |u| for the graded panels around the softplus kink (the integrand's poles sit at u = +-i pi). */
const U_BREAKS = [0, 1, 2, 4, 6, 9, 13, 18, 25, SOFTPLUS_CUT];

/**
 * Same two integrals when the softplus bend (width ~1/|beta|) is narrower than a
 * fixed panel: then max(u, 0) integrates in closed form (beta (x - xk)_+ against p
 * is |beta| times an antiderivative of a mixture CDF) and only the remainder
 * log1p(exp(-|u|)), analytic on each side of the kink xk, goes through graded
 * panels with xk as a break.
 */
function softplusMomentsNarrow(rule: WeightedRule, alpha: number, beta: number, out: Float64Array): void {
  const { mix, h } = rule;
  const xk = -alpha / beta;
  const ab = Math.abs(beta);
  let sp: number;
  let sx = 0;
  // Closed-form part: int p max(u, 0) and int_{u > 0} x p.
  if (beta > 0) {
    sp = beta * mixtureSfIntegral(mix, xk);
    for (let k = 0; k < mix.w.length; k++) {
      const s = mix.s[k];
      const z = (xk - mix.m[k]) / s;
      sx += mix.w[k] * (mix.m[k] * normSf(z) + (s * Math.exp(-0.5 * z * z)) / SQRT_2PI);
    }
  } else {
    sp = ab * mixtureCdfIntegral(mix, xk);
    for (let k = 0; k < mix.w.length; k++) {
      const s = mix.s[k];
      const z = (xk - mix.m[k]) / s;
      sx += mix.w[k] * (mix.m[k] * normCdf(z) - (s * Math.exp(-0.5 * z * z)) / SQRT_2PI);
    }
  }
  const gl = gaussLegendre(KL_NODES);
  const K = mix.w.length;
  for (const side of [-1, 1]) {
    for (let j = 0; j + 1 < U_BREAKS.length; j++) {
      let a = xk + (side * U_BREAKS[j]) / ab;
      let b = xk + (side * U_BREAKS[j + 1]) / ab;
      if (a > b) [a, b] = [b, a];
      a = Math.max(a, rule.lo);
      b = Math.min(b, rule.hi);
      if (!(b > a)) continue;
      const pieces = Math.max(1, Math.ceil((b - a) / h));
      const ph = (b - a) / pieces;
      for (let q = 0; q < pieces; q++) {
        const mid = a + (q + 0.5) * ph;
        for (let i = 0; i < KL_NODES; i++) {
          const xi = mid + 0.5 * ph * gl.x[i];
          let dens = 0;
          for (let k = 0; k < K; k++) {
            const z = (xi - mix.m[k]) / mix.s[k];
            dens += (mix.w[k] * Math.exp(-0.5 * z * z)) / (mix.s[k] * SQRT_2PI);
          }
          const wpi = 0.5 * ph * gl.w[i] * dens;
          const u = alpha + beta * xi;
          const e = Math.exp(-Math.abs(u));
          sp += wpi * Math.log1p(e);
          // sigmoid(u) - 1[u > 0] = -+ e / (1 + e)
          sx += wpi * xi * (u > 0 ? -e : e) / (1 + e);
        }
      }
    }
  }
  out[0] = sp;
  out[1] = sx;
}

function softplusIntegral(rule: WeightedRule, alpha: number, beta: number, out: Float64Array): void {
  if (Math.abs(beta) * rule.h <= 2) softplusMoments(rule.x, rule.wp, alpha, beta, out);
  else softplusMomentsNarrow(rule, alpha, beta, out);
}

/** KL(p_X || p_X^) and its a-derivative; +Infinity at a = 0. Setup cached in the closure. */
export function klForwardEvaluator(params: ToyParams): KlEvaluator {
  const rule = weightedRule(mixtureX(params));
  const { negEntropy } = rule;
  const { p1, mu1, mu2 } = params;
  const sY = sigmaY(params);
  const vY = sY * sY;
  const e2 = secondMomentX(params);
  const meanX = p1 * mu1 + (1 - p1) * mu2;
  // u(x) = alpha + (b / a) x for the X^ mixture (components a mu_k, |a| sY).
  const alpha = Math.log((1 - p1) / p1) - (mu2 * mu2 - mu1 * mu1) / (2 * vY);
  const b = (mu2 - mu1) / vY;
  const out = new Float64Array(2);
  return (a: number): [number, number] => {
    if (a === 0) return [Infinity, NaN];
    const beta = b / a;
    // E_X[l1(x)] with l1 the first component's log density, s = |a| sY, mean a mu1.
    const g2 = e2 / (a * a) - (2 * mu1 * meanX) / a + mu1 * mu1; // E[(x/a - mu1)^2]
    const el1 = Math.log(p1) - Math.log(Math.abs(a) * sY) - LOG_SQRT_2PI - g2 / (2 * vY);
    const del1 = -1 / a + (e2 / a - mu1 * meanX) / (a * a * vY);
    softplusIntegral(rule, alpha, beta, out);
    const cross = el1 + out[0];
    // d/da softplus(alpha + (b/a) x) = sigmoid(u) * (-b / a^2) x
    const dcross = del1 - (beta / a) * out[1];
    return [negEntropy - cross, -dcross];
  };
}

/** KL(p_X^ || p_X) and its a-derivative; +Infinity at a = 0. */
export function klReverseEvaluator(params: ToyParams): KlEvaluator {
  const rule = weightedRule(mixtureY(params));
  const { negEntropy } = rule;
  const { p1, mu1, mu2, sigmaX } = params;
  const vX = sigmaX * sigmaX;
  const ey2 = secondMomentY(params);
  const meanY = p1 * mu1 + (1 - p1) * mu2;
  const alpha = Math.log((1 - p1) / p1) - (mu2 * mu2 - mu1 * mu1) / (2 * vX);
  const b = (mu2 - mu1) / vX;
  const c1 = Math.log(p1) - Math.log(sigmaX) - LOG_SQRT_2PI;
  const out = new Float64Array(2);
  return (a: number): [number, number] => {
    if (a === 0) return [Infinity, NaN];
    // E_Y[l1(a y)] with E[(a y - mu1)^2] = a^2 E[Y^2] - 2 a mu1 E[Y] + mu1^2.
    const el1 = c1 - (a * a * ey2 - 2 * a * mu1 * meanY + mu1 * mu1) / (2 * vX);
    const del1 = -(a * ey2 - mu1 * meanY) / vX;
    softplusIntegral(rule, alpha, b * a, out);
    const cross = el1 + out[0];
    const dcross = del1 + b * out[1];
    return [negEntropy - Math.log(Math.abs(a)) - cross, -1 / a - dcross];
  };
}

/** Reference implementation on the same nodes with a generic K-component log-sum-exp (tests only). */
export function klGenericForward(params: ToyParams, a: number): number {
  const { x, wp, negEntropy } = weightedRule(mixtureX(params));
  const sY = sigmaY(params);
  const q: Mixture = { w: [params.p1, 1 - params.p1], m: [a * params.mu1, a * params.mu2], s: [Math.abs(a) * sY, Math.abs(a) * sY] };
  let cross = 0;
  for (let i = 0; i < x.length; i++) cross += wp[i] * mixtureLogPdf(q, x[i]);
  return negEntropy - cross;
}
