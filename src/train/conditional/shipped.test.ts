import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTask } from '../../../scripts/conditionalTask';
import { fileEnv, readNetFromDir } from '../../../scripts/nodeTf';
import { TrainService } from '../service';
import { CONDITIONAL_PRESETS, denseGridPoints, experimentPresetOf } from '../../experiments/conditionalPresets';
import { validateConditional } from '../../experiments/conditionalValidation';
import { parseExportText } from '../../experiments/exportFile';
import { withBudget } from '../../experiments/presets';
import { shippedSweepFor } from '../../experiments/shipped';
import { trainConfigFor } from '../../experiments/sweep/trainConfig';
import { expandWeights } from '../../experiments/weights';
import { lossRatios, ratioInRange } from '../../models/conditioning';
import { applyInBatches } from '../evaluate';
import { readWarmIndex, type ShippedSource } from '../shippedWarm';
import { binomialSe, combineSe, TRAINING_SEED_SD } from '../standardErrors';
import { warmStartKey } from '../warmStart';
import { conditionFeatures } from '../../models/conditioning';
import { condRestorerSpec, loadShippedConditional, readCondIndex, type ShippedConditional } from './shipped';

// The loss-conditional restorers shipped in public/models (npm run
// pretrain:conditional) and their dense grids in public/precomputed (npm run
// eval:conditional), against their presets, their cards, the fixed-weight
// sweeps they were validated on, and a fresh forward pass.

const MODELS = 'public/models';
const files: ShippedSource = { base: MODELS, fetch: fileEnv.fetch };
const SHAPE: [number, number, number] = [28, 28, 1];

/** The authors' own values (REFERENCE.md section 2) as (alpha, beta, gamma). */
const AUTHORS: Record<string, { alpha: number; beta: number; gamma: number }[]> = {
  exp2: [0.5, 0.6, 0.7, 0.8, 1].map((beta) => ({ alpha: 1, beta, gamma: 0.5 })),
  exp4: [
    { alpha: 1, beta: 0.03, gamma: 0.001 },
    { alpha: 1, beta: 0.04, gamma: 0.001 },
    ...[0.011, 0.015, 0.019].flatMap((beta) => [0, 0.005].map((gamma) => ({ alpha: 1, beta, gamma }))),
    ...[0, 0.1, 0.15, 0.2].flatMap((beta) => [0, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.02].map((gamma) => ({ alpha: 1, beta, gamma }))),
  ],
};

/**
 * Orderings of the fixed sweep a shipped model is known not to reproduce
 * (its card and the README say which): the test fails if a model loses more.
 * Exp-1: gamma 0 -> 1 lowers C by 2.1 SE of the difference at beta 0 in the
 * fixed sweep; the conditional model's C stays within its noise there.
 */
const KNOWN_ORDER_GAPS: Readonly<Record<string, number>> = { exp1: 1 };

let entries: readonly ShippedConditional[];

