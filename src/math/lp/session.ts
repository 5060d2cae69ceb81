// The exact-bound engine behind the Web Worker (and usable directly in Node): holds
// the discretized toy and its HiGHS models for one (params, grid, perception), fills
// a (D, P) surface and a P(D) curve progressively, and stops between two LP solves
// when cancelled. How it yields to its host (a worker's event loop, a test) is
// injected, so this file stays free of worker and DOM APIs.

import type { Highs } from 'highs';
import { discretizeToy, type DiscreteToy, type GridSpec } from './grid';
import type { Perception } from './lpModel';
import { bayesErrorX, bayesErrorY, discreteMmse, minFeasibleDistortion, unconstrainedMinError } from './bounds';
import { exactAxes, snakeOrder } from './axes';
import { linearFamily, linearPd, linearSurface } from './linearFamily';
import { ExactToyLp } from './solver';
import type { RestorerScores } from './restorer';
import type { ThresholdRule } from '../toy';
import type { LossWeights } from '../weighted';
import type { ToyParams } from '../toyParams';

export interface ExactSpec {
  params: ToyParams;
  grid: GridSpec;
  perception: Perception;
  /** points per axis of the default surface axes */
  size: number;
}

export interface ExactSummary {
  key: string;
  n: number;
  L: number;
  h: number;
  x: number[];
  rule: ThresholdRule;
  /** E[X | y_j] on the grid (the MMSE restorer before rounding to the grid) */
  postMean: number[];
  /** minimal feasible D on the grid, the unrestricted discretized MMSE */
  dMin: number;
  mmse: number;
  /** Bayes errors of the discretized Y and X; the unconstrained LP value */
  bayesY: number;
  bayesX: number;
  floor: number;
  axes: { d: number[]; p: number[] };
}

export interface LinearResult {
  c: (number | null)[][];
  a: (number | null)[][];
  pd: (number | null)[];
  pdA: (number | null)[];
}

export interface SurfaceCell {
  i: number;
  j: number;
  c: number | null;
}

export interface PdPoint {
  k: number;
  p: number | null;
}

export interface ProgressBatch {
  cells: SurfaceCell[];
  pd: PdPoint[];
  done: number;
  total: number;
}

export interface RunResult {
  status: 'done' | 'cancelled';
  ms: number;
  solves: number;
}

export interface RestorerResult {
  d: number;
  p: number;
  value: number | null;
  x: number[];
  /** q[j][l] = q(x^_l | y_j); null when (d, p) is infeasible */
  q: number[][] | null;
  scores: Omit<RestorerScores, 'pXhat'> | null;
  pX: number[];
  pXhat: number[] | null;
  pY: number[];
}

export interface WeightedExactResult {
  weights: LossWeights;
  /** alpha D + beta P + gamma C at the optimum over all restorers on the grid */
  objective: number;
  /** MSE, perception (the section's TV or W1) and error rate of the optimal restorer */
  d: number;
  p: number;
  c: number;
  tv: number;
  w1: number;
  /** y grid points whose q(. | y) is spread over more than one x^ (mass > 1e-9): randomised outputs */
  randomized: number;
}

/** How many rows of q (one per y) put mass above tol on more than one x^. */
export function countRandomized(q: ArrayLike<number>, n: number, tol = 1e-9): number {
  let k = 0;
  for (let j = 0; j < n; j++) {
    let support = 0;
    for (let l = 0; l < n; l++) if (q[j * n + l] > tol) support++;
    if (support > 1) k++;
  }
  return k;
}

export function specKey(spec: ExactSpec): string {
  const { p1, mu1, mu2, sigmaX, sigmaN } = spec.params;
  return JSON.stringify([p1, mu1, mu2, sigmaX, sigmaN, spec.grid.n, spec.grid.L, spec.perception, spec.size]);
}

export class ExactSession {
  private toy: DiscreteToy | null = null;
  private lp: ExactToyLp | null = null;
  private spec: ExactSpec | null = null;
  private token = { cancelled: false };

  constructor(private readonly highs: Highs) {}

  configure(spec: ExactSpec): ExactSummary {
    this.cancel();
    this.lp?.dispose();
    const toy = discretizeToy(spec.params, spec.grid);
    this.toy = toy;
    this.spec = spec;
    this.lp = new ExactToyLp(this.highs, toy, spec.perception);
    return {
      key: specKey(spec),
      n: toy.n,
      L: toy.L,
      h: toy.h,
      x: Array.from(toy.x),
      rule: toy.rule,
      postMean: Array.from(toy.postMean),
      dMin: minFeasibleDistortion(toy).d,
      mmse: discreteMmse(toy),
      bayesY: bayesErrorY(toy),
      bayesX: bayesErrorX(toy),
      floor: unconstrainedMinError(toy),
      axes: exactAxes(toy, spec.perception, spec.size),
    };
  }

