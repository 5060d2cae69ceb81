// C_lin(D, P) = min over a of C(a) s.t. MSE(a) <= D and P(a) <= P, for X^ = aY.
//
// Not a grid search over a. The D-feasible set is a closed interval (MSE is
// quadratic in a); the P-feasible set is a union of intervals from the
// profile (profile.ts; closed form for W2). On any interval C attains its
// minimum at an endpoint, at the interior stationary point a* > 0 (where t*/a
// equals the Bayes threshold of Y), or at a = 0:
//  - on a > 0, C is the error of a threshold rule on Y at tau = t*/a, which is
//    unimodal in tau with its minimum at the Bayes threshold of Y, and tau is
//    monotone in a, so C is unimodal in a;
//  - on a < 0 the rule is reversed on Y, C = 1 - (that unimodal function):
//    quasi-concave, no interior minimum;
//  - C is constant on each side when t* = 0 or when c0 is constant.
// So every (D, P) cell is a handful of comparisons once C is cached at the
// interval endpoints: D endpoints depend only on D, P endpoints only on P.

import { cachedW2Coefficients, divergenceAtZero, divergenceEvaluator, type Divergence, type DivergenceEvaluator } from './divergence/index';
import { w2Sublevel, type W2Coefficients } from './divergence/w2';
import { buildProfile, type Interval, type Profile } from './profile';
import { errorRate, linearMmse, linearMmseA, mse, mseInterval, stationaryA } from './toy';
import { secondMomentX, toyKey, validateToyParams, type ToyParams } from './toyParams';

export type { Interval } from './profile';

export interface ClinPoint {
  /** C_lin(D, P), or null when no a satisfies both constraints. */
  c: number | null;
  /** The minimising a (smallest a among ties), or null when infeasible. */
  a: number | null;
  /** The feasible set of a: D-interval intersected with the P-sublevel set. */
  feasible: Interval[];
}

export interface ClinSurface {
  /** c[i][j] = C_lin(d[i], p[j]); null where infeasible. */
  c: (number | null)[][];
  a: (number | null)[][];
}

export interface ToyModel {
  params: ToyParams;
  divergence: Divergence;
  /** The perception measure d(p_X, p_X^) at gain a (exact, not interpolated). */
  P(a: number): number;
  /** MSE at gain a. */
  D(a: number): number;
  /** Error rate of c0 at gain a. */
  C(a: number): number;
  /** {a : P(a) <= level}, clipped to the model's a-range (see aRange). */
  sublevel(level: number): Interval[];
  /** {a : D(a) <= d}, or null below the linear MMSE. */
  dInterval(d: number): Interval | null;
  /** a-range covered by the profile: every a with MSE(a) <= dMax. Grows on demand. */
  aRange(): Interval;
  point(d: number, p: number): ClinPoint;
  surface(d: number[], p: number[]): ClinSurface;
}

/** D axis maximum used by default plots: 1.25 E[X^2] (2.5 for the paper toy). */
export function defaultDMax(params: ToyParams): number {
  return Math.max(1.25 * secondMomentX(params), 1.2 * linearMmse(params));
}

interface Candidate {
  a: number;
  c: number;
}

class Model implements ToyModel {
  readonly params: ToyParams;
  readonly divergence: Divergence;
  private readonly evaluate: DivergenceEvaluator;
  private readonly pZero: number;
  private readonly aStar: number | null;
  private readonly cStar: number;
  private readonly cZero: number;
  private profile: Profile | null = null;
  private range: Interval = [0, 0];
  private dMax = 0;
  private readonly w2c: W2Coefficients | null;

  constructor(params: ToyParams, divergence: Divergence) {
    validateToyParams(params);
    this.params = { ...params };
    this.divergence = divergence;
    this.evaluate = divergenceEvaluator(this.params, divergence);
    this.pZero = divergenceAtZero(this.params, divergence);
    this.aStar = stationaryA(this.params);
    this.cStar = this.aStar === null ? NaN : errorRate(this.params, this.aStar);
    this.cZero = errorRate(this.params, 0);
    this.w2c = divergence === 'w2' ? cachedW2Coefficients(this.params) : null;
    this.ensureRange(2 * secondMomentX(this.params));
  }

