// The paper's loss weights on the toy: the gain a of X^ = aY that minimises
//   J(a) = alpha D(a) + beta P(a) + gamma C(a),   alpha, beta, gamma >= 0,
// the linear family's counterpart of training a restorer with the loss
// alpha MSE + beta (adversarial) + gamma CE.
//
// J is not convex in a (C is not, P has a kink or a pole at a = 0), so a local
// search is not enough. The minimisation is global over an interval that
// provably holds every minimiser, and exact to about 1e-9 in a:
//  1. a bound: every a outside a computable interval has J(a) > J(a_ref) for a
//     reference gain a_ref, from lower bounds that hold for every a
//     (C(a) >= the Bayes error of Y, P(a) >= 0 or a growth bound, D exact);
//  2. a table of D, P, C on a grid of a with spacing h ~ 2e-3 (a = 0 is a node,
//     so the kink there is a candidate of its own), cached per (toy, divergence);
//  3. every discrete local minimum of J on the table is refined by golden-section
//     search on its two neighbouring cells with exact evaluations, and the best
//     refined point wins (ties go to the larger a).
// A basin narrower than one table cell could hide between nodes; D, P and C vary
// on scales of 0.1 in a, fifty cells, and the tests compare with brute force
// on a 1e-6 grid.

import { mixtureAbsMean } from './mixture';
import { normQuantile } from './normal';
import { goldenMin } from './roots';
import { createToyModel, type ToyModel } from './surface';
import { bayesErrorY, mseInterval, stationaryA, type Divergence } from './toy';
import { mixtureX, mixtureY, secondMomentX, secondMomentY, sigmaY, toyKey, type ToyParams } from './toyParams';

export interface LossWeights {
  /** weight of the distortion D (MSE) */
  alpha: number;
  /** weight of the perception index P */
  beta: number;
  /** weight of the classification error C */
  gamma: number;
}

export interface WeightedPoint {
  a: number;
  d: number;
  p: number;
  c: number;
  /** alpha d + beta p + gamma c */
  objective: number;
}

export interface WeightedResult extends WeightedPoint {
  weights: LossWeights;
  divergence: Divergence;
  /** The interval of a searched. */
  range: [number, number];
  /**
   * True when every a outside `range` provably has a larger objective, so the
   * minimum is global over all real a. False only when alpha = beta = 0 and C
   * has no interior minimum (then the search covers the model's a-range only).
   */
  global: boolean;
  /** The other local minima found (refined), best first: J is not convex in a. */
  others: WeightedPoint[];
}

export function validateWeights(w: LossWeights): void {
  for (const k of ['alpha', 'beta', 'gamma'] as const) {
    if (!(w[k] >= 0) || !Number.isFinite(w[k])) throw new RangeError(`${k} must be finite and >= 0`);
  }
  if (w.alpha === 0 && w.beta === 0 && w.gamma === 0) throw new RangeError('at least one of alpha, beta, gamma must be > 0');
}

/** alpha D + beta P + gamma C, with a zero weight dropping its term (P may be +Infinity at a = 0). */
export function weightedValue(w: LossWeights, d: number, p: number, c: number): number {
  let j = 0;
  if (w.alpha > 0) j += w.alpha * d;
  if (w.beta > 0) j += w.beta * p;
  if (w.gamma > 0) j += w.gamma * c;
  return j;
}

/** J(a) and its three parts, exactly (no table). */
export function weightedAt(model: ToyModel, w: LossWeights, a: number): WeightedPoint {
  const d = model.D(a);
  const p = model.P(a);
  const c = model.C(a);
  return { a, d, p, c, objective: weightedValue(w, d, p, c) };
}

/** The base range (MSE <= 2 E[X^2]) is cut into this many cells (spacing ~2e-3 for the paper toy). */
const BASE_CELLS = 1024;
/** Outside the base range the nodes are this many times sparser (J only grows out there). */
const OUTER_FACTOR = 8;
/** The most nodes a table may hold; past that the outer spacing doubles. */
const MAX_NODES = 40_000;

/** D, P, C on a grid of a; nodes are integer multiples of h inside the base range. */
export class CurveTable {
  readonly model: ToyModel;
  readonly h: number;
  readonly base: [number, number];
  a: number[] = [];
  d: number[] = [];
  p: number[] = [];
  c: number[] = [];
  /** exact evaluations spent on the table */
  evaluations = 0;

