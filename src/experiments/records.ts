import { z } from 'zod';
import { ExperimentConfigSchema, WeightsSchema } from './config';
import { CountSchema, DistortionSchema, ErrorRateSchema, FiniteSchema, StandardErrorSchema } from './metricBounds';

/**
 * What a sweep keeps: one experiment record (config, baselines, sweep state)
 * and one point record per finished point (metrics, the moving point's trail,
 * loss history, sample thumbnails, optionally the restorer's weights). The
 * same shapes are stored in IndexedDB and written in export files, so the
 * schemas here guard both. Metrics that were not measured (P with an
 * evaluation-critic budget of 0, the training critic's estimate of a
 * baseline) are null: JSON has no NaN. Impossible values (metricBounds.ts)
 * are refused with their path.
 */

const lossValue = z.number().nullable();

/** Training and evaluation trails are thinned to at most this many entries. */
export const MAX_TRAIL = 200;
export const MAX_HISTORY = 2000;
export const MAX_LOSS_SERIES = 12;
export const MAX_THUMBS = 64;
/** A restorer of the paper preset has about 1e5 weights; this allows 64 MB of float32. */
export const MAX_WEIGHT_BYTES = 64 * 1024 * 1024;

export const MetricsSchema = z.strictObject({
  D: DistortionSchema,
  P: FiniteSchema.nullable(),
  C: ErrorRateSchema,
  /** The training critic's estimate, as the paper reported it. */
  Ptrain: FiniteSchema.nullable(),
  iteration: z.int().min(0),
  /** Seconds the evaluation took. */
  seconds: z.number().min(0),
  /**
   * Standard errors (src/train/standardErrors.ts): of P, the test images'
   * sample SE given the evaluation critic combined with the critic's
   * seed-to-seed SD at its budget; of C, binomial sqrt(C (1 - C) / n). Null
   * when not measured; absent in files written before they existed.
   */
  Pse: StandardErrorSchema.nullable().optional(),
  Cse: StandardErrorSchema.nullable().optional(),
  /**
   * Standard error of D (version 3): the spread between training seeds at
   * this budget, the sample part being negligible. Absent: not stated.
   */
  Dse: StandardErrorSchema.nullable().optional(),
  /** Test images the metrics were measured on (absent in older files). */
  n: CountSchema.optional(),
});
export type Metrics = z.infer<typeof MetricsSchema>;

export const TrailEntrySchema = z.strictObject({
  iteration: z.int().min(0),
  D: DistortionSchema,
  P: FiniteSchema.nullable(),
  C: ErrorRateSchema,
});
export type TrailEntry = z.infer<typeof TrailEntrySchema>;

export const LossHistorySchema = z
  .strictObject({
    iteration: z.array(z.int().min(0)).max(MAX_HISTORY),
    /** Loss name -> value per iteration entry (null where not reported). */
    series: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/), z.array(lossValue).max(MAX_HISTORY)),
  })
  .superRefine((h, ctx) => {
    const names = Object.keys(h.series);
    if (names.length > MAX_LOSS_SERIES) ctx.addIssue({ code: 'custom', message: `${names.length} loss series; at most ${MAX_LOSS_SERIES}` });
    for (const n of names) {
      if (h.series[n].length !== h.iteration.length) {
        ctx.addIssue({ code: 'custom', path: ['series', n], message: `${h.series[n].length} values for ${h.iteration.length} iterations` });
      }
    }
  });
export type LossHistory = z.infer<typeof LossHistorySchema>;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** Clean / degraded / restored sample images, 8-bit, row-major HWC, `count` images each. */
export const ThumbnailsSchema = z
  .strictObject({
    count: z.int().min(1).max(MAX_THUMBS),
    height: z.int().min(1).max(64),
    width: z.int().min(1).max(64),
    channels: z.union([z.literal(1), z.literal(3)]),
    clean: b64,
    degraded: b64,
    restored: b64,
  })
  .superRefine((t, ctx) => {
    const want = t.count * t.height * t.width * t.channels;
    for (const k of ['clean', 'degraded', 'restored'] as const) {
      const s = t[k];
      const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
      const got = s.length % 4 === 0 ? (s.length / 4) * 3 - pad : -1;
      if (got !== want) ctx.addIssue({ code: 'custom', path: [k], message: `${got < 0 ? 'bad base64 length' : `${got} bytes`}; ${want} expected` });
    }
  });
export type Thumbnails = z.infer<typeof ThumbnailsSchema>;

