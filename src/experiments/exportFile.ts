import { z } from 'zod';
import { canonicalJson } from './canonical';
import { describeIssues, ExperimentConfigSchema, type Checked, type ExperimentConfig } from './config';
import { fnv1a64 } from './ids';
import { DistortionSchema, ErrorRateSchema, FiniteSchema } from './metricBounds';
import { PAPER_ITERATIONS } from './presets';
import {
  EMPTY_HISTORY,
  ExperimentRecordSchema,
  PointRecordSchema,
  type ExperimentBundle,
  type ExperimentRecord,
  type PointRecord,
} from './records';
import { expandWeights, weightsKey, type WeightSet } from './weights';

/**
 * The experiment file: one JSON document per experiment (see FORMAT.md).
 * Reading is strict and total: every input gives either a bundle that
 * passes the current schema or a reason, never an exception. Older versions
 * are migrated step by step to the current one.
 */

export const EXPORT_FORMAT = 'cdp-lab-experiment';
export const EXPORT_VERSION = 3;
/** Files longer than this (in characters) are refused before parsing. */
export const MAX_IMPORT_CHARS = 128 * 1024 * 1024;

/**
 * Version 3 adds what version 2 could not say: an experiment's optional
 * `source` (points evaluated from a loss-conditional restorer rather than
 * trained one by one) and an optional `Dse` in metrics. A version 2 file is
 * a version 3 file without them.
 */
export const ExportV3Schema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(3),
  /** ISO 8601 time of export. */
  exportedAt: z.string().max(40),
  experiment: ExperimentRecordSchema,
  points: z.array(PointRecordSchema).max(1024),
});
export type ExportV3 = z.infer<typeof ExportV3Schema>;

export const ExportV2Schema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(2),
  exportedAt: z.string().max(40),
  experiment: ExperimentRecordSchema.omit({ source: true }),
  points: z.array(PointRecordSchema).max(1024),
});
export type ExportV2 = z.infer<typeof ExportV2Schema>;

/** Version 2 to 3: nothing to change but the number. */
export function migrateV2(v2: ExportV2): ExportV3 {
  return { ...v2, version: 3 };
}

// Version 1: the metrics-only file (no baselines, loss histories, trails or
// thumbnails; weights as [from, to, steps] triples or [alpha, beta, gamma] rows).
const w = z.number().min(0).max(100);
const triple = z.tuple([w, w, z.int().min(1).max(64)]);
export const ExportV1Schema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  name: z.string().min(1).max(200),
  /** ISO 8601 creation time. */
  created: z.string().max(40),
  config: z.strictObject({
    dataset: z.string(),
    task: z.string(),
    sigma: z.number(),
    classifier: z.string(),
    restorer: z.string(),
    critic: z.string(),
    iterations: z.number(),
    batchSize: z.number(),
    seed: z.number(),
    evalCount: z.number(),
    evalCriticSteps: z.number(),
    weights: z.union([
      z.strictObject({ alpha: triple, beta: triple, gamma: triple }),
      z.array(z.tuple([w, w, w])).min(1).max(256),
    ]),
  }),
  points: z
    .array(
      z.strictObject({
        alpha: w,
        beta: w,
        gamma: w,
        D: DistortionSchema,
        P: FiniteSchema.nullable(),
        C: ErrorRateSchema,
        iteration: z.int().min(0),
      }),
    )
    .max(1024),
});
export type ExportV1 = z.infer<typeof ExportV1Schema>;

/** The current file for a bundle; restorer weights only when asked for. */
export function exportBundle(bundle: ExperimentBundle, opts: { includeWeights?: boolean; now?: Date } = {}): ExportV3 {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: (opts.now ?? new Date()).toISOString(),
    experiment: bundle.experiment,
    points: [...bundle.points]
      .sort((a, b) => a.index - b.index)
      .map((p) => (opts.includeWeights ? p : { ...p, restorerWeights: null })),
  };
}

export function exportText(bundle: ExperimentBundle, opts: { includeWeights?: boolean; now?: Date } = {}): string {
  return JSON.stringify(exportBundle(bundle, opts));
}

/** A file name for the export: the experiment's name made safe, plus the date. */
export function exportFileName(e: ExperimentRecord, now = new Date()): string {
  const safe = e.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'experiment';
  return `cdp-lab-${safe}-${now.toISOString().slice(0, 10)}.json`;
}

function parseTime(iso: string): number | null {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= 0 ? t : null;
}

