import { describe, expect, it } from 'vitest';
import { expandWeights, withBudget, EXPERIMENT_PRESETS, ExperimentConfigSchema } from '..';
import { TrainConfigSchema } from '../../train/config';
import { PAPER_SCHEDULE } from '../../train/schedule';
import { metricsOf, trainConfigFor } from './trainConfig';

describe('experiment point -> training config', () => {
  it('every preset point is a valid training config with its own weights', () => {
    for (const p of EXPERIMENT_PRESETS) {
      for (const w of expandWeights(p.config.weights)) {
        const t = trainConfigFor(p.config, w);
        expect(TrainConfigSchema.safeParse(t).success).toBe(true);
        expect([t.alpha, t.beta, t.gamma]).toEqual([w.alpha, w.beta, w.gamma]);
        expect([t.preset, t.criticMode, t.task, t.seed]).toEqual([p.config.restorer, p.config.critic, p.config.task, p.config.seed]);
      }
    }
  });

  it("the paper budget is the paper's recipe: 40k iterations, decay every 10k, 300 warm-up, 5 critic steps, batch 50", () => {
    const c = withBudget(EXPERIMENT_PRESETS[1].config, 'paper');
    const t = trainConfigFor(c, { alpha: 1, beta: 0.5, gamma: 0.5 });
    expect([t.iterations, t.lrDecayEvery, t.mseWarmup, t.criticSteps, t.batchSize]).toEqual([40_000, 10_000, 300, 5, 50]);
    expect([t.restorerLr, t.criticLr, t.clip]).toEqual([PAPER_SCHEDULE.restorerLr, PAPER_SCHEDULE.criticLr, PAPER_SCHEDULE.clip]);
  });

  it('the browser budget drops the learning rate once, at three quarters of its 300 iterations', () => {
    const t = trainConfigFor(EXPERIMENT_PRESETS[0].config, { alpha: 1, beta: 0.5, gamma: 0 });
    expect([t.iterations, t.batchSize, t.lrDecayEvery, t.mseWarmup, t.criticSteps]).toEqual([300, 25, 225, 2, 1]);
  });

  it('beta = 0 skips the training critic, which cannot affect the restorer; beta > 0 runs the config\'s critic steps', () => {
    const c = EXPERIMENT_PRESETS[0].config;
    expect(trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0.5 }).criticSteps).toBe(0);
    expect(trainConfigFor(c, { alpha: 1, beta: 1e-6, gamma: 0 }).criticSteps).toBe(1);
    expect(trainConfigFor({ ...c, criticSteps: 7 }, { alpha: 1, beta: 1, gamma: 0 }).criticSteps).toBe(7);
    // Files and links from before the key trained with the paper's 5.
    expect(ExperimentConfigSchema.parse({ ...c, criticSteps: undefined }).criticSteps).toBe(5);
  });

  it('unmeasured metrics become null', () => {
    const m = metricsOf({ kind: 'restorer', iteration: 5, D: 0.1, C: 0.2, P: NaN, Pse: NaN, Cse: 0.04, n: 100, Ptrain: 0.3, alpha: 1, beta: 0, gamma: 0, seconds: 2 });
    expect(m).toEqual({ D: 0.1, P: null, C: 0.2, Ptrain: 0.3, iteration: 5, seconds: 2, Pse: null, Cse: 0.04, n: 100 });
  });
});
