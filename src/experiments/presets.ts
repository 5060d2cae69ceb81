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
 * Budgets: the paper trains 40,000 iterations at batch 50 and evaluates on the
 * 10,000 test images. Without a GPU, the wasm backend trains the fast
 * denoiser at about 2 s per iteration at batch 50 with its 5 critic steps
 * (Chromium, 2-core machine), so the browser budget trains BROWSER_ITERATIONS
 * iterations at batch BROWSER_BATCH (minutes per point), evaluates on 500
 * test images with a 100-step evaluation critic. The 'paper' budget restores
 * the original counts.
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

interface BudgetCounts {
  readonly iterations: number;
  readonly evalEvery: number;
  readonly evalCount: number;
  readonly evalCriticSteps: number;
  readonly batchSize: number;
  readonly warmStart: number;
}

export const BUDGET_COUNTS: Readonly<Record<Budget, BudgetCounts>> = {
  browser: { iterations: BROWSER_ITERATIONS, batchSize: BROWSER_BATCH, evalEvery: 150, evalCount: 1000, evalCriticSteps: 100, warmStart: BROWSER_WARM_START },
  paper: { iterations: PAPER_ITERATIONS, batchSize: PAPER_BATCH, evalEvery: 2000, evalCount: 10_000, evalCriticSteps: 2000, warmStart: 0 },
};

export const BUDGET_NOTE: Readonly<Record<Budget, string>> = {
  browser:
    `Browser budget: every point starts from one restorer trained on MSE alone for ${BROWSER_WARM_START.toLocaleString('en-US')} iterations ` +
    `(once per sweep), then trains ${BROWSER_ITERATIONS} iterations at batch ${BROWSER_BATCH} with its own weights, instead of the paper's ` +
    `${PAPER_ITERATIONS.toLocaleString('en-US')} from scratch at batch ${PAPER_BATCH}; evaluated on 1,000 test images. ` +
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

const BETA_GAMMA_GRID: WeightSet = { kind: 'grid', alpha: fixed(1), beta: range(0, 1, 3), gamma: range(0, 0.5, 3) };

export const EXPERIMENT_PRESETS: readonly ExperimentPreset[] = [
  make(
    'exp1',
    'Exp-1: MNIST denoising, logistic c0',
    'σ = 1 Gaussian noise; c0 = logistic regression. The top row of the paper’s Fig. 3.',
    'Not published; beta in {0, 0.5, 1} x gamma in {0, 0.25, 0.5} at alpha = 1 (Exp-2’s ranges).',
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
    "Bicubic down by 3 and up again; c0 = CNN-2'. Needs the CIFAR-10 data installed.",
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
