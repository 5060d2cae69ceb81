/**
 * npm run pretrain:conditional [-- --only exp1,exp4 --iterations N --data public/data --out public/models]
 *
 * Trains the shipped loss-conditional restorers (src/experiments/conditionalPresets.ts):
 * for each MNIST preset, from the preset's shipped MSE warm start, with the
 * preset's classifier c0, task and critic, CondTrainer (src/train/conditional)
 * with weights drawn per example over the preset's ranges. Writes
 * public/models/cond-<preset>/ (model.json with the card in
 * userDefinedMetadata.conditional, weights.bin, card.md) and the index
 * public/models/conditional-models.json. Node, tfjs wasm (CDP Lab's conv
 * kernel), one thread. `npm run eval:conditional` then evaluates each model
 * on its dense grid and against the shipped fixed-weight sweep, and adds
 * those sections to the card.
 *
 * Training variants (not used by the shipped models; recorded in the card's
 * command): --film-lr-scale K (FiLM learning rate x K), --bn running (batch
 * norm on its running statistics in training), --balance 1 (each example's
 * loss over 1 + beta/beta* + gamma/gamma*, from models/grad-balance.json),
 * --pzero P (probability of an exact 0 per weight), --seed S (training seed), --out DIR (train into
 * another models folder: npm run eval:conditional -- --models DIR
 * --validate-only then checks it).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONDITIONAL_PRESETS, experimentPresetOf, UNSHIPPED_CONDITIONAL_PRESETS, type ConditionalPreset } from '../src/experiments/conditionalPresets';
import { scaledSchedule, withBudget } from '../src/experiments/presets';
import { trainConfigFor } from '../src/experiments/sweep/trainConfig';
import { filmParamCount } from '../src/models/conditional';
import { condNetToFiles } from '../src/models/condIo';
import { paramCount } from '../src/models/spec';
import { runCondTraining } from '../src/train/conditional/loop';
import { COND_INDEX_FILE, COND_INDEX_FORMAT, condCardMarkdown, type CondIndex, type ShippedConditional } from '../src/train/conditional/shipped';
import { CondTrainer } from '../src/train/conditional/trainer';
import { loadShippedWarmStart, readWarmIndex } from '../src/train/shippedWarm';
import { warmStartKey } from '../src/train/warmStart';
import { loadTask } from './conditionalTask';
import { fileEnv, useBackend } from './nodeTf';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function readCondIndexFile(out: string): ShippedConditional[] {
  const p = join(out, COND_INDEX_FILE);
  if (!existsSync(p)) return [];
  return (JSON.parse(readFileSync(p, 'utf8')) as CondIndex).models.slice();
}

export function writeCondIndexFile(out: string, entries: ShippedConditional[]): void {
  const index: CondIndex = { format: COND_INDEX_FORMAT, version: 1, models: [...entries].sort((a, b) => a.id.localeCompare(b.id)) };
  writeFileSync(join(out, COND_INDEX_FILE), JSON.stringify(index, null, 1) + '\n');
}

/** beta* and gamma* of a preset, as measured by npm run study:grad-balance (models/grad-balance.json). */
function balanceOf(id: string, out: string): { beta: number; gamma: number } {
  const rows = (JSON.parse(readFileSync(join(out, 'grad-balance.json'), 'utf8')) as { rows: { preset: string; betaStar: number; gammaStar: number }[] }).rows;
  const r = rows.find((x) => x.preset === id);
  if (!r) throw new Error(`${id}: no row in grad-balance.json (npm run study:grad-balance)`);
  return { beta: r.betaStar, gamma: r.gammaStar };
}