/** A restorer's weights: tf.io weight specs plus the float32 data, little-endian, in spec order. */
export const RestorerWeightsSchema = z
  .strictObject({
    specs: z
      .array(z.strictObject({ name: z.string().max(200), shape: z.array(z.int().min(1)).max(8), dtype: z.literal('float32') }))
      .max(500),
    data: b64,
  })
  .superRefine((w, ctx) => {
    const floats = w.specs.reduce((s, sp) => s + sp.shape.reduce((a, b) => a * b, 1), 0);
    const pad = w.data.endsWith('==') ? 2 : w.data.endsWith('=') ? 1 : 0;
    const bytes = w.data.length % 4 === 0 ? (w.data.length / 4) * 3 - pad : -1;
    if (floats * 4 > MAX_WEIGHT_BYTES) ctx.addIssue({ code: 'custom', message: `weights too large (${floats} floats)` });
    else if (bytes !== floats * 4) ctx.addIssue({ code: 'custom', path: ['data'], message: `${bytes} bytes for ${floats} float32 weights` });
  });
export type RestorerWeights = z.infer<typeof RestorerWeightsSchema>;

export const POINT_STATUSES = ['done', 'failed'] as const;

export const PointRecordSchema = z
  .strictObject({
    /** Position in the config's expanded weight list. */
    index: z.int().min(0),
    weights: WeightsSchema,
    status: z.enum(POINT_STATUSES),
    /** Why it failed (NaN losses, out of memory, ...). */
    reason: z.string().max(2000).optional(),
    metrics: MetricsSchema.nullable(),
    trail: z.array(TrailEntrySchema).max(MAX_TRAIL),
    history: LossHistorySchema,
    thumbnails: ThumbnailsSchema.nullable(),
    restorerWeights: RestorerWeightsSchema.nullable(),
    /** Epoch milliseconds. */
    finishedAt: z.number().min(0),
    /** Wall-clock seconds from start of training to the end of its evaluation. */
    seconds: z.number().min(0),
  })
  .superRefine((p, ctx) => {
    if (p.status === 'done' && p.metrics === null) ctx.addIssue({ code: 'custom', path: ['metrics'], message: 'a done point needs metrics' });
    if (p.status === 'failed' && !p.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a failed point needs a reason' });
  });
export type PointRecord = z.infer<typeof PointRecordSchema>;

export const BaselinesSchema = z.strictObject({
  /** The identity restorer: the degraded input itself. */
  identity: MetricsSchema.nullable(),
  /** The clean input: D = 0, P = 0, C = the error of c0 itself. */
  clean: MetricsSchema.nullable(),
});
export type Baselines = z.infer<typeof BaselinesSchema>;

export const SWEEP_STATES = ['queued', 'running', 'paused', 'interrupted', 'cancelled', 'done'] as const;
export type SweepState = (typeof SWEEP_STATES)[number];

/**
 * Where the points came from when no sweep trained them (version 3): a
 * loss-conditional restorer evaluated at every point of the config, each
 * point one forward pass of the same model at its weights.
 */
export const PointSourceSchema = z.strictObject({
  kind: z.literal('conditional'),
  /** The model's folder under models/ (e.g. cond-exp1). */
  model: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i),
  /** Iterations and wall time of the one training run. */
  iterations: z.int().min(1),
  trainSeconds: z.number().min(0),
  /** What the SEs cover, in words. */
  seNote: z.string().max(1000),
});
export type PointSource = z.infer<typeof PointSourceSchema>;

export const ExperimentRecordSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not an experiment id'),
  name: z.string().min(1).max(200),
  /** Epoch milliseconds. */
  createdAt: z.number().min(0),
  updatedAt: z.number().min(0),
  config: ExperimentConfigSchema,
  baselines: BaselinesSchema,
  sweep: z.enum(SWEEP_STATES),
  /** Absent: a sweep trained every point (all files before version 3). */
  source: PointSourceSchema.optional(),
});
export type ExperimentRecord = z.infer<typeof ExperimentRecordSchema>;

/** An experiment with its points, as one value (export files, imports, the view). */
export interface ExperimentBundle {
  readonly experiment: ExperimentRecord;
  readonly points: readonly PointRecord[];
}

/** null for a metric that was not measured (NaN/Inf), else the number. */
export function metricOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Back to a number for plotting and dominance (NaN where not measured). */
export function metricValue(x: number | null | undefined): number {
  return x === null || x === undefined ? NaN : x;
}

export const EMPTY_HISTORY: LossHistory = { iteration: [], series: {} };
