/**
 * npm run study:eval-critic [-- --steps 25,50,100,200 --seeds 5 --variants lr=1e-3,batch=25 --out FILE]
 *
 * How many steps does the evaluation critic need? P = mean f(clean) -
 * mean f(restored) for an evaluation critic f trained from scratch on the
 * fixed degraded test subset of the browser budget's Exp-1 evaluation
 * (MNIST denoising, sigma 1, 1,000 test images, built by the same
 * makeTaskData the training service uses). Three restorers spanning the P
 * range of the shipped Exp-1 sweep are trained here with the real Trainer
 * from the browser budget's shared MSE warm start (1,200 iterations, then 300
 * at the point's weights, trainConfigFor as the sweep does) and cached under
 * node_modules/.cache/eval-critic-study, so reruns only evaluate. For each
 * critic budget and evaluation seed it runs evaluationCritic (the app's:
 * evalCriticConfig of src/train/service.ts) and prints, per budget, each
 * restorer's mean P and seed-to-seed SD, the mean sample SE given the critic
 * (sqrt(var f(real)/n + var f(fake)/n)), whether every seed ranks the
 * restorers the same, and ms per evaluation (tfjs wasm in Node).
 *
 * --variants runs extra critic settings (lr=X, batch=N, comma separated,
 * each one setting changed from the app's) at every budget.
 * --time-eval also times one full evaluatePoint (D, C and P) per budget.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetInfo } from '../src/data/catalog';
import { fnv1a64 } from '../src/experiments/ids';
import { EXPERIMENT_PRESETS } from '../src/experiments/presets';
import { applyInBatches, evaluatePoint, evaluationCritic, type EvalCriticConfig } from '../src/train/evaluate';
import { evalCriticConfig } from '../src/train/service';
import { makeTaskData } from '../src/train/taskData';
import { Trainer } from '../src/train/trainer';
import { trainWarmStart, warmStartKey } from '../src/train/warmStart';
import { trainConfigFor } from '../src/experiments/sweep/trainConfig';
import { readDataset, readNetFromDir, useBackend } from './nodeTf';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};
const STEPS = arg('steps', '25,50,100,200').split(',').map(Number);
const SEEDS = Number(arg('seeds', '5'));
const VARIANTS = arg('variants', '')
  .split(',')
  .filter(Boolean)
  .map((v) => {
    const [k, x] = v.split('=');
    if (k !== 'lr' && k !== 'batch') throw new Error(`--variants: ${v}: lr=X or batch=N`);
    return { label: v, k, x: Number(x) };
  });
const TIME_EVAL = process.argv.includes('--time-eval');
const OUT = arg('out', '');
const CACHE = 'node_modules/.cache/eval-critic-study';

/** Exp-1 points spanning the shipped sweep's P (0.45, 0.62, 2.47 there). */
const POINTS = [
  { label: 'b0.5 g0', alpha: 1, beta: 0.5, gamma: 0 },
  { label: 'b1 g0.5', alpha: 1, beta: 1, gamma: 0.5 },
  { label: 'b0 g0.5', alpha: 1, beta: 0, gamma: 0.5 },
];

await useBackend('wasm');
const exp = EXPERIMENT_PRESETS.find((p) => p.id === 'exp1')!.config;
const ds = await readDataset('public/data', exp.dataset);
const { net: clf } = readNetFromDir(`public/models/${exp.classifier}`);
const info = datasetInfo(exp.dataset);
// The service's TaskData (TrainService.taskDataFor): the same test subset and noise.
const data = makeTaskData(ds.train, ds.test, { task: exp.task, sigma: exp.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: exp.evalCount });
const shape: [number, number, number] = [data.height, data.width, data.channels];
const n = data.test.count;
console.log(`Exp-1 evaluation subset: ${n} test images, ${exp.task} sigma ${exp.sigma}, c0 ${exp.classifier}; backend ${tf.getBackend()}`);

// ---- restorers (cached) ----
mkdirSync(CACHE, { recursive: true });
type Saved = Record<string, { shape: number[]; data: string }>;
const toSaved = async (m: ReadonlyMap<string, tf.Tensor>): Promise<Saved> => {
  const out: Saved = {};
  for (const [k, v] of m) out[k] = { shape: v.shape, data: Buffer.from((await v.data()).buffer as ArrayBuffer).toString('base64') };
  return out;
};
const fromSaved = (s: Saved) =>
  new Map(Object.entries(s).map(([k, v]) => {
    const b = Buffer.from(v.data, 'base64');
    return [k, tf.tensor(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4), v.shape)] as const;
  }));
