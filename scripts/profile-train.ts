/**
 * npm run bench:profile [-- --preset paper|fast] [--batch 50] [--backend wasm|cpu] [--critic-steps 5] [--classifier cnn1]
 *
 * Where one training iteration (5 critic steps + 1 restorer step, the bench's
 * setup) spends its time, per tfjs kernel: tf.profile's kernel times summed
 * by kernel name and input shape class, largest first. Used to decide which
 * ops to replace; the table goes in the closing note of speed work.
 */
import * as tf from '@tensorflow/tfjs';
import { buildNet } from '../src/models/build';
import { classifierSpec, type Preset } from '../src/models/zoo';
import { DEFAULT_CONFIG } from '../src/train/config';
import { squaresSet } from '../src/train/fixtures';
import { makeTaskData } from '../src/train/taskData';
import { Trainer } from '../src/train/trainer';
import { useBackend } from './nodeTf';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}

async function main(): Promise<void> {
  const preset = arg('preset', 'paper') as Preset;
  const batch = Number(arg('batch', '50'));
  await useBackend(arg('backend', 'wasm'));
  const data = makeTaskData(squaresSet(2 * batch, 28, 10, 1), squaresSet(16, 28, 10, 2), { task: 'denoise', sigma: 1, srPad: 1, srFactor: 6, evalCount: 16 });
  const classifier = buildNet(classifierSpec(arg('classifier', 'cnn1') as 'cnn1'), 1, false);
  const criticSteps = Number(arg('critic-steps', '5'));
  const trainer = new Trainer({ ...DEFAULT_CONFIG, preset, batchSize: batch, criticSteps, iterations: 1_000_000 }, data, classifier);
  trainer.step('both');
  await trainer.readLosses();
  const t0 = performance.now();
  const info = await tf.profile(async () => {
    trainer.step('both');
    await trainer.readLosses();
  });
  const wall = performance.now() - t0;
  const by = new Map<string, { ms: number; n: number }>();
  let sum = 0;
  for (const k of info.kernels) {
    // Scopes (customGrad's forward/backward) nest real kernels: count kernels only.
    if (tf.getKernel(k.name, tf.getBackend()) === undefined) continue;
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    sum += ms;
    const shapes = k.inputShapes.map((s) => (s ? s.join('x') : '-')).join(' , ');
    const key = `${k.name} | ${shapes}`;
    const e = by.get(key) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n++;
    by.set(key, e);
  }
  const byName = new Map<string, number>();
  for (const [key, e] of by) byName.set(key.split(' | ')[0], (byName.get(key.split(' | ')[0]) ?? 0) + e.ms);
  console.log(`${tf.getBackend()} ${preset} batch ${batch}: wall ${wall.toFixed(0)} ms (profiled), kernels ${sum.toFixed(0)} ms in ${info.kernels.length} calls`);
  console.log('\n| kernel | ms | share |\n|---|---:|---:|');
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${name} | ${ms.toFixed(0)} | ${((100 * ms) / sum).toFixed(1)}% |`);
  console.log('\n| kernel | input shapes | calls | ms |\n|---|---|---:|---:|');
  for (const [key, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
    const [name, shapes] = key.split(' | ');
    console.log(`| ${name} | ${shapes} | ${e.n} | ${e.ms.toFixed(0)} |`);
  }
  trainer.dispose();
  classifier.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
