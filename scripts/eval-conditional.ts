/**
 * npm run eval:conditional [-- --only exp1 --limit N]
 *
 * Evaluates each shipped loss-conditional restorer (public/models/cond-<id>,
 * npm run pretrain:conditional) on its dense grid (conditionalPresets.ts) as a
 * sweep evaluates a point: D and C on all 2,000 offline test images, P with
 * the 75-step independent evaluation critic (one per grid point, the sweep's
 * seed). Standard errors include the spread between training seeds
 * (TRAINING_SEED_SD, npm run study:seed-spread). Writes
 * public/precomputed/dense-<id>.json (experiment format, version 3, with a
 * conditional source), then validates the model against the preset's
 * shipped fixed-weight sweep (conditionalValidation.ts), writes
 * public/models/cond-<id>/validation.json, and rewrites card.md with the
 * validation table and the evaluation's timings.
 */
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONDITIONAL_PRESETS, denseGridPoints, experimentPresetOf, UNSHIPPED_CONDITIONAL_PRESETS, type ConditionalPreset } from '../src/experiments/conditionalPresets';
import { validateConditional, validationMarkdown } from '../src/experiments/conditionalValidation';
import { exportText, parseExportText } from '../src/experiments/exportFile';
import { expandWeights } from '../src/experiments/weights';
import { withBudget } from '../src/experiments/presets';
import { EMPTY_HISTORY, type Metrics, type PointRecord } from '../src/experiments/records';
import { shippedSweepFor } from '../src/experiments/shipped';
import { metricsOf, trainConfigFor } from '../src/experiments/sweep/trainConfig';
import { evaluateConditionalAt } from '../src/train/conditional/evaluateGrid';
import { condCardMarkdown, condRestorerSpec, loadShippedConditional, readCondIndex } from '../src/train/conditional/shipped';
import { evaluatePoint, type EvalPoint } from '../src/train/evaluate';
import { evalCriticConfig } from '../src/train/service';
import { withSeedSpread } from '../src/experiments/own/plan';
import { TRAINING_SEED_SD, trainingSeedNote } from '../src/train/standardErrors';
import { loadTask } from './conditionalTask';
import type { GradBalanceFile } from './grad-balance';
import { fileEnv, useBackend } from './nodeTf';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const round = (x: number | null | undefined, d = 6): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(d)));

/** A dense point's metrics with the training-seed spread in its SEs (the app's own rule, own/plan.ts), rounded for the file. */
function shippedMetrics(m: Metrics, preset: string): Metrics {
  const s = withSeedSpread(m, preset);
  return {
    ...s,
    D: round(s.D)!,
    C: round(s.C)!,
    P: round(s.P),
    Pse: s.Pse === null || s.Pse === undefined ? null : round(s.Pse, 4),
    Cse: s.Cse === null || s.Cse === undefined ? null : round(s.Cse, 4),
    Dse: s.Dse === undefined ? undefined : round(s.Dse, 4),
    seconds: round(s.seconds, 3)!,
  };
}

/**
 * The dense points against the preset's shipped fixed-weight sweep. The dense
 * SEs already include the training-seed spread; the shipped sweep's do not.
 */
function validateAgainstShipped(id: ConditionalPreset['id'], points: readonly PointRecord[], sd: { D: number; P: number; C: number }) {
  const shipped = shippedSweepFor(id);
  if (!shipped) throw new Error(`${id}: no shipped sweep`);
  const fixed = parseExportText(readFileSync(join('public', shipped.file), 'utf8'));
  if (!fixed.ok) throw new Error(fixed.reason);
  return validateConditional(
    fixed.value.points.map((p) => ({ weights: p.weights, metrics: p.metrics! })),
    points.map((p) => ({ weights: p.weights, metrics: p.metrics! })),
    { fixed: sd, cond: { D: sd.D, P: 0, C: 0 } },
  );
}