async function trainOne(cp: ConditionalPreset, dataDir: string, out: string, backend: string, command: string, iterations: number): Promise<ShippedConditional> {
  const ep = experimentPresetOf(cp);
  const c = withBudget(ep.config, 'browser');
  const base = trainConfigFor(c, { alpha: 1, beta: 1, gamma: 1 });
  const cfg = { ...base, iterations, batchSize: cp.batchSize, criticSteps: cp.criticSteps, seed: Number(arg('seed') ?? cp.seed), ...scaledSchedule(iterations), mseWarmup: 0 };
  const task = await loadTask(dataDir, out, c, cfg);
  const src = { base: out, fetch: fileEnv.fetch };
  const key = warmStartKey(c.dataset, base);
  const entry = (await readWarmIndex(src)).warmStarts.find((w) => w.key === key);
  if (!entry) throw new Error(`${cp.id}: no shipped warm start with key ${key} (npm run pretrain:warm first)`);
  if (entry.datasetVersion !== task.version) throw new Error(`${cp.id}: the warm start was trained on data version ${entry.datasetVersion}, this is ${task.version}`);
  const warm = await loadShippedWarmStart(src, entry, base, task.shape);
  const knobs = {
    filmLrScale: Number(arg('film-lr-scale') ?? 1),
    bn: (arg('bn') ?? 'batch') as 'batch' | 'running',
    balance: arg('balance') ? balanceOf(cp.id, out) : null,
  };
  const ranges = arg('pzero') ? { beta: { ...cp.ranges.beta, pZero: Number(arg('pzero')) }, gamma: { ...cp.ranges.gamma, pZero: Number(arg('pzero')) } } : cp.ranges;
  const trainer = new CondTrainer(cfg, task.data, task.classifier, { ranges, ...knobs }, warm);
  tf.dispose([...warm.values()]);
  console.log(`${cp.id}: ${cp.dir}, ${iterations} iterations at batch ${cfg.batchSize}, ${cfg.criticSteps} critic step(s), c0 ${c.classifier}, ranges ${JSON.stringify(ranges)}, ${JSON.stringify(knobs)}`);
  const t0 = performance.now();
  // CPU time of this (one-threaded) process while it trains: what the run
  // costs on a quiet core, whatever else the machine was doing meanwhile.
  const cpu0 = process.cpuUsage();
  let last = 0;
  try {
    const reading = await runCondTraining(trainer, {
      onProgress: (p) => {
        if (p.iteration - last >= 100 || p.iteration === p.total) {
          last = p.iteration;
          const l = p.reading.losses;
          console.log(
            `  ${cp.id} ${p.iteration}/${p.total} ${p.itersPerSecond.toFixed(2)} it/s ETA ${Math.round(p.etaSeconds ?? 0)} s; mse ${l.mse?.toFixed(4)} adv ${l.adv?.toFixed(4)} ce ${l.ce?.toFixed(3)} critic ${l.critic?.toFixed(4)}`,
          );
        }
      },
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(cpu0);
    const cpuSeconds = (c1.user + c1.system) / 1e6;
    const meta: ShippedConditional = {
      id: cp.id,
      dir: cp.dir,
      dataset: c.dataset,
      datasetVersion: task.version,
      task: cfg.task,
      sigma: cfg.sigma,
      preset: cfg.preset,
      classifier: c.classifier,
      criticMode: cfg.criticMode,
      ranges: cp.ranges,
      iterations,
      batchSize: cfg.batchSize,
      criticSteps: cfg.criticSteps,
      restorerLr: cfg.restorerLr,
      criticLr: cfg.criticLr,
      lrDecayEvery: cfg.lrDecayEvery,
      seed: cfg.seed,
      warmStart: { dir: entry.dir, key: entry.key, testMse: entry.testMse },
      params: { base: paramCount(trainer.restorer.spec.base), film: filmParamCount(trainer.restorer.spec) },
      finalLosses: Object.fromEntries(Object.entries(reading.losses).filter(([, v]) => Number.isFinite(v))) as Record<string, number>,
      trainSeconds,
      cpuSeconds,
      backend: `tfjs ${tf.version.tfjs} ${backend} (Node ${process.version})`,
      threads: 1,
      date: new Date().toISOString().slice(0, 10),
      command,
    };
    const dir = join(out, cp.dir);
    mkdirSync(dir, { recursive: true });
    const files = await condNetToFiles(trainer.restorer, { conditional: meta }, 'CDP Lab scripts/pretrain-conditional.ts');
    writeFileSync(join(dir, 'weights.bin'), new Uint8Array(files.data));
    writeFileSync(join(dir, 'model.json'), JSON.stringify(files.json, null, 1) + '\n');
    writeFileSync(join(dir, 'card.md'), condCardMarkdown(meta, trainer.restorer.spec, []));
    console.log(`${cp.id}: ${Math.round(trainSeconds)} s wall, ${Math.round(cpuSeconds)} s CPU; weights.bin ${files.data.byteLength} bytes`);
    return meta;
  } finally {
    trainer.dispose();
    task.classifier.dispose();
  }
}

async function main(): Promise<void> {
  const backend = await useBackend(arg('backend') ?? 'wasm');
  const dataDir = arg('data') ?? 'public/data';
  const out = arg('out') ?? 'public/models';
  const only = arg('only')?.split(',');
  // --only also takes the presets that ship no model (Exp-3), for further attempts.
  const known = [...CONDITIONAL_PRESETS, ...UNSHIPPED_CONDITIONAL_PRESETS];
  const targets = only ? known.filter((p) => only.includes(p.id)) : CONDITIONAL_PRESETS;
  if (only && targets.length !== only.length) throw new Error(`--only: known conditional presets are ${known.map((p) => p.id).join(', ')}`);
  const command = ['npm run pretrain:conditional', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  for (const cp of targets) {
    const iterations = Number(arg('iterations') ?? cp.iterations);
    const meta = await trainOne(cp, dataDir, out, backend, command, iterations);
    // Re-read: another process may have written its own preset meanwhile.
    writeCondIndexFile(out, [...readCondIndexFile(out).filter((e) => e.id !== cp.id), meta]);
  }
}

if (process.argv[1]?.endsWith('pretrain-conditional.ts')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