  constructor(model: ToyModel) {
    this.model = model;
    const iv = mseInterval(model.params, 2 * secondMomentX(model.params));
    if (!iv) throw new Error('unreachable: MSE <= 2 E[X^2] always has a feasible a');
    this.base = iv;
    this.h = (iv[1] - iv[0]) / BASE_CELLS;
    const kLo = Math.floor(iv[0] / this.h);
    const kHi = Math.ceil(iv[1] / this.h);
    for (let k = kLo; k <= kHi; k++) this.push(k === 0 ? 0 : k * this.h);
  }

  private node(a: number): [number, number, number] {
    this.evaluations++;
    return [this.model.D(a), this.model.P(a), this.model.C(a)];
  }

  private push(a: number): void {
    const [d, p, c] = this.node(a);
    this.a.push(a);
    this.d.push(d);
    this.p.push(p);
    this.c.push(c);
  }

  get lo(): number {
    return this.a[0];
  }

  get hi(): number {
    return this.a[this.a.length - 1];
  }

  /** Grows the table (sparser outside the base range) until it covers [lo, hi]. */
  cover(lo: number, hi: number): void {
    const room = Math.max(1, MAX_NODES - this.a.length);
    const need = (Math.max(0, this.lo - lo) + Math.max(0, hi - this.hi)) / (OUTER_FACTOR * this.h);
    const step = OUTER_FACTOR * this.h * Math.max(1, 2 ** Math.ceil(Math.log2(need / room)));
    if (lo < this.lo) {
      const add: number[] = [];
      for (let x = this.lo - step; ; x -= step) {
        add.push(x);
        if (x <= lo) break;
      }
      add.reverse();
      const vals = add.map((x) => this.node(x));
      this.a.unshift(...add);
      this.d.unshift(...vals.map((v) => v[0]));
      this.p.unshift(...vals.map((v) => v[1]));
      this.c.unshift(...vals.map((v) => v[2]));
    }
    if (hi > this.hi) {
      for (let x = this.hi + step; ; x += step) {
        this.push(x);
        if (x >= hi) break;
      }
    }
  }
}

const TABLE_LIMIT = 16;
const tables = new Map<string, CurveTable>();

/** The cached table of (params, divergence). */
export function curveTable(params: ToyParams, divergence: Divergence): CurveTable {
  const key = `${divergence}|${toyKey(params)}`;
  const hit = tables.get(key);
  if (hit) return hit;
  const t = new CurveTable(createToyModel(params, divergence));
  if (tables.size >= TABLE_LIMIT) tables.delete(tables.keys().next().value as string);
  tables.set(key, t);
  return t;
}

export function clearWeightedCache(): void {
  tables.clear();
}

/**
 * A lower bound on P(a) that grows with |a| (0 where none is known), from
 *  W2 >= | ||X^||_2 - ||X||_2 |, W1 >= | E|X^| - E|X| |, and for TV
 *  TV >= P(|X| <= R) - P(|X^| <= R) >= P(|X| <= R) - 2R / (|a| sY sqrt(2 pi))
 *  (the density of Y is at most 1 / (sY sqrt(2 pi))); KL >= 2 TV^2 (Pinsker).
 * Returns the |a| past which P(a) > level, or null when no such bound holds.
 */
export function perceptionEscape(params: ToyParams, divergence: Divergence, level: number): number | null {
  if (!(level >= 0)) return 0;
  if (divergence === 'w2') return (level + Math.sqrt(secondMomentX(params))) / Math.sqrt(secondMomentY(params));
  if (divergence === 'w1') return (level + mixtureAbsMean(mixtureX(params))) / mixtureAbsMean(mixtureY(params));
  const tv = divergence === 'tv' ? level : Math.sqrt(level / 2);
  if (!(tv < 1)) return null;
  // P(|X| > R) <= (1 - tv) / 2 once R >= max |mu_k| + z sX with each normal tail <= (1 - tv) / 4.
  const slack = (1 - tv) / 2;
  const z = normQuantile(1 - slack / 2);
  const R = Math.max(Math.abs(params.mu1), Math.abs(params.mu2)) + z * params.sigmaX;
  // TV(a) >= 1 - slack - 2R / (|a| sY sqrt(2 pi)) > tv  <=>  |a| > 2R / (slack sY sqrt(2 pi)).
  return (2 * R) / (slack * sigmaY(params) * Math.sqrt(2 * Math.PI));
}

/**
 * An interval outside which J(a) > jRef for every a (null when none is known):
 * J(a) >= alpha D(a) + beta P_low(|a|) + gamma e_Y, e_Y the Bayes error of Y.
 */