  /** Rebuild the profile so it covers every a with MSE(a) <= d. */
  private ensureRange(d: number): void {
    if (d <= this.dMax) return;
    const dMax = Math.max(d, 2 * secondMomentX(this.params), 2 * this.dMax);
    const iv = mseInterval(this.params, dMax);
    if (!iv) throw new Error('unreachable: dMax above E[X^2] always has feasible a');
    this.dMax = dMax;
    this.range = iv;
    // W2 has closed-form sublevel sets: no table needed.
    if (this.divergence !== 'w2') this.profile = buildProfile(this.evaluate, this.pZero, iv[0], iv[1]);
  }

  P(a: number): number {
    return a === 0 ? this.pZero : this.evaluate(a)[0];
  }

  D(a: number): number {
    return mse(this.params, a);
  }

  C(a: number): number {
    return errorRate(this.params, a);
  }

  aRange(): Interval {
    return [this.range[0], this.range[1]];
  }

  /** Exact evaluations spent so far by the profile (null for W2, which needs none). */
  profileStats(): { buildEvaluations: number; crossingEvaluations: number } | null {
    return this.profile ? { ...this.profile.stats } : null;
  }

  dInterval(d: number): Interval | null {
    return mseInterval(this.params, d);
  }

  sublevel(level: number): Interval[] {
    if (Number.isNaN(level)) return [];
    if (this.w2c) {
      const [lo, hi] = this.range;
      const out: Interval[] = [];
      for (const [l, r] of w2Sublevel(this.w2c, level)) {
        const a = Math.max(l, lo);
        const b = Math.min(r, hi);
        if (a <= b) out.push([a, b]);
      }
      return out;
    }
    return (this.profile as Profile).sublevel(level);
  }

  /** Minimum of C over [lo, hi] given C at the ends; candidates in increasing a (ties keep the smaller a). */
  private minOver(lo: number, hi: number, cLo: number, cHi: number, best: Candidate): void {
    if (cLo < best.c) {
      best.c = cLo;
      best.a = lo;
    }
    const aStar = this.aStar;
    if (aStar !== null && aStar < 0 && lo < aStar && aStar < hi && this.cStar < best.c) {
      best.c = this.cStar;
      best.a = aStar;
    }
    if (lo < 0 && 0 < hi && this.cZero < best.c) {
      best.c = this.cZero;
      best.a = 0;
    }
    if (aStar !== null && aStar > 0 && lo < aStar && aStar < hi && this.cStar < best.c) {
      best.c = this.cStar;
      best.a = aStar;
    }
    if (cHi < best.c) {
      best.c = cHi;
      best.a = hi;
    }
  }

  point(d: number, p: number): ClinPoint {
    const div = this.dInterval(d);
    if (!div) return { c: null, a: null, feasible: [] };
    this.ensureRange(d);
    const feasible: Interval[] = [];
    const best: Candidate = { a: NaN, c: Infinity };
    for (const [l, r] of this.sublevel(p)) {
      const lo = Math.max(l, div[0]);
      const hi = Math.min(r, div[1]);
      if (lo > hi) continue;
      feasible.push([lo, hi]);
      this.minOver(lo, hi, this.C(lo), this.C(hi), best);
    }
    return feasible.length ? { c: best.c, a: best.a, feasible } : { c: null, a: null, feasible };
  }

