// Solving the exact CDP / perception-distortion LPs of a discretized toy with HiGHS
// (WebAssembly). One persistent HiGHS model per objective is built once (from the
// structured arrays: the CPLEX LP text of the same problem, see lpText, is what the
// tests feed to a fresh one-shot solver as an independent path); a (D, P) query
// only changes two row bounds and re-runs, so HiGHS warm-starts the dual simplex
// from the previous optimal basis.

import type { Highs } from 'highs';
import type { DiscreteToy } from './grid';
import { buildLp, ROW_MSE, ROW_PERCEPTION, toCplexLp, toModelData, type LpObjective, type Perception } from './lpModel';
import { scoreRestorer, type RestorerScores } from './restorer';
import { buildWeightedLp, weightedCosts, weightedLpText } from './weighted';
import type { LossWeights } from '../weighted';

type HighsModel = ReturnType<Highs['createModel']>;

export interface ExactPoint {
  /** optimal value (error rate for CDP, perception for PD); null when infeasible */
  value: number | null;
  /** the optimal restorer q(x^_l | y_j), row-major [j * n + l], when asked for */
  q?: Float64Array;
  /** D, error, TV, W1 of that restorer, recomputed outside the solver */
  scores?: RestorerScores;
}

/** The optimum of the weighted objective (always feasible: no D or P row). */
export interface WeightedExactPoint {
  /** alpha MSE + beta perception + gamma error at the optimum */
  value: number;
  /** MSE, perception (TV or W1, the LP's own) and error of the optimal restorer, recomputed outside the solver */
  d: number;
  p: number;
  c: number;
  q?: Float64Array;
  scores: RestorerScores;
}

interface Prepared {
  model: HighsModel;
  rowMse: number;
  rowPerc: number;
  zCols: Int32Array;
}

export class ExactToyLp {
  private prepared = new Map<LpObjective, Prepared>();
  private weightedModel: HighsModel | null = null;
  /** HiGHS runs, for benchmarks and tests */
  solves = 0;

  constructor(
    private readonly highs: Highs,
    readonly toy: DiscreteToy,
    readonly perception: Perception,
  ) {}

  /** C(D, P): min error rate of c0 on X^ s.t. MSE <= D and perception <= P. */
  cdp(d: number, p: number, opts: { restorer?: boolean } = {}): ExactPoint {
    return this.solve('error', d, p, opts.restorer ?? false);
  }

  /** P(D): min perception s.t. MSE <= D. */
  pd(d: number, opts: { restorer?: boolean } = {}): ExactPoint {
    return this.solve('perception', d, Infinity, opts.restorer ?? false);
  }

  /** LP text of one problem, for inspection and for the one-shot cross-check. */
  lpText(objective: LpObjective, d: number, p: number): string {
    return toCplexLp(buildLp(this.toy, this.perception, objective, { d, p: objective === 'perception' ? Infinity : p }));
  }

