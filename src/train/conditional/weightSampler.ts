import { createRng, type Rng } from '../../data/rng';
import { CONDITION_FEATURES, conditionFeatures, drawRatio, type ConditionRanges, type LossRatios } from '../../models/conditioning';

/**
 * Per-example loss weights for loss-conditional training: every example of a
 * batch draws its own (beta/alpha, gamma/alpha), each independently 0 with
 * its range's pZero and otherwise log-uniform over [lo, hi] (the grids hold
 * 0, and the terms trade over decades). `fixed` makes every example use one
 * setting (tests: the fixed-weight trainer's losses).
 */
export interface WeightDraw {
  readonly ratios: LossRatios[];
  readonly beta: Float32Array;
  readonly gamma: Float32Array;
  /** [n, CONDITION_FEATURES], row-major. */
  readonly features: Float32Array;
}

export class WeightSampler {
  private rng: Rng;

  constructor(
    readonly ranges: ConditionRanges,
    private readonly seed: number,
    readonly fixed: LossRatios | null = null,
  ) {
    this.rng = createRng(seed);
  }

  reset(): void {
    this.rng = createRng(this.seed);
  }

  next(n: number): WeightDraw {
    const ratios: LossRatios[] = [];
    for (let i = 0; i < n; i++) {
      if (this.fixed) {
        ratios.push(this.fixed);
        continue;
      }
      const r = this.rng;
      ratios.push({ beta: drawRatio(this.ranges.beta, r.uniform(), r.uniform()), gamma: drawRatio(this.ranges.gamma, r.uniform(), r.uniform()) });
    }
    return {
      ratios,
      beta: Float32Array.from(ratios, (r) => r.beta),
      gamma: Float32Array.from(ratios, (r) => r.gamma),
      features: conditionFeatures(this.ranges, ratios),
    };
  }
}

export { CONDITION_FEATURES };
