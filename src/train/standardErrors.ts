/**
 * Standard errors of the evaluation's numbers (no tfjs here: the UI and the
 * export code use these too).
 *
 * P = mean f(clean) - mean f(restored) has two sources of error:
 *   - the test images: given the trained critic f, the sample standard error
 *     sqrt(var f(clean) / n + var f(restored) / n) over the n test images
 *     (sample variances, n - 1 in the denominator);
 *   - the critic's own training (initial weights, batch draws, penalty
 *     noise): the seed-to-seed standard deviation of P at a fixed budget, which
 *     the test images cannot show. It is measured once per budget by
 *     scripts/eval-critic-study.ts and kept in EVAL_CRITIC_SEED_SD.
 * The two are independent, so SE(P) = sqrt(se_sample^2 + sd_seed^2).
 * C is an error rate over n images: its binomial SE is sqrt(C (1 - C) / n).
 */

/** sqrt(var(a)/n_a + var(b)/n_b) with sample variances; NaN with fewer than 2 values in either. */
export function diffOfMeansSe(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const v = (x: ArrayLike<number>) => {
    const n = x.length;
    if (n < 2) return NaN;
    let m = 0;
    for (let i = 0; i < n; i++) m += x[i];
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[i] - m) ** 2;
    return s / (n - 1) / n;
  };
  return Math.sqrt(v(a) + v(b));
}

/** Binomial standard error of an error rate C over n images; NaN for n < 1. */
export function binomialSe(C: number, n: number): number {
  if (!(n >= 1) || !Number.isFinite(C)) return NaN;
  const c = Math.min(1, Math.max(0, C));
  return Math.sqrt((c * (1 - c)) / n);
}

/** sqrt(se^2 + sd^2); a non-finite part counts as 0 unless both are non-finite (then NaN). */
export function combineSe(sampleSe: number, seedSd: number): number {
  const a = Number.isFinite(sampleSe) ? sampleSe : NaN;
  const b = Number.isFinite(seedSd) ? seedSd : NaN;
  if (Number.isNaN(a) && Number.isNaN(b)) return NaN;
  return Math.sqrt((Number.isNaN(a) ? 0 : a * a) + (Number.isNaN(b) ? 0 : b * b));
}

/**
 * Seed-to-seed SD of P (evaluation critic: WGAN-GP, fast size, lr 5e-4,
 * batch 50) by critic steps: the largest over three Exp-1 restorers of the
 * SD over 5 evaluation seeds (7 to 11), measured by `npm run
 * study:eval-critic` on 2026-12-07, twice (README, *How many
 * evaluation-critic steps*):
 *   - budget of the time (5 critic steps, 1,000 test images), restorers of P
 *     about 0.4, 0.6 and 2.1: 25 steps 0.202, 50 steps 0.085, 100 steps 0.043;
 *   - the browser budget (1 critic step, 2,000 test images), restorers of P
 *     about 0.35, 1.0 and 2.1: 75 steps 0.109, 100 steps 0.033.
 * Where both measured a budget the larger SD is kept. Budgets above 100 steps
 * reuse the 100-step SD (an upper bound: more steps spread less); other tasks
 * and datasets reuse the MNIST numbers as an approximation.
 */
export const EVAL_CRITIC_SEED_SD: Readonly<Record<number, number>> = {
  25: 0.202,
  50: 0.085,
  75: 0.109,
  100: 0.043,
};

/**
 * The seed SD for a budget of `steps`: the measured one, or for an unmeasured
 * budget that of the nearest measured one (on a log scale; beyond the largest,
 * the largest's); NaN for 0 steps.
 */
export function evalCriticSeedSd(steps: number): number {
  if (!(steps > 0)) return NaN;
  const measured = Object.keys(EVAL_CRITIC_SEED_SD).map(Number);
  let best = measured[0];
  for (const s of measured) if (Math.abs(Math.log(s / steps)) < Math.abs(Math.log(best / steps))) best = s;
  return EVAL_CRITIC_SEED_SD[best];
}

/**
 * Seed-to-seed SD of a browser-budget point's D, P and C: the largest over
 * two points per preset of the SD over training seeds 1-3 (the seed draws the
 * training critic's initial weights, the batch order and the training noise;
 * warm start and evaluation fixed), measured by `npm run study:seed-spread`
 * (scripts/seed-spread.ts; README, *Training seeds*). Exp-2 was not measured
 * and reuses Exp-1's (same task and restorer; its classifier is CNN-1).
 * Every SE the conditional models' dense grids carry includes it:
 * SE = sqrt(sample SE^2 + seed SD^2).
 */
export const TRAINING_SEED_SD: Readonly<Record<string, { readonly D: number; readonly P: number; readonly C: number }>> = {
  // 2026-12-07, seeds 1-3 at (beta, gamma) = (0, 1) and (1, 2).
  exp1: { D: 0.0011, P: 0.303, C: 0.0033 },
  exp2: { D: 0.0011, P: 0.303, C: 0.0033 },
  exp3: { D: 0.0023, P: 0.432, C: 0.0103 },
  // At (0, 0.02) and (0.2, 0.02).
  exp4: { D: 0.00043, P: 0.076, C: 0.0038 },
};

/** What a dense grid's SEs cover, in words (stored with the file). */
export function trainingSeedNote(preset: string): string {
  const s = TRAINING_SEED_SD[preset];
  return (
    `each SE is sqrt(sample SE^2 + training-seed SD^2): the test-image sampling (binomial for C; for P given the evaluation critic, plus the critic's own seed SD) ` +
    `and the spread between training seeds of a fixed-weight point at this budget (npm run study:seed-spread: SD of D ${s.D.toPrecision(2)}, P ${s.P.toPrecision(2)}, C ${s.C.toPrecision(2)}); Dse is the seed SD of D.`
  );
}
