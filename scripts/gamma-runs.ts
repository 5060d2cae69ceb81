/**
 * npx tsx scripts/gamma-runs.ts ITERATIONS GAMMA [GAMMA ...]   (CLF=logistic|cnn1|cnn2)
 *
 * Does the classification weight lower C, and after how many iterations?
 * Trains the fast MNIST denoiser (sigma 1, beta 0, batch 25, lr 1e-3 dropped
 * once at 3/4, as the browser budget) in Node on wasm for each gamma and
 * prints D and C on the 500 evaluation images every 100 iterations. It is how
 * the browser budget's gamma behaviour was checked (README, Experiments).
 */
import * as tf from '@tensorflow/tfjs';
import { Trainer } from '../src/train/trainer';
import { DEFAULT_CONFIG } from '../src/train/config';
import { makeTaskData } from '../src/train/taskData';
import { readDataset, readNetFromDir, useBackend } from './nodeTf';

await useBackend('wasm');
const clfName = process.env.CLF ?? 'logistic';
const { net: clf } = readNetFromDir(`public/models/${clfName}`);
const ds = await readDataset('public/data', 'mnist');
const data = makeTaskData(ds.train, ds.test, { task: 'denoise', sigma: 1, srPad: 0, srFactor: 1, evalCount: 500 });
const iters = Number(process.argv[2]);
const test = tf.tensor4d(data.test.degraded, [500, 28, 28, 1]);
const clean = tf.tensor4d(data.test.clean, [500, 28, 28, 1]);
const labels = tf.tensor1d(data.test.labels, 'int32');
for (const gamma of process.argv.slice(3).map(Number)) {
  const t0 = Date.now();
  const t = new Trainer({ ...DEFAULT_CONFIG, alpha: 1, beta: 0, gamma, criticSteps: 0, batchSize: 25, iterations: iters, lrDecayEvery: Math.round(0.75 * iters), mseWarmup: 2 }, data, clf);
  const line: string[] = [];
  for (let i = 1; i <= iters; i++) {
    t.step('both');
    if (i % 100 === 0 || i === iters) {
      const [D, C] = tf.tidy(() => {
        const out = t.restorer.apply(test, { training: false });
        const logits = clf.apply(out, { training: false });
        return [tf.mean(tf.squaredDifference(out, clean)).dataSync()[0], tf.mean(tf.cast(tf.notEqual(tf.argMax(logits, 1), labels), 'float32')).dataSync()[0]];
      });
      line.push(`${i}: D ${D.toFixed(4)} C ${C.toFixed(3)}`);
    }
  }
  console.log(`${clfName} gamma ${gamma} (${((Date.now() - t0) / 1000).toFixed(0)} s): ${line.join(' | ')}`);
  t.dispose();
}
