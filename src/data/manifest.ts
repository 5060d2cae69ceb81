import { z } from 'zod';
import { shardByteLength } from './shard';

/**
 * manifest.json, one per dataset folder (public/data/<dataset>/). It lists
 * every shard with its exact byte size and SHA-256 so the loader can reject a
 * missing, truncated or altered file by name. `version` is derived from the
 * shard hashes, so any change of content gives a new cache name.
 */

export const MANIFEST_FORMAT = 'cdp-lab-shards';
export const MANIFEST_FORMAT_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');
const positiveInt = z.number().int().positive();
const fileName = z.string().regex(/^[A-Za-z0-9_-]+\.bin$/, 'a shard file is a plain name ending in .bin');

export const SplitNameSchema = z.enum(['train', 'test']);
export type SplitName = z.infer<typeof SplitNameSchema>;

export const ShardEntrySchema = z.object({
  file: fileName,
  split: SplitNameSchema,
  count: positiveInt,
  bytes: positiveInt,
  sha256: sha256Hex,
});
export type ShardEntry = z.infer<typeof ShardEntrySchema>;

export const ManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
    name: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    version: z.string().regex(/^[0-9a-f]{8,64}$/),
    source: z.string(),
    imageShape: z.tuple([positiveInt, positiveInt, positiveInt]),
    classNames: z.array(z.string().min(1)).min(2).max(256),
    splits: z.object({ train: z.number().int().nonnegative(), test: z.number().int().nonnegative() }),
    shards: z.array(ShardEntrySchema).min(1),
  })
  .superRefine((m, ctx) => {
    const [h, w, c] = m.imageShape;
    const seen = new Set<string>();
    const counted = { train: 0, test: 0 };
    m.shards.forEach((s, i) => {
      if (seen.has(s.file)) ctx.addIssue({ code: 'custom', path: ['shards', i, 'file'], message: `${s.file} is listed twice` });
      seen.add(s.file);
      counted[s.split] += s.count;
      const expected = shardByteLength(s.count, { height: h, width: w, channels: c });
      if (s.bytes !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['shards', i, 'bytes'],
          message: `${s.file}: ${s.count} images of ${h}x${w}x${c} make ${expected} bytes, not ${s.bytes}`,
        });
      }
    });
    for (const split of ['train', 'test'] as const) {
      if (counted[split] !== m.splits[split]) {
        ctx.addIssue({
          code: 'custom',
          path: ['splits', split],
          message: `split ${split} has ${m.splits[split]} images but its shards hold ${counted[split]}`,
        });
      }
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;

/** public/data/index.json: the datasets the builder installed. */
export const DataIndexSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  datasets: z.array(
    z.object({ name: z.string().regex(/^[a-z0-9-]+$/), version: z.string(), bytes: z.number().int().nonnegative() }),
  ),
});
export type DataIndex = z.infer<typeof DataIndexSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Parses manifest text; the error names the first problems found. */
export function parseManifest(text: string): ParseResult<Manifest> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const r = ManifestSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describe(r.error) };
}

export function parseDataIndex(text: string): ParseResult<DataIndex> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const r = DataIndexSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describe(r.error) };
}

export function shapeOf(m: Manifest): { height: number; width: number; channels: number } {
  const [height, width, channels] = m.imageShape;
  return { height, width, channels };
}
