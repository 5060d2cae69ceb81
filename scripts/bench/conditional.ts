import * as tf from '@tensorflow/tfjs';
import { datasetInfo } from '../../src/data/catalog';
import { CONDITIONAL_PRESETS, denseGridPoints, experimentPresetOf, type ConditionalPreset, type CondPresetId } from '../../src/experiments/conditionalPresets';
import { scaledSchedule, withBudget } from '../../src/experiments/presets';
import { trainConfigFor } from '../../src/experiments/sweep/trainConfig';
import { buildNet } from '../../src/models/build';
import { buildCondNet, type CondNet } from '../../src/models/conditional';
import { condNetFromFiles } from '../../src/models/condIo';
import type { ConditionRanges } from '../../src/models/conditioning';
import { classifierSpec, type ClassifierName } from '../../src/models/zoo';
import type { TrainConfig } from '../../src/train/config';
import { conditionalSamples } from '../../src/train/conditional/evaluateGrid';
import { condRestorerSpec } from '../../src/train/conditional/shipped';
import type { EvalInputs } from '../../src/train/evaluate';
import { CondTrainer } from '../../src/train/conditional/trainer';
import { squaresSet } from '../../src/train/fixtures';
import { makeTaskData } from '../../src/train/taskData';
import { Trainer } from '../../src/train/trainer';

/**
 * The cells of `npm run bench:conditional` (scripts/bench-conditional.ts),
 * shared by Node and the bench page (scripts/benchPage): no Node APIs here.
 *
 * benchCondPair: one MNIST conditional preset (Exp-1 to Exp-4: its restorer,
 * critic, c0 and task; batch and critic steps of CONDITIONAL_PRESETS) trained
 * two ways side by side on synthetic squares (src/train/fixtures.ts, as
 * src/train/bench.ts; the cost of an iteration does not depend on the
 * pixels): Trainer.step('both') at one fixed (beta, gamma), both nonzero, and
 * CondTrainer.step() with weights drawn per example. Each timed iteration
 * ends with the loss read-back. After the warm-up, the two alternate
 * (fixed then conditional, then the other order), so that load drifting
 * during the run hits both alike; the result holds every timed iteration.
 *
 * benchCondForward: what one slider move costs: conditionalSamples
 * (src/train/conditional/evaluateGrid.ts, what slide mode's worker runs per
 * move: the 16 degraded test digits uploaded, the conditional restorer at the
 * slider's setting in eval mode, the read-back of the pixels with await
 * data()), with shipped weights or an untrained net of the same spec,
 * cycling through the preset's dense grid so each run sees a new setting.
 */

export const COND_BENCH_INPUT: [number, number, number] = [28, 28, 1];

export interface CondPairRequest {
  readonly preset: CondPresetId;
  /** Timed iterations of each trainer. */
  readonly reps: number;
  /** Untimed iterations of each trainer first. */
  readonly warmup: number;
}

export interface CondPairResult {
  readonly preset: CondPresetId;
  readonly backend: string;
  readonly task: TrainConfig['task'];
  readonly classifier: string;
  readonly restorer: TrainConfig['preset'];
  readonly criticMode: TrainConfig['criticMode'];
  readonly batch: number;
  readonly criticSteps: number;
  /** The fixed-weight trainer's setting (alpha 1). */
  readonly fixed: { readonly beta: number; readonly gamma: number };
  readonly fixedMs: number[];
  readonly condMs: number[];
  /** The first warm-up iteration of each (kernel set-up and compilation included). */
  readonly fixedFirstMs: number;
  readonly condFirstMs: number;
}

function condPreset(id: string): ConditionalPreset {
  const cp = CONDITIONAL_PRESETS.find((p) => p.id === id);
  if (!cp) throw new Error(`bench:conditional: no conditional preset ${id} (known: ${CONDITIONAL_PRESETS.map((p) => p.id).join(', ')})`);
  return cp;
}

/** The fixed-weight setting the conditional one is compared with: the geometric middle of each ratio's range (nonzero, so no term is skipped). */
export function fixedSetting(ranges: ConditionRanges): { beta: number; gamma: number } {
  const mid = (r: { lo: number; hi: number }) => Number(Math.sqrt(r.lo * r.hi).toPrecision(2));
  return { beta: mid(ranges.beta), gamma: mid(ranges.gamma) };
}

