import { canonicalJson } from './canonical';
import type { Budget, ExperimentConfig, PresetId } from './config';
import type { WeightRange } from './weights';

type WeightSet = ExperimentConfig['weights'];

/**
 * The paper's Exp-1 to Exp-5 (Table 1; REFERENCE.md section 2). The authors
 * give the weight ranges of Exp-2, Exp-4 and Exp-5; the number of steps in
 * each range is ours. Exp-1 and Exp-3 have no published grid: they get a
 * beta x gamma grid spanning Exp-2's ranges, which is what Fig. 3 needs (points
 * at several levels of C, each with its own P-D tradeoff).
 *
 * Budgets: the paper trains 40,000 iterations at batch 50 with 5 critic
 * steps and evaluates on the 10,000 test images. Without a GPU (threaded wasm,
 * Chromium, 2-core machine) the browser budget starts every point from one
 * shared MSE-only restorer (shipped in public/models, see
 * src/train/shippedWarm.ts), trains BROWSER_ITERATIONS more at batch
 * BROWSER_BATCH with BROWSER_CRITIC_STEPS critic steps, and evaluates on
 * BROWSER_EVAL_COUNT test images (all of the offline MNIST test split) with a
 * BROWSER_EVAL_CRITIC_STEPS-step evaluation critic (scripts/eval-critic-study.ts
 * chose it). The 'paper' budget restores the original counts.
 */

export const PAPER_ITERATIONS = 40_000;
export const PAPER_LR_DECAY_EVERY = 10_000;
export const PAPER_MSE_WARMUP = 300;
export const BROWSER_ITERATIONS = 300;
export const BROWSER_BATCH = 25;
export const PAPER_BATCH = 50;
/**
 * The browser budget's shared MSE warm start. Trained from scratch for a few
 * hundred iterations, the classification term only raises C (it competes
 * with the MSE term while the restorer still learns to denoise; it lowers C
 * after about 1,300 iterations). From a restorer pretrained on MSE for 1,200
 * iterations, 300 more with gamma > 0 lower C at once (scripts/gamma-runs.ts).
 */
export const BROWSER_WARM_START = 1200;
/**
 * One critic step per restorer step instead of the paper's five: from the
 * shared warm start, 300 iterations with one step still let beta lower P and
 * gamma lower C by more than two standard errors at every beta
 * (scripts/gamma-runs.ts, CRITIC=1), and the critic's steps are most of a
 * beta > 0 point's time.
 */
export const BROWSER_CRITIC_STEPS = 1;
export const PAPER_CRITIC_STEPS = 5;
/** Every image of the offline MNIST test split: C's binomial SE is about 0.010. */
export const BROWSER_EVAL_COUNT = 2000;
/**
 * The cheapest evaluation-critic budget that ranks the study's restorers
 * alike for every seed with the seed SD well under their gaps and keeps an
 * evaluation under 15 s (npm run study:eval-critic; README).
 */
export const BROWSER_EVAL_CRITIC_STEPS = 75;

interface BudgetCounts {
  readonly iterations: number;
  readonly evalEvery: number;
  readonly evalCount: number;
  readonly evalCriticSteps: number;
  readonly batchSize: number;
  readonly warmStart: number;
  readonly criticSteps: number;
}

export const BUDGET_COUNTS: Readonly<Record<Budget, BudgetCounts>> = {
  browser: {
    iterations: BROWSER_ITERATIONS,
    batchSize: BROWSER_BATCH,
    criticSteps: BROWSER_CRITIC_STEPS,
    // Evaluated once, at the end: an evaluation (about 13 s, mostly the
    // evaluation critic) costs as much as 100 training iterations.
    evalEvery: 0,
    evalCount: BROWSER_EVAL_COUNT,
    evalCriticSteps: BROWSER_EVAL_CRITIC_STEPS,
    warmStart: BROWSER_WARM_START,
  },
  paper: { iterations: PAPER_ITERATIONS, batchSize: PAPER_BATCH, criticSteps: PAPER_CRITIC_STEPS, evalEvery: 2000, evalCount: 10_000, evalCriticSteps: 2000, warmStart: 0 },
};