export function searchBound(params: ToyParams, divergence: Divergence, w: LossWeights, jRef: number): [number, number] | null {
  const room = jRef - w.gamma * bayesErrorY(params);
  if (w.alpha > 0) {
    const iv = mseInterval(params, Math.max(room, 0) / w.alpha);
    return iv ?? [0, 0];
  }
  if (w.beta > 0) {
    const A = perceptionEscape(params, divergence, Math.max(room, 0) / w.beta);
    return A === null ? null : [-A, A];
  }
  return null;
}

/** Discrete local minima of v (plateaus give their first index), best first, at most max. */
function localMinima(v: number[], max: number): number[] {
  const out: number[] = [];
  const n = v.length;
  for (let i = 0; i < n; i++) {
    const left = i === 0 ? Infinity : v[i - 1];
    const right = i === n - 1 ? Infinity : v[i + 1];
    if (v[i] < left && v[i] <= right && Number.isFinite(v[i])) out.push(i);
  }
  out.sort((x, y) => v[x] - v[y]);
  return out.slice(0, max);
}

const CANDIDATES = 12;
/** golden-section tolerance in a */
const XTOL = 1e-10;

/** The global minimiser of alpha D(a) + beta P(a) + gamma C(a) over the gain a. */
export function weightedMinimizer(params: ToyParams, divergence: Divergence, w: LossWeights): WeightedResult {
  validateWeights(w);
  const table = curveTable(params, divergence);
  const model = table.model;
  const J = (a: number) => weightedAt(model, w, a).objective;

  // Reference value: the best table node in the base range, and C's own minimiser.
  let jRef = Infinity;
  for (let i = 0; i < table.a.length; i++) jRef = Math.min(jRef, weightedValue(w, table.d[i], table.p[i], table.c[i]));
  const aC = stationaryA(params);
  if (aC !== null) jRef = Math.min(jRef, J(aC));
  const bound = searchBound(params, divergence, w, jRef);
  // alpha = beta = 0: C alone. Its least value is the Bayes error of Y, reached at
  // the interior stationary gain when there is one (then the search is global too).
  const gammaOnly = w.alpha === 0 && w.beta === 0;
  const global = bound !== null || (gammaOnly && aC !== null);
  let lo = table.base[0];
  let hi = table.base[1];
  if (bound) {
    lo = Math.min(lo, bound[0]);
    hi = Math.max(hi, bound[1]);
  }
  table.cover(lo, hi);

  // J on the nodes of [lo, hi] (plus one node beyond each end so an end can be a local minimum).
  let i0 = 0;
  while (i0 + 1 < table.a.length && table.a[i0 + 1] <= lo) i0++;
  let i1 = table.a.length - 1;
  while (i1 - 1 >= 0 && table.a[i1 - 1] >= hi) i1--;
  const v: number[] = [];
  for (let i = i0; i <= i1; i++) v.push(weightedValue(w, table.d[i], table.p[i], table.c[i]));

  const points: WeightedPoint[] = [];
  for (const k of localMinima(v, CANDIDATES)) {
    const i = i0 + k;
    const left = table.a[Math.max(i0, i - 1)];
    const right = table.a[Math.min(i1, i + 1)];
    const node = table.a[i];
    // The node itself competes too: a kink (a = 0) or an end of the interval.
    const refined = left < right ? goldenMin(J, left, right, XTOL) : node;
    const best = [node, refined].map((a) => weightedAt(model, w, a)).reduce((x, y) => (y.objective < x.objective ? y : x));
    points.push(best);
  }
  if (gammaOnly && aC !== null) points.push(weightedAt(model, w, aC));
  if (points.length === 0) throw new Error('weightedMinimizer: no finite value of the objective');
  points.sort((x, y) => x.objective - y.objective || y.a - x.a);
  // Distinct local minima only (two nodes of one basin refine to the same point).
  const distinct: WeightedPoint[] = [];
  for (const pt of points) if (!distinct.some((q) => Math.abs(q.a - pt.a) < 1e-6)) distinct.push(pt);
  // Ties (within rounding) go to the larger a, e.g. +a over -a in a symmetric toy.
  const best = distinct[0];
  let pick = best;
  for (const pt of distinct) if (pt.objective - best.objective <= 1e-12 * Math.max(1, Math.abs(best.objective)) && pt.a > pick.a) pick = pt;
  return {
    ...pick,
    weights: { ...w },
    divergence,
    range: [table.a[i0], table.a[i1]],
    global,
    others: distinct.filter((pt) => pt !== pick),
  };
}