  /** The discretized linear family on the same axes (cheap: no LP). */
  linear(d: number[], p: number[], pdD: number[]): LinearResult {
    const { toy, spec } = this.ready();
    const fam = linearFamily(toy);
    const s = linearSurface(fam, spec.perception, d, p);
    const pd = pdD.map((v) => linearPd(fam, spec.perception, v));
    return {
      c: s.map((row) => row.map((x) => x.value)),
      a: s.map((row) => row.map((x) => x.a)),
      pd: pd.map((x) => x.value),
      pdA: pd.map((x) => x.a),
    };
  }

  /** Stops the running fill (if any) before its next LP. */
  cancel(): void {
    this.token.cancelled = true;
    this.token = { cancelled: false };
  }

  /**
   * Solves every (d_i, p_j) and every P(pdD_k), calling emit with batches of results
   * about every batchMs, and awaiting pause() after each batch so the host can
   * deliver a cancel (or a new configure) in between.
   */
  async run(
    d: number[],
    p: number[],
    pdD: number[],
    emit: (batch: ProgressBatch) => void,
    pause: () => Promise<void>,
    batchMs = 40,
  ): Promise<RunResult> {
    const { lp } = this.ready();
    this.cancel(); // a new fill supersedes a running one
    const token = this.token;
    const t0 = performance.now();
    const solves0 = lp.solves;
    const order = snakeOrder(d.length, p.length);
    const total = order.length + pdD.length;
    let done = 0;
    let cells: SurfaceCell[] = [];
    let pd: PdPoint[] = [];
    let last = performance.now();
    const flush = async (): Promise<boolean> => {
      emit({ cells, pd, done, total });
      cells = [];
      pd = [];
      await pause();
      last = performance.now();
      return !token.cancelled;
    };
    for (const [i, j] of order) {
      if (token.cancelled) return this.result('cancelled', t0, lp.solves - solves0);
      cells.push({ i, j, c: lp.cdp(d[i], p[j]).value });
      done++;
      if (performance.now() - last > batchMs && !(await flush())) return this.result('cancelled', t0, lp.solves - solves0);
    }
    for (let k = 0; k < pdD.length; k++) {
      if (token.cancelled) return this.result('cancelled', t0, lp.solves - solves0);
      pd.push({ k, p: lp.pd(pdD[k]).value });
      done++;
      if (performance.now() - last > batchMs && !(await flush())) return this.result('cancelled', t0, lp.solves - solves0);
    }
    emit({ cells, pd, done, total });
    return this.result('done', t0, lp.solves - solves0);
  }

  /** The optimal randomized restorer at one (D, P). */
  restorer(d: number, p: number): RestorerResult {
    const { toy, lp } = this.ready();
    const r = lp.cdp(d, p, { restorer: true });
    const n = toy.n;
    const base = { d, p, value: r.value, x: Array.from(toy.x), pX: Array.from(toy.pX), pY: Array.from(toy.pY) };
    if (r.value === null || !r.q || !r.scores) return { ...base, q: null, scores: null, pXhat: null };
    const q = r.q;
    const rows: number[][] = [];
    for (let j = 0; j < n; j++) rows.push(Array.from(q.subarray(j * n, (j + 1) * n)));
    const { pXhat, ...scores } = r.scores;
    return { ...base, q: rows, scores, pXhat: Array.from(pXhat) };
  }

  /** The restorer minimising alpha D + beta P + gamma C over all q on the grid (no D or P row). */
  weighted(w: LossWeights): WeightedExactResult {
    const { toy, lp } = this.ready();
    const r = lp.weighted(w, { restorer: true });
    return {
      weights: { ...w },
      objective: r.value,
      d: r.d,
      p: r.p,
      c: r.c,
      tv: r.scores.tv,
      w1: r.scores.w1,
      randomized: countRandomized(r.q!, toy.n),
    };
  }

  dispose(): void {
    this.cancel();
    this.lp?.dispose();
    this.lp = null;
  }

  private ready(): { toy: DiscreteToy; lp: ExactToyLp; spec: ExactSpec } {
    if (!this.toy || !this.lp || !this.spec) throw new Error('ExactSession: configure() first');
    return { toy: this.toy, lp: this.lp, spec: this.spec };
  }

  private result(status: RunResult['status'], t0: number, solves: number): RunResult {
    return { status, ms: performance.now() - t0, solves };
  }
}
