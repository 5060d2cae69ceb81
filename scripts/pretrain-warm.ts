/**
 * npm run pretrain:warm [-- --only warm-denoise-fast,warm-sr-fast --backend wasm|cpu --data public/data --out public/models]
 *
 * Trains the shipped warm starts: for every distinct shared MSE-only base
 * that an experiment preset's browser budget uses on MNIST (derived from
 * src/experiments/presets.ts by scripts/warmTargets.ts), the base restorer
 * the training worker would train for that warmStartKey, through the same
 * TrainService.warmStart (trainWarmStart, the service's TaskData, the
 * preset's resolved TrainConfig). Each goes to public/models/<dir>/:
 * model.json (float32 weights manifest; userDefinedMetadata.warmStart holds
 * the key and the test MSE), weights.bin and card.md; the list is
 * public/models/warm-starts.json, which the sweep reads. The test MSE is D
 * on the sweep evaluation's fixed degraded test subset, measured after
 * loading the written files back through the same loader the sweep uses.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetInfo } from '../src/data/catalog';
import { MODEL_FORMAT } from '../src/models/io';
import { paramCount } from '../src/models/spec';
import { TrainService } from '../src/train/service';
import { WARM_INDEX_FILE, WARM_INDEX_FORMAT, warmCardMarkdown, warmStartSpec, type ShippedWarmStart, type WarmIndex } from '../src/train/shippedWarm';
import { fileEnv, readNetFromDir, useBackend } from './nodeTf';
import { warmStartTargets, type WarmTarget } from './warmTargets';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function degradation(t: WarmTarget): string {
  if (t.cfg.task === 'denoise') {
    return `additive Gaussian noise, sigma ${t.cfg.sigma} (pixels in [0, 1]; not clipped): fresh noise every training batch, one fixed draw for the test subset`;
  }
  const info = datasetInfo(t.dataset);
  return `bicubic down by ${info.srFactor} and up again (pad ${info.srPad}), the restorer's input`;
}

function writeModel(dir: string, spec: unknown, specs: tf.io.WeightsManifestEntry[], meta: ShippedWarmStart): void {
  const json = {
    format: MODEL_FORMAT,
    generatedBy: 'CDP Lab scripts/pretrain-warm.ts',
    modelTopology: { spec },
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    userDefinedMetadata: { warmStart: meta },
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json, null, 1) + '\n');
}

function readIndex(out: string): ShippedWarmStart[] {
  const p = join(out, WARM_INDEX_FILE);
  if (!existsSync(p)) return [];
  return (JSON.parse(readFileSync(p, 'utf8')) as WarmIndex).warmStarts.slice();
}

function writeIndex(out: string, entries: ShippedWarmStart[]): void {
  const index: WarmIndex = { format: WARM_INDEX_FORMAT, version: 1, warmStarts: [...entries].sort((a, b) => a.dir.localeCompare(b.dir)) };
  writeFileSync(join(out, WARM_INDEX_FILE), JSON.stringify(index, null, 1) + '\n');
}

async function service(dataDir: string, out: string, t: WarmTarget): Promise<{ svc: TrainService; version: string; source: string }> {
  const svc = new TrainService();
  const summary = await svc.loadData(dataDir, t.dataset, fileEnv);
  // Unused by an MSE-only base, but the service (as in the worker) wants c0 loaded.
  const { net, card } = readNetFromDir(join(out, t.classifier));
  svc.setClassifier(net, card);
  return { svc, version: summary.version, source: summary.source };
}

async function pretrainOne(t: WarmTarget, dataDir: string, out: string, backend: string, command: string, kept: ShippedWarmStart[]): Promise<ShippedWarmStart> {
  const { svc, version, source } = await service(dataDir, out, t);
  const spec = warmStartSpec(t.cfg, [28, 28, 1]);
  console.log(`${t.dir}: ${t.key} (presets ${t.presets.join(', ')}); ${paramCount(spec)} parameters, ${t.cfg.warmStart} iterations at batch ${t.cfg.batchSize}`);
  const t0 = performance.now();
  let last = 0;
  const info = await svc.warmStart(t.cfg, (p) => {
    if (p.iteration - last >= 100 || p.iteration === p.total) {
      last = p.iteration;
      console.log(`  ${p.iteration}/${p.total}, ${p.itersPerSecond.toFixed(2)} it/s, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  if (info?.source !== 'trained') throw new Error(`${t.dir}: expected a trained base, got ${JSON.stringify(info)}`);
  const { mse: mseTrained, count } = await svc.warmStartTestMse(t.cfg);
  const w = await svc.warmStartWeights();
  await svc.dispose();

  const dir = join(out, t.dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(w.data));
  const meta: ShippedWarmStart = {
    key: t.key,
    dir: t.dir,
    dataset: t.dataset,
    datasetVersion: version,
    task: t.cfg.task,
    sigma: t.cfg.sigma,
    preset: t.cfg.preset,
    iterations: t.cfg.warmStart,
    batchSize: t.cfg.batchSize,
    restorerLr: t.cfg.restorerLr,
    seed: t.cfg.seed,
    testMse: mseTrained,
    testCount: count,
    weightsDtype: 'float32',
    backend: `tfjs ${tf.version.tfjs} ${backend} (Node)`,
    trainSeconds,
    date: new Date().toISOString().slice(0, 10),
    command,
    presets: t.presets,
  };
  writeModel(dir, spec, w.specs, meta);
  writeIndex(out, [...kept.filter((e) => e.dir !== t.dir), meta]);

  // Load the files back as a sweep does and measure again: the card states this one.
  const back = await service(dataDir, out, t);
  const loaded = await back.svc.warmStart(t.cfg, undefined, { base: out, fetch: fileEnv.fetch });
  if (loaded?.source !== 'shipped') throw new Error(`${t.dir}: the written files did not load as a shipped warm start: ${loaded?.note}`);
  const { mse: mseLoaded, count: testCount } = await back.svc.warmStartTestMse(t.cfg);
  await back.svc.dispose();
  const final: ShippedWarmStart = { ...meta, testMse: mseLoaded, testCount };
  writeModel(dir, spec, w.specs, final);
  writeFileSync(join(dir, 'card.md'), warmCardMarkdown(final, spec, paramCount(spec), `${source}`, degradation(t)));
  console.log(
    `${t.dir}: ${Math.round(trainSeconds)} s; test MSE ${mseTrained.toFixed(6)} in memory, ${mseLoaded.toFixed(6)} loaded back (${testCount} images); weights.bin ${w.data.byteLength} bytes`,
  );
  return final;
}

async function main(): Promise<void> {
  const backend = await useBackend(arg('backend') ?? 'wasm');
  const dataDir = arg('data') ?? 'public/data';
  const out = arg('out') ?? 'public/models';
  const only = arg('only')?.split(',');
  const targets = warmStartTargets().filter((t) => !only || only.includes(t.dir));
  if (only && targets.length !== only.length) throw new Error(`--only: known warm starts are ${warmStartTargets().map((t) => t.dir).join(', ')}`);
  const command = ['npm run pretrain:warm', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  // Entries for keys no preset uses any more are dropped.
  const wanted = new Set(warmStartTargets().map((t) => t.key));
  let kept = readIndex(out).filter((e) => wanted.has(e.key));
  for (const t of targets) {
    const entry = await pretrainOne(t, dataDir, out, backend, command, kept);
    kept = [...kept.filter((e) => e.dir !== t.dir), entry];
    writeIndex(out, kept);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