const cachePath = (key: string) => join(CACHE, `${fnv1a64(key)}.json`);
function readCache(key: string): Map<string, tf.Tensor> | null {
  const p = cachePath(key);
  if (!existsSync(p)) return null;
  const j = JSON.parse(readFileSync(p, 'utf8')) as { key: string; weights: Saved };
  return j.key === key ? fromSaved(j.weights) : null;
}
const writeCache = async (key: string, m: ReadonlyMap<string, tf.Tensor>) => writeFileSync(cachePath(key), JSON.stringify({ key, weights: await toSaved(m) }));

const cfg0 = trainConfigFor(exp, POINTS[0]);
const warmKey = `warm|${warmStartKey(exp.dataset, cfg0)}`;
let warm: Map<string, tf.Tensor> | null = null;
const getWarm = async () => {
  if (warm) return warm;
  warm = readCache(warmKey);
  if (!warm) {
    const t0 = performance.now();
    warm = await trainWarmStart(cfg0, data, clf, { stopped: false, paused: false });
    await writeCache(warmKey, warm);
    console.log(`warm start: ${cfg0.warmStart} MSE iterations, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return warm;
};

const degraded = tf.tensor4d(data.test.degraded, [n, ...shape]);
const clean = tf.tensor4d(data.test.clean, [n, ...shape]);
const restored: tf.Tensor4D[] = [];
for (const p of POINTS) {
  const cfg = trainConfigFor(exp, p);
  const key = `point|${warmKey}|${JSON.stringify(cfg)}`;
  let weights = readCache(key);
  if (!weights) {
    const t0 = performance.now();
    const t = new Trainer(cfg, data, clf, await getWarm());
    for (let i = 0; i < cfg.iterations; i++) {
      t.step('both');
      if (i % 10 === 9) await t.readLosses();
    }
    weights = new Map([...t.restorer.named].map(([k, v]) => [k, tf.clone(v)]));
    t.dispose();
    await writeCache(key, weights);
    console.log(`trained ${p.label}: ${cfg.iterations} iterations (critic steps ${cfg.criticSteps}), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  // A Trainer only to build the restorer net from the weights.
  const holder = new Trainer(cfg, data, clf, weights);
  restored.push(applyInBatches((x) => holder.restorer.apply(x, { training: false }), degraded) as tf.Tensor4D);
  const D = tf.tidy(() => tf.mean(tf.squaredDifference(restored.at(-1)!, clean)).dataSync()[0]);
  console.log(`restorer ${p.label}: D ${D.toFixed(4)}`);
  holder.dispose();
  tf.dispose([...weights.values()]);
}
if (warm) tf.dispose([...(warm as Map<string, tf.Tensor>).values()]);

// ---- the study ----
interface Run {
  variant: string;
  steps: number;
  seed: number;
  point: string;
  P: number;
  sampleSe: number;
  ms: number;
}
const runs: Run[] = [];
const base = evalCriticConfig(trainConfigFor(exp, POINTS[0]), shape);
const variants: Array<{ label: string; cfg: (steps: number, seed: number) => EvalCriticConfig }> = [
  { label: `app (lr ${base.lr}, batch ${base.batchSize})`, cfg: (steps, seed) => ({ ...base, steps, seed }) },
  ...VARIANTS.map((v) => ({
    label: v.label,
    cfg: (steps: number, seed: number) => ({ ...base, steps, seed, ...(v.k === 'lr' ? { lr: v.x } : { batchSize: v.x }) }),
  })),
];
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1));
};

const tStudy = performance.now();
for (const v of variants) {
  for (const steps of STEPS) {
    for (let k = 0; k < SEEDS; k++) {
      const seed = base.seed + k;
      for (const [i, p] of POINTS.entries()) {
        const t0 = performance.now();
        const r = await evaluationCritic(clean, restored[i], v.cfg(steps, seed));
        runs.push({ variant: v.label, steps, seed, point: p.label, P: r.P, sampleSe: r.sampleSe, ms: performance.now() - t0 });
      }
    }
    const rows = runs.filter((r) => r.variant === v.label && r.steps === steps);
    console.log(`  ${v.label} ${steps} steps: ${rows.map((r) => r.P.toFixed(3)).join(' ')} (${(mean(rows.map((r) => r.ms)) / 1000).toFixed(1)} s each)`);
  }
}
console.log(`study: ${((performance.now() - tStudy) / 60000).toFixed(1)} min`);