/** The preset's training config as scripts/pretrain-conditional.ts builds it, at the fixed setting. */
export function condBenchConfig(cp: ConditionalPreset): { cfg: TrainConfig; classifier: ClassifierName } {
  const ep = experimentPresetOf(cp);
  const c = withBudget(ep.config, 'browser');
  const fixed = fixedSetting(cp.ranges);
  const iterations = 1_000_000;
  const base = trainConfigFor(c, { alpha: 1, ...fixed });
  const cfg: TrainConfig = { ...base, iterations, batchSize: cp.batchSize, criticSteps: cp.criticSteps, seed: cp.seed, ...scaledSchedule(iterations), mseWarmup: 0 };
  return { cfg, classifier: c.classifier };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
export { median };

export async function benchCondPair(req: CondPairRequest): Promise<CondPairResult> {
  const cp = condPreset(req.preset);
  const { cfg, classifier: c0 } = condBenchConfig(cp);
  const info = datasetInfo('mnist');
  const train = squaresSet(Math.max(2 * cfg.batchSize, 64), COND_BENCH_INPUT[0], 10, 1);
  const test = squaresSet(16, COND_BENCH_INPUT[0], 10, 2);
  const data = makeTaskData(train, test, { task: cfg.task, sigma: cfg.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: 16 });
  const classifier = buildNet(classifierSpec(c0), 1, false);
  let fixed: Trainer | null = null;
  let cond: CondTrainer | null = null;
  try {
    fixed = new Trainer(cfg, data, classifier);
    cond = new CondTrainer(cfg, data, classifier, { ranges: cp.ranges });
    const f = fixed;
    const c = cond;
    const timeFixed = async () => {
      const t0 = performance.now();
      f.step('both');
      await f.readLosses();
      return performance.now() - t0;
    };
    const timeCond = async () => {
      const t0 = performance.now();
      c.step();
      await c.readLosses();
      return performance.now() - t0;
    };
    let fixedFirstMs = NaN;
    let condFirstMs = NaN;
    for (let i = 0; i < Math.max(1, req.warmup); i++) {
      const a = await timeFixed();
      const b = await timeCond();
      if (i === 0) [fixedFirstMs, condFirstMs] = [a, b];
    }
    const fixedMs: number[] = [];
    const condMs: number[] = [];
    for (let i = 0; i < req.reps; i++) {
      if (i % 2 === 0) {
        fixedMs.push(await timeFixed());
        condMs.push(await timeCond());
      } else {
        condMs.push(await timeCond());
        fixedMs.push(await timeFixed());
      }
    }
    return {
      preset: cp.id,
      backend: tf.getBackend(),
      task: cfg.task,
      classifier: c0,
      restorer: cfg.preset,
      criticMode: cfg.criticMode,
      batch: cfg.batchSize,
      criticSteps: cfg.criticSteps,
      fixed: fixedSetting(cp.ranges),
      fixedMs,
      condMs,
      fixedFirstMs,
      condFirstMs,
    };
  } finally {
    fixed?.dispose();
    cond?.dispose();
    classifier.dispose();
  }
}

/** A shipped conditional restorer as its two files (the weights base64-encoded, so they cross page.evaluate as a string). */
export interface CondModelFiles {
  readonly dir: string;
  readonly json: unknown;
  readonly weightsBase64: string;
  /** The card's ranges (the features of a setting depend on them), task and restorer preset (its spec). */
  readonly ranges: ConditionRanges;
  readonly task: TrainConfig['task'];
  readonly restorer: TrainConfig['preset'];
}

export interface CondForwardRequest {
  readonly preset: CondPresetId;
  /** Timed runs (p50/p95 over them). */
  readonly runs: number;
  readonly warmup: number;
  /** The 16 degraded inputs, [16, 28, 28, 1] row-major. */
  readonly inputs: readonly number[];
  /** Absent: an untrained conditional net of the same spec. */
  readonly model?: CondModelFiles;
}

export interface CondForwardResult {
  readonly preset: CondPresetId;
  readonly backend: string;
  readonly count: number;
  readonly shipped: boolean;
  readonly ms: number[];
  readonly settings: number;
}

function decodeBase64(s: string): ArrayBuffer {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

export async function benchCondForward(req: CondForwardRequest): Promise<CondForwardResult> {
  const cp = condPreset(req.preset);
  const { cfg, classifier: c0 } = condBenchConfig(cp);
  const spec = condRestorerSpec(req.model ? { task: req.model.task, preset: req.model.restorer } : cfg, COND_BENCH_INPUT);
  const per = COND_BENCH_INPUT[0] * COND_BENCH_INPUT[1] * COND_BENCH_INPUT[2];
  const count = req.inputs.length / per;
  if (!Number.isInteger(count) || count < 1) throw new Error(`bench:conditional: ${req.inputs.length} input values are not whole 28x28 images`);
  const net: CondNet = req.model ? await condNetFromFiles(req.model.json, decodeBase64(req.model.weightsBase64), spec, req.model.dir) : buildCondNet(spec, 1, false);
  const ranges = req.model?.ranges ?? cp.ranges;
  const settings = denseGridPoints(cp);
  const degraded = Float32Array.from(req.inputs);
  // sampleGrid reads only the test images; c0 is there because EvalInputs holds it.
  const classifier = buildNet(classifierSpec(c0), 1, false);
  const inputs: EvalInputs = { test: { count, clean: degraded, degraded, labels: new Int32Array(count) }, inputShape: COND_BENCH_INPUT, classifier };
  try {
    const ms: number[] = [];
    for (let i = 0; i < req.warmup + req.runs; i++) {
      const w = settings[i % settings.length];
      const t0 = performance.now();
      await conditionalSamples(inputs, net, ranges, w, count);
      const dt = performance.now() - t0;
      if (i >= req.warmup) ms.push(dt);
    }
    return { preset: cp.id, backend: tf.getBackend(), count, shipped: Boolean(req.model), ms, settings: settings.length };
  } finally {
    classifier.dispose();
    net.dispose();
  }
}
