import type { ConditionRanges } from '../models/conditioning';
import type { PresetId } from './config';
import { EXPERIMENT_PRESETS, type ExperimentPreset } from './presets';

/**
 * One loss-conditional restorer per MNIST experiment preset that passed its
 * validation (Exp-1, Exp-2, Exp-4; Exp-3's note below): its training ranges,
 * budget, and the dense grid it is evaluated on.
 *
 * Ranges are ratios to alpha (conditioning.ts) and span the decades where the
 * terms trade, measured at the shipped warm start (npm run study:grad-balance,
 * README): for denoising the cross-entropy gradient is 55-80x the MSE
 * gradient, so the two balance near gamma = 0.012-0.018, inside
 * [1e-3, 2]; the shipped fixed-weight grids and the authors' own values
 * (Exp-3 at alpha 0.5: beta/alpha 0.03-0.058, gamma/alpha 0.01-0.016; Exp-4:
 * beta 0.001-0.2, gamma 0.001-0.02) lie inside too. Exactly 0 is drawn with
 * probability pZero, since every grid holds 0.
 *
 * Dense grids are log-spaced through the balance points plus 0, and contain
 * every point of the preset's shipped fixed-weight sweep, where the
 * conditional model is validated against it.
 */

export type CondPresetId = Exclude<PresetId, 'custom' | 'exp5'>;

export interface ConditionalPreset {
  readonly id: CondPresetId;
  /** Folder under public/models. */
  readonly dir: string;
  readonly ranges: ConditionRanges;
  readonly iterations: number;
  readonly batchSize: number;
  readonly criticSteps: number;
  readonly seed: number;
  /** Dense evaluation grid (alpha = 1). */
  readonly grid: { readonly beta: readonly number[]; readonly gamma: readonly number[] };
}

const DECADES = [0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
/** Through the denoising balance point (about 0.015) and up to the shipped grid's 2. */
const DENOISE_GAMMAS = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];
const DENOISE_RANGES: ConditionRanges = { beta: { lo: 1e-3, hi: 1, pZero: 0.15 }, gamma: { lo: 1e-3, hi: 2, pZero: 0.15 } };

export const CONDITIONAL_BATCH = 25;

/**
 * Iterations: matched to the fixed-weight sweeps it stands in for. A
 * browser-budget point trains 300 iterations from the warm start, its
 * critic from scratch; trained much longer (4,000 to 6,000 iterations), the
 * conditional model's critic and base move far past that budget and its
 * family shows much stronger tradeoffs than the fixed points (Exp-4 at 6,000:
 * beta 0.1 lowers P by 1.0 where the fixed sweep's lowers it by 0.2; Exp-1 at
 * 4,000: D 20% above the fixed points), so it fails the validation; at 500
 * (Exp-4 pilot: 0 of 9 points miss, at 300: 3 miss) it is the same family.
 * The whole dense family then costs 500 iterations, under two fixed points.
 */
export const CONDITIONAL_ITERATIONS = 500;

function cond(id: CondPresetId, iterations: number, ranges: ConditionRanges, grid: ConditionalPreset['grid']): ConditionalPreset {
  return { id, dir: `cond-${id}`, ranges, iterations, batchSize: CONDITIONAL_BATCH, criticSteps: 1, seed: 1, grid };
}

export const CONDITIONAL_PRESETS: readonly ConditionalPreset[] = [
  cond('exp1', CONDITIONAL_ITERATIONS, DENOISE_RANGES, { beta: DECADES, gamma: DENOISE_GAMMAS }),
  cond('exp2', CONDITIONAL_ITERATIONS, DENOISE_RANGES, {
    beta: [0, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1],
    gamma: [0.5],
  }),
  // No Exp-3 model ships: trained the same way it misses the fixed sweep's D
  // by 7-14% at 7 of 9 points (P and C agree within 2 SE); with a frozen
  // warm-start base and only FiLM trained, by 8-12%. Exp-3's fixed points
  // themselves move D by 6% (one SD) from training seed to seed
  // (TRAINING_SEED_SD), so the 5% tolerance on D is below its own noise.
  // Tried since (npm run pretrain:conditional flags, CondTrainer options),
  // each missing 4 to 9 of the 9 points on D: FiLM learning rate x10;
  // batch norm on running statistics in training; each example's loss
  // normalised by 1 + beta/beta* + gamma/gamma* (--balance; it brings the
  // MSE corner within 3% but at beta > 0 the family's D stays 7-13% off,
  // and on Exp-1 it removes gamma's effect on C). The misses share a
  // pattern: at beta > 0 the conditional family keeps more of the
  // adversarial effect when gamma > 0 (P 1.9-2.7 where the fixed points
  // give 3.3-3.9, D 10% lower) and less when gamma = 0; with training seeds
  // 2 and 3 the default misses 9 and 8 points with the same signs, so it is
  // a bias of the family, not one model's training noise.
  cond(
    'exp4',
    CONDITIONAL_ITERATIONS,
    { beta: { lo: 1e-3, hi: 0.2, pZero: 0.15 }, gamma: { lo: 1e-4, hi: 0.02, pZero: 0.15 } },
    {
      beta: [0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2],
      gamma: [0, 0.0001, 0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02],
    },
  ),
];

/**
 * Presets with a conditional training setup that ships no model (Exp-3: it
 * fails its validation, see above). The scripts take them with --only, for
 * further attempts; the app offers slide mode only for CONDITIONAL_PRESETS.
 */
export const UNSHIPPED_CONDITIONAL_PRESETS: readonly ConditionalPreset[] = [cond('exp3', CONDITIONAL_ITERATIONS, DENOISE_RANGES, { beta: DECADES, gamma: DENOISE_GAMMAS })];

export function conditionalPreset(id: string): ConditionalPreset | undefined {
  return CONDITIONAL_PRESETS.find((p) => p.id === id);
}

export function experimentPresetOf(c: ConditionalPreset): ExperimentPreset {
  const p = EXPERIMENT_PRESETS.find((e) => e.id === c.id);
  if (!p) throw new Error(`no experiment preset ${c.id}`);
  return p;
}

/** The dense grid as (alpha, beta, gamma) points, beta outer, gamma inner. */
export function denseGridPoints(c: ConditionalPreset): { alpha: number; beta: number; gamma: number }[] {
  return c.grid.beta.flatMap((beta) => c.grid.gamma.map((gamma) => ({ alpha: 1, beta, gamma })));
}
