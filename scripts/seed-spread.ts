/**
 * npm run study:seed-spread [-- --presets exp1,exp3,exp4 --seeds 1,2,3 --points sweep --out FILE]
 *
 * How much do a browser-budget point's D, P and C move between training
 * seeds? For each preset, at two points where the loss terms are active,
 * the fixed-weight Trainer (src/train/trainer.ts) trains the point from the
 * shipped MSE warm start with each seed (the seed draws the critic's initial
 * weights, the batch order and the training noise; the warm start and the
 * evaluation (test images, noise, evaluation critic seed) stay fixed), then
 * evaluatePoint measures it as a sweep does. Prints, per point, the values
 * per seed and their SD next to the sample SEs, and writes the per-preset
 * maxima as JSON (the numbers TRAINING_SEED_SD in
 * src/train/standardErrors.ts holds). Node, tfjs wasm, one thread.
 *
 * --points sweep: every point of the preset's shipped sweep instead of the
 * two, so the file also holds each point's seed mean: the reference a
 * conditional model is validated against where one seed's D moves more
 * than the 5% tolerance (npm run eval:conditional -- --seed-means FILE).
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { presetById, withBudget } from '../src/experiments/presets';
import { trainConfigFor } from '../src/experiments/sweep/trainConfig';
import { expandWeights, type Weights } from '../src/experiments/weights';
import { evaluatePoint } from '../src/train/evaluate';
import { evalCriticConfig } from '../src/train/service';
import { loadShippedWarmStart, readWarmIndex } from '../src/train/shippedWarm';
import { Trainer } from '../src/train/trainer';
import { warmStartKey } from '../src/train/warmStart';
import { loadTask } from './conditionalTask';
import { fileEnv, useBackend } from './nodeTf';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};

export const SEED_POINTS: Readonly<Record<string, readonly Weights[]>> = {
  exp1: [
    { alpha: 1, beta: 0, gamma: 1 },
    { alpha: 1, beta: 1, gamma: 2 },
  ],
  exp2: [
    { alpha: 1, beta: 0.5, gamma: 0.5 },
    { alpha: 1, beta: 1, gamma: 0.5 },
  ],
  exp3: [
    { alpha: 1, beta: 0, gamma: 1 },
    { alpha: 1, beta: 1, gamma: 2 },
  ],
  exp4: [
    { alpha: 1, beta: 0, gamma: 0.02 },
    { alpha: 1, beta: 0.2, gamma: 0.02 },
  ],
};

const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

async function main(): Promise<void> {
  await useBackend('wasm');
  const presets = arg('presets', 'exp1,exp3,exp4').split(',');
  const seeds = arg('seeds', '1,2,3').split(',').map(Number);
  const out = arg('out', 'node_modules/.cache/seed-spread.json');
  const result: Record<string, { D: number; P: number; C: number; points: unknown[] }> = {};
  for (const id of presets) {
    const p = presetById(id as never);
    if (!p) throw new Error(`no preset ${id}`);
    const c = withBudget(p.config, 'browser');
    const base = trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0 });
    const task = await loadTask('public/data', 'public/models', c, base);
    const src = { base: 'public/models', fetch: fileEnv.fetch };
    const entry = (await readWarmIndex(src)).warmStarts.find((w) => w.key === warmStartKey(c.dataset, base));
    if (!entry) throw new Error(`${id}: no shipped warm start`);
    const warm = await loadShippedWarmStart(src, entry, base, task.shape);
    const maxima = { D: 0, P: 0, C: 0 };
    const points: unknown[] = [];
    const targets = arg('points', 'two') === 'sweep' ? expandWeights(p.config.weights) : SEED_POINTS[id];
    for (const w of targets) {
      const rows: { seed: number; D: number; P: number; C: number; Pse: number; Cse: number; seconds: number }[] = [];
      for (const seed of seeds) {
        const t0 = performance.now();
        // The evaluation stays the sweep's: the seed changes training only.
        const cfg = { ...trainConfigFor(c, w), seed };
        const trainer = new Trainer(cfg, task.data, task.classifier, warm);
        try {
          while (trainer.iteration < cfg.iterations) {
            trainer.step('both');
            if (trainer.iteration % 50 === 0 && !(await trainer.readLosses()).finite) throw new Error(`${id} ${JSON.stringify(w)} seed ${seed}: NaN`);
          }
          const e = await evaluatePoint(
            { test: task.data.test, inputShape: task.shape, classifier: task.classifier },
            { kind: 'restorer', iteration: trainer.iteration, weights: w, restorer: trainer.restorer, critic: evalCriticConfig(trainConfigFor(c, w), task.shape) },
          );
          rows.push({ seed, D: e.D, P: e.P, C: e.C, Pse: e.Pse, Cse: e.Cse, seconds: (performance.now() - t0) / 1000 });
          console.log(`${id} b${w.beta} g${w.gamma} seed ${seed}: D ${e.D.toFixed(4)} P ${e.P.toFixed(3)} ± ${e.Pse.toFixed(3)} C ${e.C.toFixed(4)} ± ${e.Cse.toFixed(4)} (${rows.at(-1)!.seconds.toFixed(0)} s)`);
        } finally {
          trainer.dispose();
        }
      }
      const s = { D: sd(rows.map((r) => r.D)), P: sd(rows.map((r) => r.P)), C: sd(rows.map((r) => r.C)) };
      console.log(`${id} b${w.beta} g${w.gamma}: seed SD D ${s.D.toFixed(4)} P ${s.P.toFixed(3)} C ${s.C.toFixed(4)}; sample SE P ${rows[0].Pse.toFixed(3)} C ${rows[0].Cse.toFixed(4)}`);
      maxima.D = Math.max(maxima.D, s.D);
      maxima.P = Math.max(maxima.P, s.P);
      maxima.C = Math.max(maxima.C, s.C);
      points.push({ weights: w, rows, sd: s });
    }
    tf.dispose([...warm.values()]);
    task.classifier.dispose();
    result[id] = { ...maxima, points };
    writeFileSync(out, JSON.stringify(result, null, 1));
  }
  console.log(JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, { D: v.D, P: v.P, C: v.C }]))));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