  surface(d: number[], p: number[]): ClinSurface {
    let dTop = 0;
    for (const v of d) if (v > dTop) dTop = v;
    this.ensureRange(dTop);
    // C at the D endpoints (depend on D only) and at the P endpoints (depend on P only).
    const dIv = d.map((v) => this.dInterval(v));
    const dC = dIv.map((iv) => (iv ? [this.C(iv[0]), this.C(iv[1])] : null));
    const pIv = p.map((v) => this.sublevel(v));
    const pC = pIv.map((ivs) => ivs.map(([l, r]) => [this.C(l), this.C(r)]));
    const c: (number | null)[][] = [];
    const a: (number | null)[][] = [];
    const best: Candidate = { a: NaN, c: Infinity };
    for (let i = 0; i < d.length; i++) {
      const rowC: (number | null)[] = new Array(p.length).fill(null);
      const rowA: (number | null)[] = new Array(p.length).fill(null);
      const div = dIv[i];
      const cd = dC[i];
      if (div && cd) {
        for (let j = 0; j < p.length; j++) {
          best.c = Infinity;
          best.a = NaN;
          const ivs = pIv[j];
          for (let k = 0; k < ivs.length; k++) {
            const [l, r] = ivs[k];
            const lo = l > div[0] ? l : div[0];
            const hi = r < div[1] ? r : div[1];
            if (lo > hi) continue;
            const cLo = l > div[0] ? pC[j][k][0] : cd[0];
            const cHi = r < div[1] ? pC[j][k][1] : cd[1];
            this.minOver(lo, hi, cLo, cHi, best);
          }
          if (best.c !== Infinity) {
            rowC[j] = best.c;
            rowA[j] = best.a;
          }
        }
      }
      c.push(rowC);
      a.push(rowA);
    }
    return { c, a };
  }
}

const MODEL_LIMIT = 16;
const models = new Map<string, ToyModel>();

/** The C_lin model for (params, divergence), memoised (the latest 16 are kept). */
export function createToyModel(params: ToyParams, divergence: Divergence): ToyModel {
  const key = `${divergence}|${toyKey(params)}`;
  const hit = models.get(key);
  if (hit) return hit;
  const model = new Model(params, divergence);
  if (models.size >= MODEL_LIMIT) models.delete(models.keys().next().value as string);
  models.set(key, model);
  return model;
}

/** Forget memoised models (benchmarks measure cold starts with this). */
export function clearToyModelCache(): void {
  models.clear();
}

function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
}

/** 1, 2, 2.5, 5 times a power of ten, the smallest such >= x. */
function niceCeil(x: number): number {
  const e = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * e >= x * (1 - 1e-12)) return m * e;
  return 10 * e;
}

/**
 * Plot axes that suit the params: D from a little below the linear MMSE (so the
 * infeasible strip shows) to 1.25 E[X^2]; P from 0 to a round value ~20% above
 * the P of the unconstrained C-optimal gain within that D range, past which the
 * surface no longer changes with P.
 */
export function defaultAxes(params: ToyParams, divergence: Divergence, n = 101): { d: number[]; p: number[] } {
  const dMin = linearMmse(params);
  const dMax = defaultDMax(params);
  const d0 = Math.max(0, dMin - 0.05 * (dMax - dMin));
  const model = createToyModel(params, divergence);
  const unconstrained = model.point(dMax, Infinity);
  const needs = [model.P(linearMmseA(params))];
  if (unconstrained.a !== null) needs.push(model.P(unconstrained.a));
  // Without noise (sigmaN = 0) both reference gains reach P = 0 up to rounding
  // (~1e-15): an axis that short would be all rounding noise, so such values
  // count as zero and the axis falls back to a readable default.
  const finite = needs.filter((v) => Number.isFinite(v) && v > 1e-9);
  let pMax = finite.length ? niceCeil(1.2 * Math.max(...finite)) : 0.5;
  if (divergence === 'tv') pMax = Math.min(pMax, 1);
  return { d: linspace(d0, dMax, n), p: linspace(0, pMax, n) };
}

/** D, P and C along a list of gains (the D/P/C-versus-a plot). */
export function curvesOverA(
  params: ToyParams,
  divergence: Divergence,
  aValues: number[],
): { a: number[]; d: number[]; p: number[]; c: number[] } {
  const model = createToyModel(params, divergence);
  return {
    a: aValues.slice(),
    d: aValues.map((a) => model.D(a)),
    p: aValues.map((a) => model.P(a)),
    c: aValues.map((a) => model.C(a)),
  };
}