// ---- table ----
const shipped = JSON.parse(readFileSync('public/precomputed/exp1-mnist-denoise.json', 'utf8')) as { points: Array<{ metrics: { P: number } }> };
const sp = shipped.points.map((p) => p.metrics.P).sort((a, b) => a - b);
const gaps = sp.slice(1).map((x, i) => x - sp[i]);
console.log(`\nshipped Exp-1 sweep (100-step critic): P ${sp.map((x) => x.toFixed(3)).join(', ')}`);
console.log(`  gaps between neighbours: ${gaps.map((x) => x.toFixed(3)).join(', ')}; median ${[...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)].toFixed(3)}`);

const summary: unknown[] = [];
const head = ['critic', 'steps', ...POINTS.map((p) => `${p.label}: P ± seed SD (sample SE)`), 'same rank every seed', 'max SD / min gap', 'ms per eval'];
const lines = [head];
for (const v of variants) {
  for (const steps of STEPS) {
    const rows = runs.filter((r) => r.variant === v.label && r.steps === steps);
    const per = POINTS.map((p) => rows.filter((r) => r.point === p.label));
    const means = per.map((rs) => mean(rs.map((r) => r.P)));
    const sds = per.map((rs) => sd(rs.map((r) => r.P)));
    const ses = per.map((rs) => mean(rs.map((r) => r.sampleSe)));
    const order = (ps: number[]) => ps.map((_, i) => i).sort((a, b) => ps[a] - ps[b]).join('');
    const want = order(means);
    const seeds = [...new Set(rows.map((r) => r.seed))];
    const sameRank = seeds.every((s) => order(POINTS.map((p) => rows.find((r) => r.seed === s && r.point === p.label)!.P)) === want);
    const sorted = [...means].sort((a, b) => a - b);
    const minGap = Math.min(...sorted.slice(1).map((x, i) => x - sorted[i]));
    const ms = mean(rows.map((r) => r.ms));
    lines.push([
      v.label,
      String(steps),
      ...POINTS.map((_, i) => `${means[i].toFixed(3)} ± ${sds[i].toFixed(3)} (${ses[i].toFixed(3)})`),
      sameRank ? 'yes' : 'no',
      (Math.max(...sds) / minGap).toFixed(3),
      ms.toFixed(0),
    ]);
    summary.push({ variant: v.label, steps, means, sds, sampleSes: ses, sameRank, minGap, ms });
  }
}
const widths = head.map((_, c) => Math.max(...lines.map((l) => l[c].length)));
console.log('\n' + lines.map((l) => '| ' + l.map((x, c) => x.padEnd(widths[c])).join(' | ') + ' |').join('\n'));

if (TIME_EVAL) {
  console.log('\nfull evaluatePoint (restore, D, C, P) on restorer', POINTS[0].label);
  const cfg = trainConfigFor(exp, POINTS[0]);
  const holder = new Trainer(cfg, data, clf, null);
  for (const steps of STEPS) {
    // The restorer itself does not matter for the time: the seed's initial one.
    const t0 = performance.now();
    const pt = await evaluatePoint(
      { test: data.test, inputShape: shape, classifier: clf },
      { kind: 'restorer', iteration: 0, weights: POINTS[0], restorer: holder.restorer, critic: { ...evalCriticConfig({ ...cfg, evalCriticSteps: steps }, shape) } },
    );
    console.log(`  ${steps} steps: ${((performance.now() - t0) / 1000).toFixed(1)} s (P ${pt.P.toFixed(3)} ± ${pt.Pse.toFixed(3)}, C ${pt.C.toFixed(3)} ± ${pt.Cse.toFixed(3)})`);
  }
  holder.dispose();
}

const out = OUT || join(CACHE, 'results.json');
writeFileSync(out, JSON.stringify({ points: POINTS, runs, summary }, null, 1));
console.log(`\nruns written to ${out}`);
tf.dispose([...restored, clean, degraded]);