/** Version 1 to version 2. Deterministic: the id is a digest of the v1 content. */
export function migrateV1(v1: ExportV1): Checked<ExportV2> {
  const created = parseTime(v1.created);
  if (created === null) return { ok: false, reason: `created: not a date (${v1.created.slice(0, 40)})` };
  const c = v1.config;
  const weights: WeightSet = Array.isArray(c.weights)
    ? { kind: 'list', points: c.weights.map(([alpha, beta, gamma]) => ({ alpha, beta, gamma })) }
    : {
        kind: 'grid',
        alpha: { from: c.weights.alpha[0], to: c.weights.alpha[1], steps: c.weights.alpha[2] },
        beta: { from: c.weights.beta[0], to: c.weights.beta[1], steps: c.weights.beta[2] },
        gamma: { from: c.weights.gamma[0], to: c.weights.gamma[1], steps: c.weights.gamma[2] },
      };
  const draft = {
    preset: 'custom',
    budget: c.iterations >= PAPER_ITERATIONS ? 'paper' : 'browser',
    dataset: c.dataset,
    task: c.task,
    sigma: c.sigma,
    classifier: c.classifier,
    restorer: c.restorer,
    critic: c.critic,
    iterations: c.iterations,
    batchSize: c.batchSize,
    seed: c.seed,
    evalEvery: 0,
    evalCount: c.evalCount,
    evalCriticSteps: c.evalCriticSteps,
    saveWeights: false,
    weights,
  };
  const checked = ExperimentConfigSchema.safeParse(draft);
  if (!checked.success) return { ok: false, reason: `config: ${describeIssues(checked.error)}` };
  // Version 1 trained every point from scratch (warmStart 0) with the paper's 5 critic steps, which no browser-budget preset does: custom.
  const config: ExperimentConfig = checked.data;

  const order = new Map(expandWeights(config.weights).map((p, i) => [weightsKey(p), i]));
  const points: PointRecord[] = [];
  for (const [k, p] of v1.points.entries()) {
    const index = order.get(weightsKey(p));
    if (index === undefined) return { ok: false, reason: `points[${k}]: weights α=${p.alpha} β=${p.beta} γ=${p.gamma} are not a point of the config` };
    points.push({
      index,
      weights: { alpha: p.alpha, beta: p.beta, gamma: p.gamma },
      status: 'done',
      metrics: { D: p.D, P: p.P, C: p.C, Ptrain: null, iteration: p.iteration, seconds: 0 },
      trail: [],
      history: EMPTY_HISTORY,
      thumbnails: null,
      restorerWeights: null,
      finishedAt: created,
      seconds: 0,
    });
  }
  points.sort((a, b) => a.index - b.index);
  const total = order.size;
  const experiment: ExperimentRecord = {
    id: `v1-${fnv1a64(canonicalJson(v1))}`,
    name: v1.name,
    createdAt: created,
    updatedAt: created,
    config,
    baselines: { identity: null, clean: null },
    sweep: new Set(points.map((p) => p.index)).size >= total ? 'done' : 'interrupted',
  };
  return { ok: true, value: { format: EXPORT_FORMAT, version: 2, exportedAt: v1.created, experiment, points } };
}

/** Cross-field checks the schema cannot state: points belong to the config, once each. */
export function checkBundle(b: ExperimentBundle): string | null {
  const expected = expandWeights(b.experiment.config.weights);
  const seen = new Set<number>();
  for (const [k, p] of b.points.entries()) {
    if (p.index >= expected.length) return `points[${k}]: index ${p.index} but the config has ${expected.length} points`;
    if (seen.has(p.index)) return `points[${k}]: index ${p.index} appears twice`;
    seen.add(p.index);
    const want = expected[p.index];
    if (weightsKey(want) !== weightsKey(p.weights)) {
      return `points[${k}]: weights α=${p.weights.alpha} β=${p.weights.beta} γ=${p.weights.gamma} differ from the config's point ${p.index} (α=${want.alpha} β=${want.beta} γ=${want.gamma})`;
    }
  }
  return null;
}

/**
 * Reads an experiment file. Returns the bundle in the current version, or
 * the reason it was refused.
 */
export function parseExportText(text: string): Checked<ExperimentBundle> {
  if (typeof text !== 'string') return { ok: false, reason: 'not text' };
  if (text.length > MAX_IMPORT_CHARS) {
    return { ok: false, reason: `file too large (${(text.length / 2 ** 20).toFixed(0)} MiB; at most ${MAX_IMPORT_CHARS / 2 ** 20} MiB)` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON: ${(e as Error).message.slice(0, 200)}` };
  }
  return parseExport(raw);
}

export function parseExport(raw: unknown): Checked<ExperimentBundle> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not a CDP Lab experiment file (not a JSON object)' };
  const head = raw as { format?: unknown; version?: unknown };
  if (head.format !== EXPORT_FORMAT) return { ok: false, reason: `not a CDP Lab experiment file (format is not "${EXPORT_FORMAT}")` };
  const v = head.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return { ok: false, reason: 'version: missing or not a positive integer' };
  if (v > EXPORT_VERSION) return { ok: false, reason: `version ${v} was written by a newer CDP Lab; this one reads versions 1 to ${EXPORT_VERSION}` };

  let current: ExportV3;
  if (v === 1) {
    const p = ExportV1Schema.safeParse(raw);
    if (!p.success) return { ok: false, reason: `invalid version 1 file: ${describeIssues(p.error)}` };
    const m = migrateV1(p.data);
    if (!m.ok) return { ok: false, reason: `cannot migrate version 1: ${m.reason}` };
    current = migrateV2(m.value);
  } else if (v === 2) {
    const p = ExportV2Schema.safeParse(raw);
    if (!p.success) return { ok: false, reason: `invalid file: ${describeIssues(p.error)}` };
    current = migrateV2(p.data);
  } else {
    const p = ExportV3Schema.safeParse(raw);
    if (!p.success) return { ok: false, reason: `invalid file: ${describeIssues(p.error)}` };
    current = p.data;
  }
  // Migrated files are re-checked against the current schema as well.
  const again = ExportV3Schema.safeParse(current);
  if (!again.success) return { ok: false, reason: `invalid after migration: ${describeIssues(again.error)}` };
  const bundle: ExperimentBundle = { experiment: again.data.experiment, points: again.data.points };
  const bad = checkBundle(bundle);
  return bad ? { ok: false, reason: bad } : { ok: true, value: bundle };
}