async function evalOne(cp: ConditionalPreset, limit: number | null, models: string, precomputed: string): Promise<void> {
  const ep = experimentPresetOf(cp);
  const c = withBudget(ep.config, 'browser');
  const cfg = trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0 });
  const task = await loadTask('public/data', models, c, cfg);
  const src = { base: models, fetch: fileEnv.fetch };
  const entry = (await readCondIndex(src)).models.find((m) => m.id === cp.id);
  if (!entry) throw new Error(`${cp.id}: not in the conditional index (npm run pretrain:conditional first)`);
  const net = await loadShippedConditional(src, entry, task.shape);
  const inputs = { test: task.data.test, inputShape: task.shape, classifier: task.classifier };
  const critic = evalCriticConfig(cfg, task.shape);
  const sd = TRAINING_SEED_SD[cp.id];
  try {
    const baselines = { identity: null as Metrics | null, clean: null as Metrics | null };
    for (const kind of ['identity', 'clean'] as const) {
      baselines[kind] = metricsOf(await evaluatePoint(inputs, { kind, iteration: 0, weights: { alpha: 1, beta: 0, gamma: 0 }, critic }));
    }
    const grid = denseGridPoints(cp).slice(0, limit ?? undefined);
    const points: PointRecord[] = [];
    const perPoint: number[] = [];
    // Raw evaluations are cached by the model's bytes and the point, so a
    // rerun (new seed-spread numbers, a card rewrite) evaluates nothing again.
    const digest = createHash('sha256').update(readFileSync(join(models, cp.dir, 'weights.bin'))).update(JSON.stringify(critic.steps)).digest('hex').slice(0, 16);
    const cacheDir = join('node_modules/.cache/eval-conditional', `${cp.id}-${digest}`);
    mkdirSync(cacheDir, { recursive: true });
    // The shipped sweep's points first: the validation is known before the rest of the grid.
    const fixedKeys = new Set(expandWeights(ep.config.weights).map((w) => `${w.beta}|${w.gamma}`));
    const order = [...grid.entries()].sort(([, a], [, b]) => Number(!fixedKeys.has(`${a.beta}|${a.gamma}`)) - Number(!fixedKeys.has(`${b.beta}|${b.gamma}`)));
    const validateOnly = process.argv.includes('--validate-only');
    for (const [index, w] of order) {
      // --validate-only: the shipped sweep's points alone, a printed comparison, no files.
      if (validateOnly && !fixedKeys.has(`${w.beta}|${w.gamma}`)) break;
      const cacheFile = join(cacheDir, `${w.alpha}-${w.beta}-${w.gamma}.json`);
      const s0 = performance.now();
      const e = existsSync(cacheFile)
        ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as EvalPoint)
        : await evaluateConditionalAt(inputs, net, cp.ranges, w, critic, entry.iterations);
      if (!existsSync(cacheFile)) writeFileSync(cacheFile, JSON.stringify(e));
      const seconds = e.seconds;
      perPoint.push(seconds);
      points.push({
        index,
        weights: w,
        status: 'done',
        metrics: shippedMetrics(metricsOf(e), cp.id),
        trail: [],
        history: EMPTY_HISTORY,
        thumbnails: null,
        restorerWeights: null,
        finishedAt: Date.now(),
        seconds: round(seconds, 3)!,
      });
      console.log(`${cp.id} ${points.length}/${grid.length} b${w.beta} g${w.gamma}: D ${e.D.toFixed(4)} P ${e.P.toFixed(3)} C ${e.C.toFixed(4)} (${seconds.toFixed(1)} s${performance.now() - s0 < 50 ? ', cached' : ''})`);
    }
    // The evaluations' own time (cached ones count as when they ran).
    const totalSeconds = perPoint.reduce((a, b) => a + b, 0);
    points.sort((a, b) => a.index - b.index);
    const now = Date.now();
    const bundle = {
      experiment: {
        id: `dense-${cp.id}`,
        name: `Conditional: ${ep.label}, dense grid`,
        createdAt: now,
        updatedAt: now,
        config: { ...c, weights: { kind: 'list' as const, points: grid } },
        baselines,
        sweep: 'done' as const,
        source: { kind: 'conditional' as const, model: cp.dir, iterations: entry.iterations, trainSeconds: Math.round(entry.trainSeconds), seNote: trainingSeedNote(cp.id) },
      },
      points,
    };
    const report = validateAgainstShipped(cp.id, points, sd);
    if (validateOnly) {
      console.log(validationMarkdown(report).join('\n'));
      console.log(`${cp.id}: ${report.misses} of ${report.rows.length} points miss; ${report.orderMisses} orderings differ`);
      return;
    }
    const check = parseExportText(exportText(bundle));
    if (!check.ok) throw new Error(`${cp.id}: the dense file does not validate: ${check.reason}`);
    const file = join(precomputed, `dense-${cp.id}.json`);
    writeFileSync(file, exportText(bundle, { now: new Date(now) }) + '\n');

    const shipped = shippedSweepFor(cp.id)!;
    const sorted = [...perPoint].sort((a, b) => a - b);
    const timing = {
      points: grid.length,
      totalSeconds,
      perPointMedian: sorted[Math.floor(sorted.length / 2)],
      perPointMax: sorted[sorted.length - 1],
      backend: `tfjs ${tf.version.tfjs} ${tf.getBackend()} (Node ${process.version}), 1 thread`,
      date: new Date(now).toISOString().slice(0, 10),
    };
    writeFileSync(join(models, cp.dir, 'validation.json'), JSON.stringify({ preset: cp.id, fixedFile: shipped.file, denseFile: `precomputed/dense-${cp.id}.json`, timing, report }, null, 1) + '\n');
    const balance = existsSync(join(models, 'grad-balance.json')) ? (JSON.parse(readFileSync(join(models, 'grad-balance.json'), 'utf8')) as GradBalanceFile) : null;
    const gb = balance?.rows.find((r) => r.preset === cp.id);
    const extra = [
      '## Where the terms trade (the ranges)',
      '',
      gb
        ? `At the shipped warm start, averaged over ${balance!.batches} training batches (${balance!.command}, ${balance!.date}): |grad MSE| ${gb.mse.toFixed(4)}, |grad CE| ${gb.ce.toFixed(3)} (c0 ${gb.classifier}), |grad adv| ${gb.adv.toFixed(4)} (critic trained ${balance!.criticSteps} steps against the warm start).` +
          ` The cross-entropy's pull equals the MSE's at gamma* = ${gb.gammaStar.toPrecision(2)} and the adversarial term's at beta* = ${gb.betaStar.toPrecision(2)};` +
          ` the ranges [${cp.ranges.gamma.lo}, ${cp.ranges.gamma.hi}] and [${cp.ranges.beta.lo}, ${cp.ranges.beta.hi}] span them by decades on both sides.`
        : 'Not measured yet: npm run study:grad-balance.',
      '',
      '## Dense evaluation',
      '',
      `- ${grid.length} points (beta ${JSON.stringify(cp.grid.beta)} x gamma ${JSON.stringify(cp.grid.gamma)}, alpha 1) in \`${`precomputed/dense-${cp.id}.json`}\`;` +
        ` each evaluated as a sweep point is: D and C on the ${task.data.test.count.toLocaleString('en-US')} offline test images, P with an independent ${critic.steps}-step evaluation critic (seed ${critic.seed}).`,
      `- ${timing.totalSeconds.toFixed(0)} s in all, ${timing.perPointMedian.toFixed(1)} s per point (median; max ${timing.perPointMax.toFixed(1)}), ${timing.backend}; ${timing.date}.`,
      `- Standard errors: ${trainingSeedNote(cp.id)}`,
      '',
      `## Validation against the fixed-weight sweep (${shipped.file})`,
      '',
      'D within 5%; P and C within 2 SE of their difference; orderings kept where the fixed sweep orders neighbours by more than 2 SE (src/experiments/conditionalValidation.ts).',
      `Points that miss: ${report.misses} of ${report.rows.length}.`,
      '',
      ...validationMarkdown(report),
      '',
    ];
    writeFileSync(join(models, cp.dir, 'card.md'), condCardMarkdown(entry, condRestorerSpec(entry, task.shape), extra));
    console.log(validationMarkdown(report).join('\n'));
    console.log(`${cp.id}: ${grid.length} points in ${totalSeconds.toFixed(0)} s; ${report.misses} of ${report.rows.length} validation points miss; ${report.orderMisses} orderings differ`);
  } finally {
    net.dispose();
    task.classifier.dispose();
  }
}

async function main(): Promise<void> {
  await useBackend('wasm');
  const only = arg('only')?.split(',');
  const limit = arg('limit') ? Number(arg('limit')) : null;
  const models = arg('models') ?? 'public/models';
  const precomputed = arg('precomputed') ?? 'public/precomputed';
  const targets = only ? [...CONDITIONAL_PRESETS, ...UNSHIPPED_CONDITIONAL_PRESETS].filter((p) => only.includes(p.id)) : CONDITIONAL_PRESETS;
  for (const cp of targets) await evalOne(cp, limit, models, precomputed);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
