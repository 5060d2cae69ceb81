import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { base64UrlToBytes, bytesToBase64Url } from './base64';
import { canonicalJson } from './canonical';
import { checkConfig, describeIssues, MAX_POINTS, type Checked, type ExperimentConfig } from './config';
import { DistortionSchema, ErrorRateSchema, FiniteSchema } from './metricBounds';
import { pointCount } from './weights';

/**
 * The experiment's share of the permalink: its config, and, when they are
 * small, its results. Both are JSON, raw-DEFLATEd (fflate) and written in
 * base64url, behind a one-character version. Results are rounded to
 * RESULT_DIGITS significant digits and embedded only when their text fits in
 * MAX_RESULTS_CHARS characters: about 100 points (109 measured in
 * link.test.ts); larger sweeps travel as export files. The two limits keep the
 * whole hash under the codec's 4,096 characters.
 */

export const LINK_VERSION = '1';
/** Longest config text a link carries (a hand-edited list of 256 points still fits). */
export const MAX_CONFIG_CHARS = 2000;
/** Longest embedded-results text. */
export const MAX_RESULTS_CHARS = 1500;
/** Significant digits of embedded metrics. */
export const RESULT_DIGITS = 4;
/** Inflated JSON larger than this is refused (a crafted link could expand ~1000-fold). */
const MAX_INFLATED = 64 * 1024;

function pack(value: unknown): string {
  return LINK_VERSION + bytesToBase64Url(deflateSync(strToU8(canonicalJson(value)), { level: 9 }));
}

function unpack(text: string): Checked<unknown> {
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text[0] !== LINK_VERSION) return { ok: false, reason: `unknown link version ${JSON.stringify(text[0])}` };
  let bytes: Uint8Array;
  try {
    bytes = base64UrlToBytes(text.slice(1));
  } catch {
    return { ok: false, reason: 'not base64url' };
  }
  let json: string;
  try {
    const out = inflateSync(bytes, { out: new Uint8Array(MAX_INFLATED + 1) });
    if (out.length > MAX_INFLATED) return { ok: false, reason: 'expands too far' };
    json = strFromU8(out);
  } catch {
    return { ok: false, reason: 'not compressed data' };
  }
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
}

/** The config as link text, or null when it is longer than MAX_CONFIG_CHARS. */
export function encodeConfigParam(config: ExperimentConfig): string | null {
  const s = pack(config);
  return s.length <= MAX_CONFIG_CHARS ? s : null;
}

export function decodeConfigParam(text: string): Checked<ExperimentConfig> {
  if (text.length > MAX_CONFIG_CHARS) return { ok: false, reason: `longer than ${MAX_CONFIG_CHARS} characters` };
  const u = unpack(text);
  if (!u.ok) return u;
  const c = checkConfig(u.value);
  return c.ok ? c : { ok: false, reason: `invalid config: ${c.reason}` };
}

/** A finished point as the link carries it. */
export interface LinkPoint {
  readonly index: number;
  readonly D: number;
  /** null: not measured. */
  readonly P: number | null;
  readonly C: number;
}

export interface LinkResults {
  readonly points: readonly LinkPoint[];
  /** The identity and clean-input baselines, as [D, P, C], when known. */
  readonly identity: readonly [number, number | null, number] | null;
  readonly clean: readonly [number, number | null, number] | null;
}

export function roundDigits(x: number, digits = RESULT_DIGITS): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

// The same bounds as the metrics of export files (metricBounds.ts).
const triple = z.tuple([DistortionSchema, FiniteSchema.nullable(), ErrorRateSchema]);
const ResultsWire = z.strictObject({
  p: z.array(z.tuple([z.int().min(0).max(MAX_POINTS - 1), DistortionSchema, FiniteSchema.nullable(), ErrorRateSchema])).max(MAX_POINTS),
  i: triple.nullable(),
  c: triple.nullable(),
});

const WIRE_POINT = ['index', 'D', 'P', 'C'] as const;
const WIRE_TRIPLE = ['D', 'P', 'C'] as const;

/**
 * A wire issue as the results' field path: a point is named by its index in
 * the config ("results.points[9].C"), a baseline by its kind; null for an
 * issue that is not about one value.
 */
function wireFieldPath(raw: unknown, path: readonly PropertyKey[]): string | null {
  const [head, k, j] = path;
  if ((head === 'i' || head === 'c') && typeof k === 'number' && path.length === 2) {
    return `results.${head === 'i' ? 'identity' : 'clean'}.${WIRE_TRIPLE[k] ?? k}`;
  }
  if (head === 'p' && typeof k === 'number' && typeof j === 'number' && path.length === 3) {
    const row = (raw as { p?: unknown[] }).p?.[k];
    const index = Array.isArray(row) && typeof row[0] === 'number' ? row[0] : `#${k}`;
    return `results.points[${index}].${WIRE_POINT[j] ?? j}`;
  }
  return null;
}

function describeWireIssues(raw: unknown, error: z.ZodError): string {
  const first = error.issues[0];
  const named = first ? wireFieldPath(raw, first.path) : null;
  return named ? `${named}: ${first.message}` : `invalid results: ${describeIssues(error, 2)}`;
}

const r3 = (t: readonly [number, number | null, number] | null) =>
  t && ([roundDigits(t[0]), t[1] === null ? null : roundDigits(t[1]), roundDigits(t[2])] as const);

/** Rounded results as link text, or null when they do not fit in MAX_RESULTS_CHARS. */
export function encodeResultsParam(r: LinkResults): string | null {
  const wire = {
    p: [...r.points]
      .sort((a, b) => a.index - b.index)
      .map((p) => [p.index, roundDigits(p.D), p.P === null ? null : roundDigits(p.P), roundDigits(p.C)]),
    i: r3(r.identity),
    c: r3(r.clean),
  };
  const s = pack(wire);
  return s.length <= MAX_RESULTS_CHARS ? s : null;
}

/** Results from a link, checked against the config they came with. */
export function decodeResultsParam(text: string, config: ExperimentConfig): Checked<LinkResults> {
  if (text.length > MAX_RESULTS_CHARS) return { ok: false, reason: `longer than ${MAX_RESULTS_CHARS} characters` };
  const u = unpack(text);
  if (!u.ok) return u;
  const w = ResultsWire.safeParse(u.value);
  if (!w.success) return { ok: false, reason: describeWireIssues(u.value, w.error) };
  const n = pointCount(config.weights);
  const seen = new Set<number>();
  for (const [index] of w.data.p) {
    if (index >= n) return { ok: false, reason: `point ${index} is not in the config's ${n} points` };
    if (seen.has(index)) return { ok: false, reason: `point ${index} appears twice` };
    seen.add(index);
  }
  return {
    ok: true,
    value: {
      points: w.data.p.map(([index, D, P, C]) => ({ index, D, P, C })),
      identity: w.data.i,
      clean: w.data.c,
    },
  };
}