  /**
   * min alpha MSE + beta perception + gamma error over every q (weighted.ts). One HiGHS
   * model is built on the first call; later calls only change the column costs, so
   * the primal simplex warm-starts from the previous optimal basis.
   */
  weighted(w: LossWeights, opts: { restorer?: boolean } = {}): WeightedExactPoint {
    const costs = weightedCosts(this.toy, this.perception, w);
    let model = this.weightedModel;
    if (!model) {
      model = this.highs.createModel(toModelData(buildWeightedLp(this.toy, this.perception, w)));
      model.options.set({ output_flag: false, presolve: 'off' });
      this.weightedModel = model;
    } else {
      model.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, costs);
    }
    const status = this.run(model);
    if (status !== this.highs.constants.modelStatus.optimal) throw new Error(`HiGHS: weighted LP not optimal (status ${status})`);
    const { n } = this.toy;
    const zCols = Int32Array.from({ length: n * n }, (_, k) => k);
    const q = this.readRestorer({ model, rowMse: -1, rowPerc: -1, zCols });
    const scores = scoreRestorer(this.toy, q);
    const p = this.perception === 'tv' ? scores.tv : scores.w1;
    return { value: Math.max(0, model.getObjectiveValue()), d: scores.mse, p, c: scores.error, scores, ...(opts.restorer ? { q } : {}) };
  }

  /** LP text of the weighted problem, for the one-shot cross-check. */
  weightedText(w: LossWeights): string {
    return weightedLpText(this.toy, this.perception, w);
  }

  dispose(): void {
    for (const prep of this.prepared.values()) prep.model.dispose();
    this.prepared.clear();
    this.weightedModel?.dispose();
    this.weightedModel = null;
  }

  private prepare(objective: LpObjective): Prepared {
    const hit = this.prepared.get(objective);
    if (hit) return hit;
    const lp = buildLp(this.toy, this.perception, objective);
    const model = this.highs.createModel(toModelData(lp));
    // Presolve off: with it, re-solves after an infeasible point or a large bound move
    // restarted from a presolved model; without it every run warm-starts from the last
    // basis (3 to 6 times fewer simplex iterations over a 15 x 15 surface, measured).
    model.options.set({ output_flag: false, presolve: 'off' });
    // Columns and rows keep buildLp's order in structured input.
    const zCols = Int32Array.from({ length: lp.numZ }, (_, k) => k);
    const rowMse = lp.rows.findIndex((r) => r.name === ROW_MSE);
    const rowPerc = lp.rows.findIndex((r) => r.name === ROW_PERCEPTION);
    const prep = { model, rowMse, rowPerc, zCols };
    this.prepared.set(objective, prep);
    return prep;
  }

  private solve(objective: LpObjective, d: number, p: number, withRestorer: boolean): ExactPoint {
    if (Number.isNaN(d) || Number.isNaN(p)) throw new RangeError('D and P must be numbers');
    const prep = this.prepare(objective);
    const { model } = prep;
    const inf = this.highs.infinity;
    const clamp = (v: number) => (v === Infinity ? inf : v);
    model.changeRowBounds(prep.rowMse, -inf, clamp(d));
    if (objective === 'error') model.changeRowBounds(prep.rowPerc, -inf, clamp(p));
    const status = this.run(model);
    const codes = this.highs.constants.modelStatus;
    if (status === codes.infeasible || status === codes.unboundedOrInfeasible) return { value: null };
    const value = Math.max(0, model.getObjectiveValue());
    if (!withRestorer) return { value };
    const q = this.readRestorer(prep);
    return { value, q, scores: scoreRestorer(this.toy, q) };
  }

  private run(model: HighsModel): number {
    const codes = this.highs.constants.modelStatus;
    this.solves++;
    model.run();
    let status = model.getModelStatus();
    if (status !== codes.optimal && status !== codes.infeasible) {
      // A warm start that stalls is retried once from scratch before giving up.
      model.clearSolver();
      model.run();
      status = model.getModelStatus();
    }
    if (status !== codes.optimal && status !== codes.infeasible && status !== codes.unboundedOrInfeasible) {
      throw new Error(`HiGHS stopped with model status ${status}`);
    }
    return status;
  }

  /** q = z / p(y): rows renormalised after dropping the solver's tiny negative round-off. */
  private readRestorer(prep: Prepared): Float64Array {
    const { n, pY, x } = this.toy;
    const z = prep.model.getSolution().colValue;
    const q = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) {
        const v = Math.max(0, z[prep.zCols[j * n + l]]);
        q[j * n + l] = v;
        s += v;
      }
      if (pY[j] > 0 && s > 0) {
        for (let l = 0; l < n; l++) q[j * n + l] /= s;
      } else {
        // p(y_j) = 0: q(.|y_j) is irrelevant; report the identity so the heatmap stays readable.
        q.fill(0, j * n, (j + 1) * n);
        let best = 0;
        for (let l = 1; l < n; l++) if (Math.abs(x[l] - x[j]) < Math.abs(x[best] - x[j])) best = l;
        q[j * n + best] = 1;
      }
    }
    return q;
  }
}
