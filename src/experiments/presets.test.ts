import { describe, expect, it } from 'vitest';
import { checkConfig, type ExperimentConfig } from './config';
import { BUDGET_COUNTS, DEFAULT_PRESET, EXPERIMENT_PRESETS, matchPreset, PAPER_ITERATIONS, scaledSchedule, withBudget } from './presets';
import { expandWeights } from './weights';

const preset = (id: string) => EXPERIMENT_PRESETS.find((p) => p.id === id)!.config;
const values = (c: ExperimentConfig, k: 'alpha' | 'beta' | 'gamma') => [...new Set(expandWeights(c.weights).map((w) => w[k]))];

describe('experiment presets (Table 1)', () => {
  it('are valid configs, in both budgets, and recognised as themselves', () => {
    for (const p of EXPERIMENT_PRESETS) {
      for (const b of ['browser', 'paper'] as const) {
        const c = withBudget(p.config, b);
        const r = checkConfig(c);
        expect(r.ok, `${p.id}/${b}: ${r.ok ? '' : r.reason}`).toBe(true);
        expect(matchPreset(c)).toBe(p.id);
      }
    }
  });

  it('match Table 1: dataset, task and classifier of Exp-1 to Exp-5', () => {
    const table = EXPERIMENT_PRESETS.map((p) => [p.id, p.config.dataset, p.config.task, p.config.classifier]);
    expect(table).toEqual([
      ['exp1', 'mnist', 'denoise', 'logistic'],
      ['exp2', 'mnist', 'denoise', 'cnn1'],
      ['exp3', 'mnist', 'denoise', 'cnn2'],
      ['exp4', 'mnist', 'sr', 'cnn1'],
      ['exp5', 'cifar10', 'sr', 'cnn2p'],
    ]);
    for (const p of EXPERIMENT_PRESETS.filter((q) => q.config.task === 'denoise')) expect(p.config.sigma).toBe(1);
  });

  it("use the authors' weight ranges (REFERENCE.md section 2)", () => {
    const e2 = preset('exp2');
    expect([values(e2, 'alpha'), values(e2, 'gamma')]).toEqual([[1], [0.5]]);
    expect(values(e2, 'beta')).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    const e4 = preset('exp4');
    expect(values(e4, 'alpha')).toEqual([1]);
    expect([Math.min(...values(e4, 'beta')), Math.max(...values(e4, 'beta'))]).toEqual([0, 0.2]);
    expect([Math.min(...values(e4, 'gamma')), Math.max(...values(e4, 'gamma'))]).toEqual([0, 0.02]);
    const e5 = preset('exp5');
    expect([values(e5, 'alpha'), values(e5, 'gamma')]).toEqual([[1], [0.02]]);
    expect(values(e5, 'beta')).toEqual([0, 0.02, 0.04, 0.06, 0.08, 0.1]);
  });

  it('the default (Exp-1) varies beta and gamma, so points land at several C levels as in Fig. 3', () => {
    expect(DEFAULT_PRESET.id).toBe('exp1');
    expect(values(DEFAULT_PRESET.config, 'beta').length).toBeGreaterThan(1);
    expect(values(DEFAULT_PRESET.config, 'gamma').length).toBeGreaterThan(1);
  });

  it('the paper budget restores 40k iterations and the 10k test images; the toggle keeps everything else', () => {
    const c = preset('exp2');
    const paper = withBudget(c, 'paper');
    expect([paper.iterations, paper.evalCount, paper.batchSize]).toEqual([PAPER_ITERATIONS, 10_000, 50]);
    expect(withBudget(paper, 'browser')).toEqual(c);
    expect(c.iterations).toBe(BUDGET_COUNTS.browser.iterations);
    expect(c.iterations).toBeLessThan(PAPER_ITERATIONS);
  });

  it('the paper run gets the paper schedule; shorter runs decay once, at three quarters, with the warm-up scaled', () => {
    expect(scaledSchedule(PAPER_ITERATIONS)).toEqual({ lrDecayEvery: 10_000, mseWarmup: 300 });
    expect(scaledSchedule(80_000)).toEqual({ lrDecayEvery: 10_000, mseWarmup: 300 });
    expect(scaledSchedule(4000)).toEqual({ lrDecayEvery: 3000, mseWarmup: 30 });
    expect(scaledSchedule(10)).toEqual({ lrDecayEvery: 8, mseWarmup: 1 });
  });

  it('an edit turns a preset into custom; key order does not matter', () => {
    const c = preset('exp1');
    expect(matchPreset({ ...c, seed: 2 })).toBe('custom');
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as ExperimentConfig;
    expect(matchPreset(reordered)).toBe('exp1');
  });
});

describe('config schema', () => {
  it('refuses a classifier that does not take the dataset’s images, naming both', () => {
    const r = checkConfig({ ...preset('exp1'), dataset: 'cifar10' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/classifier: logistic takes 28x28x1 images; CIFAR-10 has 32x32x3/);
    expect(checkConfig({ ...preset('exp1'), dataset: 'fashion-mnist' }).ok).toBe(true);
  });

  it('refuses too many points, reversed ranges, negative weights and unknown fields', () => {
    const grid = (steps: number) => ({ from: 0, to: 1, steps });
    const big = checkConfig({ ...preset('exp1'), weights: { kind: 'grid', alpha: grid(8), beta: grid(8), gamma: grid(8) } });
    expect(big.ok ? '' : big.reason).toMatch(/512 points; at most 256/);
    const rev = checkConfig({ ...preset('exp1'), weights: { kind: 'grid', alpha: { from: 1, to: 0, steps: 2 }, beta: grid(1), gamma: grid(1) } });
    expect(rev.ok ? '' : rev.reason).toMatch(/weights.alpha: from must not exceed to/);
    const neg = checkConfig({ ...preset('exp1'), weights: { kind: 'list', points: [{ alpha: -1, beta: 0, gamma: 0 }] } });
    expect(neg.ok).toBe(false);
    const extra = checkConfig({ ...preset('exp1'), extra: 1 });
    expect(extra.ok).toBe(false);
  });
});
