/**
 * npm run study:grad-balance [-- --presets exp1,exp2,exp3,exp4 --batches 8 --critic-steps 300]
 *
 * Where do the loss terms trade? At each preset's shipped MSE warm start (the
 * restorer every browser-budget point and every conditional model starts
 * from), the norm of the gradient, over the restorer's weights, of each term
 * alone: MSE, the cross-entropy of c0 on the restored images, and the
 * adversarial term -mean critic(X^) of a critic trained against the warm
 * start for --critic-steps steps (the preset's critic, lr and clipping).
 * Averaged over --batches training batches. gamma* = |grad MSE| / |grad CE| and
 * beta* = |grad MSE| / |grad adv| are the weights at which each term's pull
 * equals the MSE's: the ranges of the conditional models span them by
 * decades on both sides (src/experiments/conditionalPresets.ts). Writes
 * public/models/grad-balance.json, which npm run eval:conditional quotes in
 * each conditional model's card.
 */
import * as tf from '@tensorflow/tfjs';
import { writeFileSync } from 'node:fs';
import { presetById, withBudget } from '../src/experiments/presets';
import { trainConfigFor } from '../src/experiments/sweep/trainConfig';
import { loadShippedWarmStart, readWarmIndex } from '../src/train/shippedWarm';
import { crossEntropy, mse } from '../src/train/losses';
import { Trainer } from '../src/train/trainer';
import { warmStartKey } from '../src/train/warmStart';
import { BatchSampler } from '../src/train/taskData';
import { subSeed } from '../src/models/build';
import { loadTask } from './conditionalTask';
import { fileEnv, useBackend } from './nodeTf';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};

export interface GradBalanceRow {
  readonly preset: string;
  readonly classifier: string;
  readonly task: string;
  readonly mse: number;
  readonly ce: number;
  readonly adv: number;
  readonly gammaStar: number;
  readonly betaStar: number;
}

export interface GradBalanceFile {
  readonly date: string;
  readonly command: string;
  readonly batches: number;
  readonly criticSteps: number;
  readonly rows: readonly GradBalanceRow[];
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const presets = arg('presets', 'exp1,exp2,exp3,exp4').split(',');
  const batches = Number(arg('batches', '8'));
  const criticSteps = Number(arg('critic-steps', '300'));
  const measured: GradBalanceRow[] = [];
  const rows: string[] = ['| preset | c0 | task | grad MSE | grad CE | grad adv | gamma* = MSE/CE | beta* = MSE/adv |', '|---|---|---|--:|--:|--:|--:|--:|'];
  for (const id of presets) {
    const p = presetById(id as never)!;
    const c = withBudget(p.config, 'browser');
    const cfg = { ...trainConfigFor(c, { alpha: 1, beta: 1, gamma: 1 }), criticSteps: 1 };
    const task = await loadTask('public/data', 'public/models', c, cfg);
    const src = { base: 'public/models', fetch: fileEnv.fetch };
    const entry = (await readWarmIndex(src)).warmStarts.find((w) => w.key === warmStartKey(c.dataset, cfg))!;
    const warm = await loadShippedWarmStart(src, entry, cfg, task.shape);
    // The trainer's critic, trained against the frozen warm start.
    const t = new Trainer(cfg, task.data, task.classifier, warm);
    for (let i = 0; i < criticSteps; i++) t.criticStep();
    const sampler = new BatchSampler(task.data, subSeed(99, 3));
    const sums = { mse: 0, ce: 0, adv: 0 };
    for (let b = 0; b < batches; b++) {
      const batch = sampler.next(cfg.batchSize);
      const norms = tf.tidy(() => {
        const shape: [number, number, number, number] = [batch.count, ...task.shape];
        const x = tf.tensor4d(batch.clean, shape);
        const y = batch.degraded ? tf.tensor4d(batch.degraded, shape) : tf.add(x, tf.randomNormal(shape, 0, cfg.sigma, 'float32', batch.noiseSeed));
        const labels = tf.tensor1d(batch.labels, 'int32');
        const norm = (f: () => tf.Scalar) => {
          const { grads } = tf.variableGrads(f, t.restorer.weights);
          return Math.sqrt(Object.values(grads).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0));
        };
        const out = () => t.restorer.apply(y, { training: true });
        return {
          mse: norm(() => mse(out(), x)),
          ce: norm(() => crossEntropy(task.classifier.apply(out(), { training: false }), labels)),
          adv: norm(() => tf.neg(tf.mean(t.critic.apply(out(), { training: true }))) as tf.Scalar),
        };
      });
      sums.mse += norms.mse / batches;
      sums.ce += norms.ce / batches;
      sums.adv += norms.adv / batches;
    }
    measured.push({ preset: id, classifier: c.classifier, task: c.task, mse: sums.mse, ce: sums.ce, adv: sums.adv, gammaStar: sums.mse / sums.ce, betaStar: sums.mse / sums.adv });
    rows.push(
      `| ${id} | ${c.classifier} | ${c.task} | ${sums.mse.toFixed(4)} | ${sums.ce.toFixed(3)} | ${sums.adv.toFixed(4)} | ${(sums.mse / sums.ce).toFixed(4)} | ${(sums.mse / sums.adv).toFixed(3)} |`,
    );
    console.log(rows.at(-1));
    t.dispose();
    tf.dispose([...warm.values()]);
    task.classifier.dispose();
  }
  console.log(rows.join('\n'));
  const file: GradBalanceFile = {
    date: new Date().toISOString().slice(0, 10),
    command: ['npm run study:grad-balance', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    batches,
    criticSteps,
    rows: measured,
  };
  writeFileSync('public/models/grad-balance.json', JSON.stringify(file, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('grad-balance.ts')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