beforeAll(async () => {
  await tf.setBackend('wasm');
  entries = (await readCondIndex(files)).models;
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('shipped conditional restorers', () => {
  it('one per MNIST preset, each with the preset, ranges, budget and warm start it was made with', async () => {
    expect(entries.map((e) => e.id).sort()).toEqual(CONDITIONAL_PRESETS.map((p) => p.id).sort());
    const warm = (await readWarmIndex(files)).warmStarts;
    for (const cp of CONDITIONAL_PRESETS) {
      const e = entries.find((x) => x.id === cp.id)!;
      const c = withBudget(experimentPresetOf(cp).config, 'browser');
      const base = trainConfigFor(c, { alpha: 1, beta: 1, gamma: 1 });
      expect([e.dir, e.iterations, e.batchSize, e.criticSteps, e.seed, e.classifier, e.task, e.preset, e.criticMode]).toEqual([
        cp.dir,
        cp.iterations,
        cp.batchSize,
        cp.criticSteps,
        cp.seed,
        c.classifier,
        c.task,
        c.restorer,
        c.critic,
      ]);
      expect(e.ranges).toEqual(cp.ranges);
      expect(e.warmStart.key).toBe(warmStartKey(c.dataset, base));
      expect(warm.find((w) => w.key === e.warmStart.key)?.dir).toBe(e.warmStart.dir);
      const json = JSON.parse(readFileSync(`${MODELS}/${e.dir}/model.json`, 'utf8'));
      expect(json.userDefinedMetadata.conditional).toEqual(e);
      expect(json.modelTopology.spec).toEqual(condRestorerSpec(e, SHAPE));
      const card = readFileSync(`${MODELS}/${e.dir}/card.md`, 'utf8');
      for (const s of [e.command, e.date, `${Math.round(e.trainSeconds)} s`, `CPU time ${Math.round(e.cpuSeconds)} s`, `${e.iterations.toLocaleString('en-US')} iterations`, 'Validation against the fixed-weight sweep']) expect(card).toContain(s);
      // Inside the 20-minute budget per preset, on one quiet core.
      expect(e.cpuSeconds).toBeLessThan(20 * 60);
      expect(statSync(`${MODELS}/${e.dir}/weights.bin`).size).toBeLessThan(300_000);
    }
  });

  it('their ranges cover the shipped grid, the dense grid and the authors’ own values', () => {
    for (const cp of CONDITIONAL_PRESETS) {
      const fixed = expandWeights(experimentPresetOf(cp).config.weights);
      for (const w of [...fixed, ...denseGridPoints(cp), ...(AUTHORS[cp.id] ?? [])]) {
        const r = lossRatios(w);
        expect(ratioInRange(r.beta, cp.ranges.beta) && ratioInRange(r.gamma, cp.ranges.gamma), `${cp.id} ${JSON.stringify(w)}`).toBe(true);
      }
      // Every point of the shipped sweep is a dense grid point (where validation happens).
      const dense = new Set(denseGridPoints(cp).map((w) => JSON.stringify(w)));
      for (const w of fixed) expect(dense.has(JSON.stringify(w)), `${cp.id} ${JSON.stringify(w)}`).toBe(true);
    }
  });

  it('refuse damaged files: a truncated weights.bin, a NaN weight, another network', async () => {
    const e = entries[0];
    const serve = (over: (url: string) => Response | null): ShippedSource => ({ base: MODELS, fetch: async (u) => over(u) ?? fileEnv.fetch(u) });
    const bin = readFileSync(`${MODELS}/${e.dir}/weights.bin`);
    const before = tf.memory().numTensors;
    await expect(loadShippedConditional(serve((u) => (u.endsWith('weights.bin') ? new Response(bin.subarray(0, 1000)) : null)), e, SHAPE)).rejects.toThrow(/bytes, expected/);
    const nan = Buffer.from(bin);
    nan.writeFloatLE(NaN, 8);
    await expect(loadShippedConditional(serve((u) => (u.endsWith('weights.bin') ? new Response(nan) : null)), e, SHAPE)).rejects.toThrow(/NaN or Inf/);
    await expect(loadShippedConditional(files, { ...e, task: e.task === 'sr' ? 'denoise' : 'sr' } as ShippedConditional, SHAPE)).rejects.toThrow(/another network/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the worker’s slide-mode calls: digits restored per setting, D and C as the dense file has them, no tensor left behind', async () => {
    const cp = CONDITIONAL_PRESETS[0];
    const c = withBudget(experimentPresetOf(cp).config, 'browser');
    const svc = new TrainService();
    const before = tf.memory().numTensors;
    await svc.loadData('public/data', 'mnist', fileEnv);
    const { net, card } = readNetFromDir(`${MODELS}/${c.classifier}`);
    svc.setClassifier(net, card);
    const entry = await svc.loadConditional(trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0 }), files, cp.id);
    expect(entry.id).toBe(cp.id);
    const a = await svc.conditionalSamples({ alpha: 1, beta: 0, gamma: 0 }, 16);
    const b = await svc.conditionalSamples({ alpha: 1, beta: 1, gamma: 2 }, 16);
    expect(a.count).toBe(16);
    expect(a.clean).toEqual(b.clean);
    let diff = 0;
    for (let i = 0; i < a.restored.length; i++) diff = Math.max(diff, Math.abs(a.restored[i] - b.restored[i]));
    expect(diff).toBeGreaterThan(0.05);
    // alpha scales out: (0.5, 0.5, 1) is the same restorer as (1, 1, 2).
    const half = await svc.conditionalSamples({ alpha: 0.5, beta: 0.5, gamma: 1 }, 16);
    expect(half.restored).toEqual(b.restored);
    const dense = parseExportText(readFileSync(`public/precomputed/dense-${cp.id}.json`, 'utf8'));
    if (!dense.ok) throw new Error(dense.reason);
    const at = dense.value.points.find((p) => p.weights.beta === 1 && p.weights.gamma === 2)!;
    const dc = await svc.conditionalDC({ alpha: 1, beta: 1, gamma: 2 });
    // Summed batch by batch in float64, where the evaluation takes one float32 mean over 1.6 million squares.
    expect(Math.abs(dc.D - at.metrics!.D) / at.metrics!.D).toBeLessThan(1e-3);
    expect(dc.C).toBeCloseTo(at.metrics!.C, 4);
    // A slider request meanwhile supersedes an exact pass in progress.
    const pending = svc.conditionalDC({ alpha: 1, beta: 0.5, gamma: 1 });
    await svc.conditionalSamples({ alpha: 1, beta: 0.2, gamma: 1 }, 16);
    await expect(pending).rejects.toThrow(/superseded/);
    await svc.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const cp of CONDITIONAL_PRESETS) {
    describe(`${cp.id} dense grid`, () => {
      const path = `public/precomputed/dense-${cp.id}.json`;
      const parsed = parseExportText(existsSync(path) ? readFileSync(path, 'utf8') : '');

      it('validates, is the preset’s evaluation at every dense grid point, and its SEs include the training-seed spread', () => {
        if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
        const { experiment, points } = parsed.value;
        const e = entries.find((x) => x.id === cp.id)!;
        const c = withBudget(experimentPresetOf(cp).config, 'browser');
        expect({ ...experiment.config, weights: null }).toEqual({ ...c, weights: null });
        expect(points.map((p) => p.weights)).toEqual(denseGridPoints(cp));
        expect(experiment.source).toMatchObject({ kind: 'conditional', model: e.dir, iterations: e.iterations });
        const sd = TRAINING_SEED_SD[cp.id];
        for (const p of points) {
          const m = p.metrics!;
          expect(p.status).toBe('done');
          expect(m.n).toBe(c.evalCount);
          expect(m.Dse).toBeCloseTo(sd.D, 4);
          expect(m.Cse!).toBeCloseTo(combineSe(binomialSe(m.C, m.n!), sd.C), 3);
          expect(m.Pse!).toBeGreaterThanOrEqual(sd.P - 1e-4);
          expect(m.D).toBeLessThan(experiment.baselines.identity!.D);
        }
      });

      it('holds its validation against the shipped fixed-weight sweep: at most one point misses, orderings kept', () => {
        if (!parsed.ok) throw new Error(parsed.reason);
        const fixed = parseExportText(readFileSync(`public/${shippedSweepFor(cp.id)!.file}`, 'utf8'));
        if (!fixed.ok) throw new Error(fixed.reason);
        const sd = TRAINING_SEED_SD[cp.id];
        const report = validateConditional(
          fixed.value.points.map((p) => ({ weights: p.weights, metrics: p.metrics! })),
          parsed.value.points.map((p) => ({ weights: p.weights, metrics: p.metrics! })),
          { fixed: sd, cond: { D: sd.D, P: 0, C: 0 } },
        );
        const stored = JSON.parse(readFileSync(`${MODELS}/${cp.dir}/validation.json`, 'utf8'));
        expect(stored.report).toEqual(JSON.parse(JSON.stringify(report)));
        expect(report.rows.length).toBe(fixed.value.points.length);
        expect(report.misses, JSON.stringify(report.rows.filter((r) => !r.ok))).toBeLessThanOrEqual(1);
        expect(report.orderMisses).toBeLessThanOrEqual(KNOWN_ORDER_GAPS[cp.id] ?? 0);
      });

      it('a fresh forward pass of the shipped weights gives the file’s D and C at grid points', async () => {
        if (!parsed.ok) throw new Error(parsed.reason);
        const e = entries.find((x) => x.id === cp.id)!;
        const c = withBudget(experimentPresetOf(cp).config, 'browser');
        const task = await loadTask('public/data', MODELS, c, trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0 }));
        const net = await loadShippedConditional(files, e, SHAPE);
        try {
          const pts = parsed.value.points;
          for (const p of [pts[0], pts[Math.floor(pts.length / 2)], pts[pts.length - 1]]) {
            const feats = conditionFeatures(e.ranges, [lossRatios(p.weights)]);
            const [D, C] = tf.tidy(() => {
              const t = task.data.test;
              const clean = tf.tensor4d(t.clean, [t.count, ...SHAPE]);
              const out = applyInBatches((x) => net.at(feats).apply(x, { training: false }), tf.tensor4d(t.degraded, [t.count, ...SHAPE]));
              const logits = applyInBatches((x) => task.classifier.apply(x, { training: false }), out as tf.Tensor4D);
              const err = tf.mean(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.tensor1d(t.labels, 'int32')), 'float32'));
              return [tf.mean(tf.squaredDifference(out, clean)).dataSync()[0], err.dataSync()[0]];
            });
            expect(D, `D at ${JSON.stringify(p.weights)}`).toBeCloseTo(p.metrics!.D, 5);
            expect(C, `C at ${JSON.stringify(p.weights)}`).toBeCloseTo(p.metrics!.C, 4);
          }
        } finally {
          net.dispose();
          task.classifier.dispose();
        }
      });
    });
  }
});
