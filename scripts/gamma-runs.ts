/**
 * npx tsx scripts/gamma-runs.ts ITERATIONS GAMMA [GAMMA ...]
 *   env: CLF=logistic|cnn1|cnn2, WARM=N (shared MSE warm start, 0 = none; SHIPPED=1 loads the shipped one of that key instead of training it), BETA=b, CRITIC=k (critic steps per iteration when BETA > 0, default 5), COUNT=n (evaluation images, default 1,000)
 *
 * Does the classification weight lower C, and after how many iterations?
 * Trains the fast MNIST denoiser (sigma 1, batch 25, lr 1e-3 dropped once at
 * 3/4, as the browser budget) in Node on wasm for each gamma, optionally
 * from one MSE-only warm start (the app's own trainWarmStart), and prints D,
 * C and the classifier's CE on 1,000 evaluation images every 100 iterations.
 * It is how the browser budget's warm start was chosen (README, Experiments).
 */
import * as tf from '@tensorflow/tfjs';
import { Trainer } from '../src/train/trainer';
import { DEFAULT_CONFIG } from '../src/train/config';
import { crossEntropy, errorRate } from '../src/train/losses';
import { makeTaskData } from '../src/train/taskData';
import { loadShippedWarmStart, readWarmIndex } from '../src/train/shippedWarm';
import { trainWarmStart, warmStartKey } from '../src/train/warmStart';
import { fileEnv, readDataset, readNetFromDir, useBackend } from './nodeTf';

await useBackend('wasm');
const clfName = process.env.CLF ?? 'logistic';
const warm = Number(process.env.WARM ?? 0);
const beta = Number(process.env.BETA ?? 0);
const { net: clf } = readNetFromDir(`public/models/${clfName}`);
const ds = await readDataset('public/data', 'mnist');
const count = Number(process.env.COUNT ?? 1000);
const data = makeTaskData(ds.train, ds.test, { task: 'denoise', sigma: 1, srPad: 0, srFactor: 1, evalCount: count });
const iters = Number(process.argv[2]);
const test = tf.tensor4d(data.test.degraded, [count, 28, 28, 1]);
const clean = tf.tensor4d(data.test.clean, [count, 28, 28, 1]);
const labels = tf.tensor1d(data.test.labels, 'int32');
const cfg = { ...DEFAULT_CONFIG, alpha: 1, beta, criticSteps: beta > 0 ? Number(process.env.CRITIC ?? 5) : 0, batchSize: 25, iterations: iters, lrDecayEvery: Math.round(0.75 * iters), mseWarmup: 2, warmStart: warm };

const measure = (net: Trainer['restorer']) =>
  tf.tidy(() => {
    const out = net.apply(test, { training: false });
    const logits = clf.apply(out, { training: false });
    const [D, C, CE] = [tf.mean(tf.squaredDifference(out, clean)), errorRate(logits, labels), crossEntropy(logits, labels)].map((t) => t.dataSync()[0]);
    return `D ${D.toFixed(4)} C ${C.toFixed(3)} CE ${CE.toFixed(3)}`;
  });

let t0 = Date.now();
async function shippedBase() {
  const src = { base: 'public/models', fetch: fileEnv.fetch };
  const key = warmStartKey('mnist', cfg);
  const entry = (await readWarmIndex(src)).warmStarts.find((e) => e.key === key);
  if (!entry) throw new Error(`no shipped warm start has the key ${key}`);
  return loadShippedWarmStart(src, entry, cfg, [28, 28, 1]);
}
const base = warm <= 0 ? null : process.env.SHIPPED === '1' ? await shippedBase() : await trainWarmStart(cfg, data, clf, { stopped: false, paused: false });
if (base) console.log(`warm start ${warm} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
for (const gamma of process.argv.slice(3).map(Number)) {
  t0 = Date.now();
  const t = new Trainer({ ...cfg, gamma }, data, clf, base);
  const line: string[] = [`0: ${measure(t.restorer)}`];
  for (let i = 1; i <= iters; i++) {
    t.step('both');
    if (i % 100 === 0 || i === iters) line.push(`${i}: ${measure(t.restorer)}`);
  }
  console.log(`${clfName} warm ${warm} beta ${beta} gamma ${gamma} (${((Date.now() - t0) / 1000).toFixed(0)} s): ${line.join(' | ')}`);
  t.dispose();
}