export const BUDGET_NOTE: Readonly<Record<Budget, string>> = {
  browser:
    `Browser budget: every point starts from one restorer trained on MSE alone for ${BROWSER_WARM_START.toLocaleString('en-US')} iterations ` +
    `(shipped with the app for the presets, else trained once per sweep), then trains ${BROWSER_ITERATIONS} iterations at batch ${BROWSER_BATCH} ` +
    `with its own weights and ${BROWSER_CRITIC_STEPS} critic step${BROWSER_CRITIC_STEPS === 1 ? '' : 's'} per iteration, instead of the paper's ` +
    `${PAPER_ITERATIONS.toLocaleString('en-US')} from scratch at batch ${PAPER_BATCH} with ${PAPER_CRITIC_STEPS}; ` +
    `evaluated once, at the end, on ${BROWSER_EVAL_COUNT.toLocaleString('en-US')} test images with a ${BROWSER_EVAL_CRITIC_STEPS}-step evaluation critic. ` +
    'The shape of the tradeoff appears; the numbers are not the paper’s.',
  paper:
    `Paper budget: ${PAPER_ITERATIONS.toLocaleString('en-US')} iterations per point and the 10,000 test images, as in the paper. ` +
    'Without a fast GPU this takes hours per point.',
};

/**
 * lr decay and MSE warm-up for a run of `iterations`. Runs as long as the
 * paper's get its schedule (decay every 10k, 300-iteration warm-up). Shorter
 * runs keep the warm-up's share of the run but drop the learning rate only
 * once, at three quarters: the paper's restorer has trained 10k iterations
 * before its first decay, while a run of a few hundred would be frozen
 * half-trained by the paper's three decays squeezed into it.
 */
export function scaledSchedule(iterations: number): { lrDecayEvery: number; mseWarmup: number } {
  const f = Math.min(1, iterations / PAPER_ITERATIONS);
  return {
    lrDecayEvery: iterations >= PAPER_ITERATIONS ? PAPER_LR_DECAY_EVERY : Math.max(1, Math.round(0.75 * iterations)),
    mseWarmup: Math.max(1, Math.round(PAPER_MSE_WARMUP * f)),
  };
}

const fixed = (v: number): WeightRange => ({ from: v, to: v, steps: 1 });
const range = (from: number, to: number, steps: number): WeightRange => ({ from, to, steps });

export interface ExperimentPreset {
  readonly id: Exclude<PresetId, 'custom'>;
  readonly label: string;
  readonly description: string;
  /** Where the weight grid comes from. */
  readonly gridSource: string;
  readonly config: ExperimentConfig;
}

type Base = Omit<ExperimentConfig, 'preset' | 'weights' | keyof BudgetCounts | 'budget'>;

const MNIST_DENOISE: Base = {
  dataset: 'mnist',
  task: 'denoise',
  sigma: 1,
  classifier: 'logistic',
  restorer: 'fast',
  critic: 'clip',
  seed: 1,
  saveWeights: false,
};

function make(
  id: ExperimentPreset['id'],
  label: string,
  description: string,
  gridSource: string,
  base: Base,
  weights: WeightSet,
): ExperimentPreset {
  return { id, label, description, gridSource, config: { preset: id, budget: 'browser', ...base, ...BUDGET_COUNTS.browser, weights } };
}

/**
 * gamma reaches 2, not Exp-2's 0.5: at the browser budget gamma 0.5 lowers C
 * by about one standard error once beta > 0 (scripts/gamma-runs.ts), gamma 2
 * by two or more.
 */
const BETA_GAMMA_GRID: WeightSet = { kind: 'grid', alpha: fixed(1), beta: range(0, 1, 3), gamma: range(0, 2, 3) };

