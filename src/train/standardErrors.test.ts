import { describe, expect, it } from 'vitest';
import { binomialSe, combineSe, diffOfMeansSe, EVAL_CRITIC_SEED_SD, evalCriticSeedSd } from './standardErrors';

describe('standard errors of the evaluation', () => {
  it('P given the critic: sqrt(var f(real)/n + var f(fake)/n) with sample variances', () => {
    // real: mean 2.5, sample variance 5/3; fake: mean 0.5, sample variance 1/3; n = 4 each.
    // (5/3)/4 + (1/3)/4 = 1/2.
    expect(diffOfMeansSe([1, 2, 3, 4], [0, 0, 1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    // Constant values: no spread, no error.
    expect(diffOfMeansSe([3, 3, 3], [1, 1, 1])).toBe(0);
    expect(diffOfMeansSe([1], [1, 2])).toBeNaN();
  });

  it('C: binomial sqrt(C (1 - C) / n)', () => {
    // 0.283 * 0.717 / 1000 = 2.02911e-4.
    expect(binomialSe(0.283, 1000)).toBeCloseTo(0.0142447, 6);
    expect(binomialSe(0, 1000)).toBe(0);
    expect(binomialSe(0.5, 100)).toBeCloseTo(0.05, 12);
    expect(binomialSe(0.2, 0)).toBeNaN();
  });

  it('P overall: sqrt(se_sample^2 + sd_seed^2); an unknown part counts as 0', () => {
    expect(combineSe(0.03, 0.04)).toBeCloseTo(0.05, 12);
    expect(combineSe(0.03, NaN)).toBeCloseTo(0.03, 12);
    expect(combineSe(NaN, 0.04)).toBeCloseTo(0.04, 12);
    expect(combineSe(NaN, NaN)).toBeNaN();
  });

  it('the seed SD of a budget: the measured one, else the nearest measured budget', () => {
    for (const [steps, sd] of Object.entries(EVAL_CRITIC_SEED_SD)) {
      expect(Number.isFinite(sd) && sd > 0).toBe(true);
      expect(evalCriticSeedSd(Number(steps))).toBe(sd);
    }
    expect(evalCriticSeedSd(2000)).toBe(EVAL_CRITIC_SEED_SD[100]);
    expect(evalCriticSeedSd(70)).toBe(EVAL_CRITIC_SEED_SD[75]);
    expect(evalCriticSeedSd(60)).toBe(EVAL_CRITIC_SEED_SD[50]);
    expect(evalCriticSeedSd(30)).toBe(EVAL_CRITIC_SEED_SD[25]);
    expect(evalCriticSeedSd(0)).toBeNaN();
  });
});
