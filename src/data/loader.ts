import { DataLoadError, formatBytes } from './errors';
import { parseDataIndex, parseManifest, shapeOf, type DataIndex, type Manifest, type ShardEntry, type SplitName } from './manifest';
import { missingAnswer, notInstalledMessage, notJsonAnswer } from './notInstalled';
import { decodeShard, imageBytes, ShardFormatError, type DecodedShard } from './shard';
import { sha256Hex } from './sha256';

/**
 * Browser loader: manifest, then every shard in parallel with byte-level
 * progress; each shard's size and SHA-256 are checked before use and before it
 * goes into Cache Storage. Later loads read verified shards from the cache and
 * make no shard request. Works in Node too (tests), given `fetch`.
 */

export interface SplitArrays {
  readonly count: number;
  /** count x H x W x C uint8, its own exactly-sized buffer (transferable). */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface LoadedDataset {
  readonly manifest: Manifest;
  readonly train: SplitArrays;
  readonly test: SplitArrays;
  readonly downloadedShards: number;
  readonly cachedShards: number;
  readonly totalBytes: number;
}

export interface LoadProgress {
  readonly loadedBytes: number;
  readonly totalBytes: number;
  readonly shardsDone: number;
  readonly shardsTotal: number;
}

export interface LoaderEnv {
  readonly fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Absent where Cache Storage is unavailable (insecure context, tests). */
  readonly caches?: CacheStorage;
}

export interface LoadOptions {
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  readonly env?: LoaderEnv;
}

export const CACHE_PREFIX = 'cdp-data:';

export function cacheName(dataset: string, version: string): string {
  return `${CACHE_PREFIX}${dataset}@${version}`;
}

export function defaultEnv(): LoaderEnv {
  const caches = typeof globalThis.caches === 'undefined' ? undefined : globalThis.caches;
  return { fetch: (url, init) => globalThis.fetch(url, init), caches };
}

function join(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

async function fetchText(url: string, file: string, env: LoaderEnv, signal?: AbortSignal): Promise<Response> {
  try {
    return await env.fetch(url, { cache: 'no-store', signal });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new DataLoadError(file, 'network', `${file}: request failed (${(e as Error).message})`);
  }
}

export type IndexResult = { installed: DataIndex['datasets']; note?: string };

/**
 * index.json lists the installed datasets. Without it nothing is installed;
 * static hosts that answer unknown paths with index.html land here as well.
 */
export async function fetchDataIndex(dataBase: string, env: LoaderEnv = defaultEnv()): Promise<IndexResult> {
  const res = await fetchText(join(dataBase, 'index.json'), 'data/index.json', env);
  if (res.status === 404) return { installed: [], note: 'data/index.json not found: no dataset has been built' };
  if (!res.ok) throw new DataLoadError('data/index.json', 'index', `data/index.json: HTTP ${res.status}`);
  const text = await res.text();
  if (/^\s*</.test(text)) return { installed: [], note: 'data/index.json not found: no dataset has been built' };
  const parsed = parseDataIndex(text);
  if (!parsed.ok) throw new DataLoadError('data/index.json', 'index', `data/index.json is malformed: ${parsed.error}`);
  return { installed: parsed.value.datasets };
}

export async function fetchManifest(dataBase: string, dataset: string, env: LoaderEnv = defaultEnv(), signal?: AbortSignal): Promise<Manifest> {
  const file = `${dataset}/manifest.json`;
  const res = await fetchText(join(dataBase, file), file, env, signal);
  const missing = (why: string) => new DataLoadError(file, 'missing', notInstalledMessage(dataset, file, why));
  const early = missingAnswer(res);
  if (early) throw missing(early);
  if (!res.ok) throw new DataLoadError(file, 'network', `${file}: HTTP ${res.status}`);
  const text = await res.text();
  const fallback = missingAnswer(res, text);
  if (fallback) throw missing(fallback);
  const parsed = parseManifest(text);
  if (!parsed.ok) {
    // Not JSON under a type that is not JSON either: some other server page, not a damaged manifest.
    const other = parsed.error === 'not valid JSON' ? notJsonAnswer(res) : null;
    throw other ? missing(other) : new DataLoadError(file, 'manifest', `${file} is malformed: ${parsed.error}`);
  }
  if (parsed.value.name !== dataset) {
    throw new DataLoadError(file, 'manifest', `${file} is malformed: it describes "${parsed.value.name}", not "${dataset}"`);
  }
  return parsed.value;
}

/** Reads a response body into one buffer of the expected size, reporting bytes as they arrive. */
async function readBody(res: Response, shard: ShardEntry, file: string, onBytes: (n: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(shard.bytes);
  let got = 0;
  if (!res.body) {
    const all = new Uint8Array(await res.arrayBuffer());
    got = all.length;
    if (got === shard.bytes) out.set(all);
    onBytes(Math.min(got, shard.bytes));
  } else {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Past the expected size, keep counting so the message can say by how much.
      if (got + value.length <= shard.bytes) out.set(value, got);
      else if (got < shard.bytes) out.set(value.subarray(0, shard.bytes - got), got);
      const before = Math.min(got, shard.bytes);
      got += value.length;
      onBytes(Math.min(got, shard.bytes) - before);
    }
  }
  if (got !== shard.bytes) throw sizeError(file, shard.bytes, got);
  return out;
}

function sizeError(file: string, expected: number, actual: number): DataLoadError {
  const how = actual < expected ? 'truncated' : 'too long';
  return new DataLoadError(
    file,
    'size',
    `${file}: expected ${formatBytes(expected)}, got ${formatBytes(actual)} (${how})`,
    String(expected),
    String(actual),
  );
}

async function verify(bytes: Uint8Array, shard: ShardEntry, file: string): Promise<void> {
  if (bytes.length !== shard.bytes) throw sizeError(file, shard.bytes, bytes.length);
  const actual = await sha256Hex(bytes);
  if (actual !== shard.sha256) {
    throw new DataLoadError(
      file,
      'hash',
      `${file}: SHA-256 mismatch, expected ${shard.sha256}, got ${actual}`,
      shard.sha256,
      actual,
    );
  }
}

async function openCache(env: LoaderEnv, manifest: Manifest): Promise<Cache | undefined> {
  const storage = env.caches;
  if (!storage) return undefined;
  try {
    const current = cacheName(manifest.name, manifest.version);
    const prefix = `${CACHE_PREFIX}${manifest.name}@`;
    for (const key of await storage.keys()) {
      if (key.startsWith(prefix) && key !== current) await storage.delete(key);
    }
    return await storage.open(current);
  } catch {
    return undefined; // a broken or refused cache only costs a download
  }
}

async function cachedShard(cache: Cache | undefined, url: string, shard: ShardEntry, file: string): Promise<Uint8Array | undefined> {
  if (!cache) return undefined;
  try {
    const hit = await cache.match(url);
    if (!hit) return undefined;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    await verify(bytes, shard, file);
    return bytes;
  } catch {
    await cache.delete(url).catch(() => false);
    return undefined;
  }
}

function decode(bytes: Uint8Array, shard: ShardEntry, file: string, manifest: Manifest): DecodedShard {
  let d: DecodedShard;
  try {
    d = decodeShard(bytes, manifest.classNames.length);
  } catch (e) {
    if (e instanceof ShardFormatError) throw new DataLoadError(file, 'format', `${file}: ${e.message}`);
    throw e;
  }
  const [h, w, c] = manifest.imageShape;
  if (d.count !== shard.count || d.height !== h || d.width !== w || d.channels !== c) {
    throw new DataLoadError(
      file,
      'format',
      `${file}: holds ${d.count} images of ${d.height}x${d.width}x${d.channels}, the manifest says ${shard.count} of ${h}x${w}x${c}`,
    );
  }
  return d;
}

/** Copies each split's shards into one array per split: the single copy made. */
export function assembleSplits(manifest: Manifest, decoded: readonly DecodedShard[]): Record<SplitName, SplitArrays> {
  const per = imageBytes(shapeOf(manifest));
  const result = {} as Record<SplitName, SplitArrays>;
  for (const split of ['train', 'test'] as const) {
    const count = manifest.splits[split];
    const images = new Uint8Array(count * per);
    const labels = new Uint8Array(count);
    let at = 0;
    manifest.shards.forEach((s, i) => {
      if (s.split !== split) return;
      images.set(decoded[i].images, at * per);
      labels.set(decoded[i].labels, at);
      at += s.count;
    });
    result[split] = { count, images, labels };
  }
  return result;
}

export async function loadDataset(dataBase: string, dataset: string, opts: LoadOptions = {}): Promise<LoadedDataset> {
  const env = opts.env ?? defaultEnv();
  const manifest = await fetchManifest(dataBase, dataset, env, opts.signal);
  const cache = await openCache(env, manifest);
  const totalBytes = manifest.shards.reduce((a, s) => a + s.bytes, 0);
  let loadedBytes = 0;
  let shardsDone = 0;
  const report = () =>
    opts.onProgress?.({ loadedBytes, totalBytes, shardsDone, shardsTotal: manifest.shards.length });
  report();
  let downloaded = 0;
  let cached = 0;

  const one = async (shard: ShardEntry): Promise<DecodedShard> => {
    const file = `${dataset}/${shard.file}`;
    const url = join(dataBase, file);
    let bytes = await cachedShard(cache, url, shard, file);
    if (bytes) {
      cached++;
      loadedBytes += shard.bytes;
    } else {
      let res: Response;
      try {
        res = await env.fetch(url, { cache: 'no-store', signal: opts.signal });
      } catch (e) {
        if (opts.signal?.aborted) throw e;
        throw new DataLoadError(file, 'network', `${file}: request failed (${(e as Error).message})`);
      }
      const gone = missingAnswer(res);
      if (gone) throw new DataLoadError(file, 'missing', `${file} is missing (${gone}), expected ${formatBytes(shard.bytes)}`);
      if (!res.ok) throw new DataLoadError(file, 'network', `${file}: HTTP ${res.status}`);
      let counted = 0;
      try {
        bytes = await readBody(res, shard, file, (n) => {
          counted += n;
          loadedBytes += n;
          report();
        });
      } catch (e) {
        loadedBytes -= counted;
        throw e;
      }
      await verify(bytes, shard, file);
      downloaded++;
      if (cache) {
        const body = new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
        await cache.put(url, body).catch(() => undefined);
      }
    }
    const d = decode(bytes, shard, file, manifest);
    shardsDone++;
    report();
    return d;
  };

  // allSettled, not all: good shards still reach the cache, so a retry after a
  // fix fetches only the bad ones.
  const settled = await Promise.allSettled(manifest.shards.map(one));
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed.length > 0) {
    const first = failed[0].reason;
    if (first instanceof DataLoadError && failed.length > 1) {
      throw new DataLoadError(first.file, first.kind, `${first.message} (and ${failed.length - 1} more shard(s) failed)`, first.expected, first.actual);
    }
    throw first;
  }
  const decoded = settled.map((s) => (s as PromiseFulfilledResult<DecodedShard>).value);
  const splits = assembleSplits(manifest, decoded);
  return { manifest, ...splits, downloadedShards: downloaded, cachedShards: cached, totalBytes };
}