export const EXPERIMENT_PRESETS: readonly ExperimentPreset[] = [
  make(
    'exp1',
    'Exp-1: MNIST denoising, logistic c0',
    'σ = 1 Gaussian noise; c0 = logistic regression. The top row of the paper’s Fig. 3.',
    'Not published; beta in {0, 0.5, 1} (Exp-2’s range) x gamma in {0, 1, 2} at alpha = 1 (gamma up to 2, so that C falls by more than its noise at the browser budget).',
    MNIST_DENOISE,
    BETA_GAMMA_GRID,
  ),
  make(
    'exp2',
    'Exp-2: MNIST denoising, CNN-1 c0',
    'σ = 1 Gaussian noise; c0 = CNN-1. The middle row of Fig. 3 and the samples of Fig. 4.',
    'The authors’: alpha = 1, gamma = 0.5, beta from 0.5 to 1 (steps of 0.1 are ours).',
    { ...MNIST_DENOISE, classifier: 'cnn1' },
    { kind: 'grid', alpha: fixed(1), beta: range(0.5, 1, 6), gamma: fixed(0.5) },
  ),
  make(
    'exp3',
    'Exp-3: MNIST denoising, CNN-2 c0',
    'σ = 1 Gaussian noise; c0 = CNN-2 (the stronger classifier).',
    'Not published; the same beta x gamma grid as Exp-1.',
    { ...MNIST_DENOISE, classifier: 'cnn2' },
    BETA_GAMMA_GRID,
  ),
  make(
    'exp4',
    'Exp-4: MNIST super-resolution x6, CNN-1 c0',
    'Bicubic down by 6 and up again; c0 = CNN-1. The bottom row of Fig. 3.',
    'The authors’: alpha = 1, beta from 0 to 0.2, gamma from 0 to 0.02 (3 steps each are ours).',
    { ...MNIST_DENOISE, task: 'sr', classifier: 'cnn1' },
    { kind: 'grid', alpha: fixed(1), beta: range(0, 0.2, 3), gamma: range(0, 0.02, 3) },
  ),
  make(
    'exp5',
    "Exp-5: CIFAR-10 super-resolution x3, CNN-2' c0",
    "Bicubic down by 3 and up again; c0 = CNN-2'. No trained sweep ships with the app (CIFAR-10 has no offline source): with the official " +
      "cifar-10-binary.tar.gz, run npm run data -- --cifar10 PATH and npm run pretrain -- --only cnn2p, then this preset.",
    'The authors’: alpha = 1, gamma = 0.02, beta from 0 to 0.1 (steps of 0.02 are ours).',
    { ...MNIST_DENOISE, dataset: 'cifar10', task: 'sr', classifier: 'cnn2p' },
    { kind: 'grid', alpha: fixed(1), beta: range(0, 0.1, 6), gamma: fixed(0.02) },
  ),
];

/** The preset a new visitor sees: Exp-1, the cheapest classifier and a full beta x gamma grid. */
export const DEFAULT_PRESET = EXPERIMENT_PRESETS[0];

export function presetById(id: PresetId): ExperimentPreset | undefined {
  return EXPERIMENT_PRESETS.find((p) => p.id === id);
}

/** The config with the counts of `budget`; everything else kept. */
export function withBudget(c: ExperimentConfig, budget: Budget): ExperimentConfig {
  return { ...c, budget, ...BUDGET_COUNTS[budget] };
}

/**
 * The preset a config still is, or 'custom'. Only the budget counts may
 * differ from the preset (the budget toggle is not an edit).
 */
export function matchPreset(c: ExperimentConfig): PresetId {
  for (const p of EXPERIMENT_PRESETS) {
    const want = withBudget(p.config, c.budget);
    if (canonicalJson({ ...want, preset: null }) === canonicalJson({ ...c, preset: null })) return p.id;
  }
  return 'custom';
}
