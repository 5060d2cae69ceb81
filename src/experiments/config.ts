import { z } from 'zod';
import { DATASETS, type DatasetName } from '../data/catalog';
import { pointCount, type WeightSet } from './weights';

/**
 * An experiment: what to restore (dataset, task and degradation), which frozen
 * classifier c0 measures C, which restorer and critic to train, the training
 * budget, and the (alpha, beta, gamma) points to sweep. The zod schema is
 * the one gate every config passes: the editor, links, imports, the store.
 */

export const DATASET_NAMES = ['mnist', 'fashion-mnist', 'cifar10'] as const satisfies readonly DatasetName[];
// Fails to compile if the catalog gains a dataset this list lacks.
const everyDatasetListed: Exclude<DatasetName, (typeof DATASET_NAMES)[number]> extends never ? true : false = true;
void everyDatasetListed;

export const TASKS = ['denoise', 'sr'] as const;
export const CLASSIFIERS = ['logistic', 'cnn1', 'cnn2', 'cnn2p'] as const;
export const RESTORER_PRESETS = ['paper', 'fast'] as const;
export const CRITICS = ['clip', 'gp'] as const;
export const BUDGETS = ['browser', 'paper'] as const;
export const PRESET_IDS = ['exp1', 'exp2', 'exp3', 'exp4', 'exp5', 'custom'] as const;

export type Task = (typeof TASKS)[number];
export type ClassifierName = (typeof CLASSIFIERS)[number];
export type RestorerPreset = (typeof RESTORER_PRESETS)[number];
export type CriticMode = (typeof CRITICS)[number];
export type Budget = (typeof BUDGETS)[number];
export type PresetId = (typeof PRESET_IDS)[number];

/** Most points one sweep may hold: a 16x16 grid. */
export const MAX_POINTS = 256;
/** Most steps along one weight of a grid. */
export const MAX_STEPS = 64;
/** Loss weights live in [0, MAX_WEIGHT] (the training engine's bound). */
export const MAX_WEIGHT = 100;

export const CLASSIFIER_INPUT: Readonly<Record<ClassifierName, readonly [number, number, number]>> = {
  logistic: [28, 28, 1],
  cnn1: [28, 28, 1],
  cnn2: [28, 28, 1],
  cnn2p: [32, 32, 3],
};

const weight = z.number().min(0).max(MAX_WEIGHT);

export const WeightsSchema = z.strictObject({ alpha: weight, beta: weight, gamma: weight });

export const WeightRangeSchema = z
  .strictObject({ from: weight, to: weight, steps: z.int().min(1).max(MAX_STEPS) })
  .refine((r) => r.steps === 1 || r.from <= r.to, { message: 'from must not exceed to' });

export const WeightSetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid'), alpha: WeightRangeSchema, beta: WeightRangeSchema, gamma: WeightRangeSchema }),
  z.strictObject({ kind: z.literal('list'), points: z.array(WeightsSchema).min(1).max(MAX_POINTS) }),
]);

const seed = z.int().min(0).max(2 ** 31 - 1);

export const ExperimentConfigSchema = z
  .strictObject({
    /** The preset it started from ('custom' once edited away from every preset). */
    preset: z.enum(PRESET_IDS),
    /** 'browser': iteration counts scaled down to what a browser trains in minutes; 'paper': the paper's. */
    budget: z.enum(BUDGETS),
    dataset: z.enum(DATASET_NAMES),
    task: z.enum(TASKS),
    /** Noise std of the denoising task, pixels in [0, 1] (unused by SR, whose factor is the dataset's). */
    sigma: z.number().positive().max(4),
    classifier: z.enum(CLASSIFIERS),
    restorer: z.enum(RESTORER_PRESETS),
    critic: z.enum(CRITICS),
    iterations: z.int().min(1).max(1_000_000),
    batchSize: z.int().min(1).max(1024),
    seed,
    /** The point in training is re-evaluated every this many iterations (the live moving point); 0: only at the end. */
    evalEvery: z.int().min(0).max(1_000_000),
    /** Size of the fixed degraded test subset every evaluation uses. */
    evalCount: z.int().min(10).max(10_000),
    /** Budget of the independent evaluation critic that measures P, in critic steps. */
    evalCriticSteps: z.int().min(0).max(100_000),
    /**
     * Iterations of one MSE-only restorer (beta = gamma = 0) trained once per
     * sweep, from which every point starts; 0: each point from scratch. Files
     * and links from before this key trained from scratch, hence the default.
     */
    warmStart: z.int().min(0).max(1_000_000).default(0),
    /**
     * Training-critic steps per restorer iteration at points with beta > 0
     * (none train at beta = 0). Files and links from before this key used the
     * paper's 5, hence the default.
     */
    criticSteps: z.int().min(1).max(100).default(5),
    /** Keep each finished point's restorer weights too (they are large). */
    saveWeights: z.boolean(),
    weights: WeightSetSchema,
  })
  .superRefine((c, ctx) => {
    const info = DATASETS.find((d) => d.name === c.dataset);
    const want = CLASSIFIER_INPUT[c.classifier];
    if (info && (info.height !== want[0] || info.width !== want[1] || info.channels !== want[2])) {
      ctx.addIssue({
        code: 'custom',
        path: ['classifier'],
        message: `${c.classifier} takes ${want.join('x')} images; ${info.title} has ${info.height}x${info.width}x${info.channels}`,
      });
    }
    const n = pointCount(c.weights as WeightSet);
    if (n > MAX_POINTS) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `${n} points; at most ${MAX_POINTS} per sweep` });
    }
  });

export type ExperimentConfig = z.infer<typeof ExperimentConfigSchema>;

/** A field path as code would write it: points[3].metrics.C. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out === '' ? String(k) : `.${String(k)}`;
  return out || '(top)';
}

/** One line per zod issue, "path: message", for notices and import errors. */
export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((i) => `${formatPath(i.path)}: ${i.message}`);
  if (error.issues.length > max) lines.push(`and ${error.issues.length - max} more`);
  return lines.join('; ');
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export function checkConfig(input: unknown): Checked<ExperimentConfig> {
  const r = ExperimentConfigSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: describeIssues(r.error) };
}
