// The toy discretized on one grid shared by X, Y and X^ (issue 6's convention):
//   p(w_k, x_i) ∝ P_k N(x_i; mu_k, sigmaX^2), normalised jointly over k and i;
//   p(y_j | x_i) ∝ N(y_j - x_i; 0, sigmaN^2), normalised per i;
//   c0 = the clean Bayes threshold rule applied to the grid points x^_l.
// Everything is computed in the log domain and normalised by the maximum, so a
// narrow noise or a wide grid never turns a whole row into 0/0.

import { classifierThreshold, type ThresholdRule } from '../toy';
import type { ToyParams } from '../toyParams';

export interface GridSpec {
  /** number of grid points (>= 2) */
  n: number;
  /** half-width: the grid spans [-L, L] */
  L: number;
}

export const DEFAULT_GRID: GridSpec = { n: 41, L: 5 };

export interface DiscreteToy {
  params: ToyParams;
  n: number;
  L: number;
  h: number;
  /** grid points, shared by X, Y and X^ */
  x: Float64Array;
  /** p(w_1, x_i) and p(w_2, x_i) */
  pW1X: Float64Array;
  pW2X: Float64Array;
  /** p_X(x_i) */
  pX: Float64Array;
  /** p(y_j | x_i), row-major [i * n + j] */
  pYgX: Float64Array;
  /** p_Y(y_j) */
  pY: Float64Array;
  /** p(w_1, y_j) and p(w_2, y_j) */
  pW1Y: Float64Array;
  pW2Y: Float64Array;
  /** E[X | y_j] and Var(X | y_j) (0 where p_Y(y_j) = 0) */
  postMean: Float64Array;
  postVar: Float64Array;
  /** the rule c0 and its decision (1 or 2) at each grid point x^_l */
  rule: ThresholdRule;
  decide: Uint8Array;
}

export function gridPoints(spec: GridSpec): Float64Array {
  const { n, L } = spec;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = -L + (2 * L * i) / (n - 1);
  // Exact symmetry and an exact 0 for odd n, so mirrored toys stay mirrored.
  for (let i = 0; i < n; i++) if (2 * i + 1 === n) x[i] = 0;
  for (let i = 0; i < n >> 1; i++) x[n - 1 - i] = -x[i];
  return x;
}

export function validateGrid(spec: GridSpec): void {
  if (!Number.isInteger(spec.n) || spec.n < 2) throw new RangeError(`grid size must be an integer >= 2, got ${spec.n}`);
  if (!(spec.L > 0) || !Number.isFinite(spec.L)) throw new RangeError(`grid half-width L must be finite and > 0, got ${spec.L}`);
}

/** c0's class at x under the rule: w1 iff x < t (or x > t when mirrored); the threshold itself goes to w2. */
export function decideAt(rule: ThresholdRule, x: number): 1 | 2 {
  if ('constant' in rule) return rule.constant;
  const w1 = rule.w1Below ? x < rule.t : x > rule.t;
  return w1 ? 1 : 2;
}

function nearestIndex(x: Float64Array, v: number): number {
  const n = x.length;
  const h = (x[n - 1] - x[0]) / (n - 1);
  return Math.min(n - 1, Math.max(0, Math.round((v - x[0]) / h)));
}

/** Log-weights of a Gaussian kernel on the grid; a zero width becomes a unit mass at the nearest point. */
function kernelLogWeights(x: Float64Array, mean: number, sd: number, out: Float64Array): void {
  if (sd === 0) {
    out.fill(-Infinity);
    out[nearestIndex(x, mean)] = 0;
    return;
  }
  const inv = 1 / (2 * sd * sd);
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - mean;
    out[i] = -d * d * inv;
  }
}

export function discretizeToy(params: ToyParams, spec: GridSpec = DEFAULT_GRID, rule?: ThresholdRule): DiscreteToy {
  validateGrid(spec);
  const { p1, mu1, mu2, sigmaX, sigmaN } = params;
  if (!(p1 > 0 && p1 < 1)) throw new RangeError(`p1 must lie in (0, 1), got ${p1}`);
  if (!(sigmaX >= 0) || !(sigmaN >= 0)) throw new RangeError('sigmaX and sigmaN must be >= 0');
  const n = spec.n;
  const x = gridPoints(spec);
  const h = (2 * spec.L) / (n - 1);

  // Joint p(w_k, x_i): log P_k + log kernel (the shared 1/sigmaX constant cancels).
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  kernelLogWeights(x, mu1, sigmaX, l1);
  kernelLogWeights(x, mu2, sigmaX, l2);
  let mx = -Infinity;
  for (let i = 0; i < n; i++) {
    l1[i] += Math.log(p1);
    l2[i] += Math.log(1 - p1);
    mx = Math.max(mx, l1[i], l2[i]);
  }
  const pW1X = new Float64Array(n);
  const pW2X = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    pW1X[i] = Math.exp(l1[i] - mx);
    pW2X[i] = Math.exp(l2[i] - mx);
    z += pW1X[i] + pW2X[i];
  }
  const pX = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pW1X[i] /= z;
    pW2X[i] /= z;
    pX[i] = pW1X[i] + pW2X[i];
  }

  // Channel p(y_j | x_i), normalised per row.
  const pYgX = new Float64Array(n * n);
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    kernelLogWeights(x, x[i], sigmaN, row);
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, row[j]);
    let s = 0;
    for (let j = 0; j < n; j++) {
      const v = Math.exp(row[j] - m);
      pYgX[i * n + j] = v;
      s += v;
    }
    for (let j = 0; j < n; j++) pYgX[i * n + j] /= s;
  }

  const pY = new Float64Array(n);
  const pW1Y = new Float64Array(n);
  const pW2Y = new Float64Array(n);
  const postMean = new Float64Array(n);
  const postVar = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let a1 = 0;
    let a2 = 0;
    let sx = 0;
    for (let i = 0; i < n; i++) {
      const k = pYgX[i * n + j];
      a1 += pW1X[i] * k;
      a2 += pW2X[i] * k;
      sx += pX[i] * k * x[i];
    }
    pW1Y[j] = a1;
    pW2Y[j] = a2;
    pY[j] = a1 + a2;
    if (pY[j] > 0) {
      const mean = sx / pY[j];
      let v = 0;
      for (let i = 0; i < n; i++) {
        const d = x[i] - mean;
        v += pX[i] * pYgX[i * n + j] * d * d;
      }
      postMean[j] = mean;
      postVar[j] = v / pY[j];
    }
  }

  const r = rule ?? classifierThreshold(params);
  const decide = new Uint8Array(n);
  for (let l = 0; l < n; l++) decide[l] = decideAt(r, x[l]);

  return { params, n, L: spec.L, h, x, pW1X, pW2X, pX, pYgX, pY, pW1Y, pW2Y, postMean, postVar, rule: r, decide };
}
