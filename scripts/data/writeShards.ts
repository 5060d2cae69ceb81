import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, parseManifest, type DataIndex, type Manifest, type ShardEntry } from '../../src/data/manifest';
import { encodeShard, imageBytes, type ImageShape } from '../../src/data/shard';
import { TARGET_SHARD_BYTES } from './constants';
import { BuildError } from './errors';
import type { RawDataset } from './raw';

/** Images per shard: about targetBytes, in round thousands once that many fit. */
export function imagesPerShard(shape: ImageShape, targetBytes: number): number {
  const n = Math.max(1, Math.floor(targetBytes / (imageBytes(shape) + 1)));
  return n >= 1000 ? n - (n % 1000) : n;
}

export interface BuiltShard {
  readonly entry: ShardEntry;
  readonly bytes: Uint8Array;
}

export function buildShards(ds: RawDataset, targetBytes = TARGET_SHARD_BYTES): { manifest: Manifest; shards: BuiltShard[] } {
  const shape = { height: ds.height, width: ds.width, channels: ds.channels };
  const per = imageBytes(shape);
  const perShard = imagesPerShard(shape, targetBytes);
  const shards: BuiltShard[] = [];
  for (const split of ['train', 'test'] as const) {
    const { images, labels } = ds[split];
    if (images.length !== labels.length * per) throw new BuildError(`${ds.name} ${split}: ${images.length} pixel bytes for ${labels.length} labels`);
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] >= ds.classNames.length) throw new BuildError(`${ds.name} ${split}: label ${labels[i]} at ${i} is outside 0..${ds.classNames.length - 1}`);
    }
    for (let start = 0, k = 0; start < labels.length; start += perShard, k++) {
      const end = Math.min(labels.length, start + perShard);
      const bytes = encodeShard(images.subarray(start * per, end * per), labels.subarray(start, end), shape);
      const entry: ShardEntry = {
        file: `${split}-${String(k).padStart(3, '0')}.bin`,
        split,
        count: end - start,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      shards.push({ entry, bytes });
    }
  }
  const version = createHash('sha256')
    .update(JSON.stringify({ shape, classNames: ds.classNames, shards: shards.map((s) => s.entry.sha256) }))
    .digest('hex')
    .slice(0, 16);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    name: ds.name,
    title: ds.title,
    version,
    source: ds.source,
    imageShape: [ds.height, ds.width, ds.channels],
    classNames: [...ds.classNames],
    splits: { train: ds.train.labels.length, test: ds.test.labels.length },
    shards: shards.map((s) => s.entry),
  };
  const check = parseManifest(JSON.stringify(manifest));
  if (!check.ok) throw new Error(`internal: built manifest does not validate: ${check.error}`);
  return { manifest, shards };
}

/** Writes <out>/<name>/ via a temporary folder so a failed build leaves the old one intact. */
export function writeDataset(out: string, ds: RawDataset, targetBytes = TARGET_SHARD_BYTES): Manifest {
  const { manifest, shards } = buildShards(ds, targetBytes);
  mkdirSync(out, { recursive: true });
  const tmp = join(out, `.tmp-${ds.name}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const s of shards) writeFileSync(join(tmp, s.entry.file), s.bytes);
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const dest = join(out, ds.name);
  rmSync(dest, { recursive: true, force: true });
  renameSync(tmp, dest);
  writeIndex(out);
  return manifest;
}

/** Reads <out>/<name>/manifest.json; undefined when absent or malformed. */
export function readManifest(out: string, name: string): Manifest | undefined {
  const p = join(out, name, 'manifest.json');
  if (!existsSync(p)) return undefined;
  const r = parseManifest(readFileSync(p, 'utf8'));
  return r.ok ? r.value : undefined;
}

/** True when the manifest parses and every shard file is there with its size. */
export function isComplete(out: string, name: string): boolean {
  const m = readManifest(out, name);
  if (!m) return false;
  return m.shards.every((s) => {
    const p = join(out, name, s.file);
    return existsSync(p) && statSync(p).size === s.bytes;
  });
}

/** Rewrites <out>/index.json from the dataset folders present. */
export function writeIndex(out: string): DataIndex {
  const datasets: DataIndex['datasets'] = [];
  for (const name of readdirSync(out).sort()) {
    if (name.startsWith('.')) continue;
    const m = readManifest(out, name);
    if (m) datasets.push({ name: m.name, version: m.version, bytes: m.shards.reduce((a, s) => a + s.bytes, 0) });
  }
  const index: DataIndex = { format: MANIFEST_FORMAT, datasets };
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  return index;
}
