import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DataLoadError } from './errors';
import { cacheName, fetchDataIndex, loadDataset, type LoaderEnv, type LoadProgress } from './loader';
import type { Manifest } from './manifest';
import { encodeShard } from './shard';

/**
 * The loader against an in-memory static server and an in-memory Cache
 * Storage. The real browser path (Chromium's fetch, SubtleCrypto and Cache
 * Storage) is covered by e2e/data.test.ts.
 */

const BASE = 'http://test.local/data/';
const shape = { height: 2, width: 3, channels: 1 };

function dataset(counts: { split: 'train' | 'test'; n: number }[], seed = 1) {
  const files = new Map<string, Uint8Array>();
  const all = { train: { images: [] as number[], labels: [] as number[] }, test: { images: [] as number[], labels: [] as number[] } };
  const shards: Manifest['shards'] = [];
  counts.forEach(({ split, n }, k) => {
    const images = new Uint8Array(n * 6).map((_, i) => (i * 13 + k * 7 + seed) & 255);
    const labels = new Uint8Array(n).map((_, i) => (i + k) % 3);
    const bytes = encodeShard(images, labels, shape);
    const file = `${split}-${k}.bin`;
    files.set(`${BASE}toy/${file}`, bytes);
    all[split].images.push(...images);
    all[split].labels.push(...labels);
    shards.push({ file, split, count: n, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });
  const manifest: Manifest = {
    format: 'cdp-lab-shards',
    formatVersion: 1,
    name: 'toy',
    title: 'Toy',
    version: createHash('sha256').update(shards.map((s) => s.sha256).join()).digest('hex').slice(0, 16),
    source: 'unit test',
    imageShape: [2, 3, 1],
    classNames: ['a', 'b', 'c'],
    splits: { train: all.train.labels.length, test: all.test.labels.length },
    shards,
  };
  files.set(`${BASE}toy/manifest.json`, new TextEncoder().encode(JSON.stringify(manifest)));
  return { files, manifest, all };
}

class MemoryCache {
  readonly entries = new Map<string, Uint8Array>();
  async match(url: string) {
    const b = this.entries.get(url);
    return b ? new Response(b.slice()) : undefined;
  }
  async put(url: string, res: Response) {
    this.entries.set(url, new Uint8Array(await res.arrayBuffer()));
  }
  async delete(url: string) {
    return this.entries.delete(url);
  }
}

class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();
  async keys() {
    return [...this.caches.keys()];
  }
  async open(name: string) {
    if (!this.caches.has(name)) this.caches.set(name, new MemoryCache());
    return this.caches.get(name)!;
  }
  async delete(name: string) {
    return this.caches.delete(name);
  }
}

function server(files: Map<string, Uint8Array>, chunk = 5) {
  const log: string[] = [];
  const fetch = async (url: string) => {
    log.push(url);
    const b = files.get(url);
    if (!b) return new Response('not found', { status: 404 });
    // Small chunks so that progress is reported within a shard.
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < b.length; i += chunk) c.enqueue(b.slice(i, i + chunk));
        c.close();
      },
    });
    return new Response(body, { status: 200 });
  };
  return { fetch, log };
}

const shardRequests = (log: string[]) => log.filter((u) => u.endsWith('.bin')).length;

async function rejection(p: Promise<unknown>): Promise<DataLoadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataLoadError);
    return e as DataLoadError;
  }
  throw new Error('expected a rejection');
}

describe('loadDataset', () => {
  let storage: MemoryCacheStorage;
  beforeEach(() => {
    storage = new MemoryCacheStorage();
  });
  const envOf = (fetch: LoaderEnv['fetch']): LoaderEnv => ({ fetch, caches: storage as unknown as CacheStorage });

  it('assembles the splits in shard order, reports byte progress, and caches verified shards', async () => {
    const { files, manifest, all } = dataset([
      { split: 'train', n: 4 },
      { split: 'test', n: 2 },
      { split: 'train', n: 3 },
    ]);
    const srv = server(files);
    const progress: LoadProgress[] = [];
    const d = await loadDataset(BASE, 'toy', { env: envOf(srv.fetch), onProgress: (p) => progress.push(p) });
    expect(Array.from(d.train.images)).toEqual(all.train.images);
    expect(Array.from(d.train.labels)).toEqual(all.train.labels);
    expect(Array.from(d.test.images)).toEqual(all.test.images);
    expect(Array.from(d.test.labels)).toEqual(all.test.labels);
    expect([d.train.count, d.test.count]).toEqual([7, 2]);
    // Exactly-sized buffers, so they can be transferred to a worker as they are.
    expect(d.train.images.buffer.byteLength).toBe(7 * 6);
    expect(d.downloadedShards).toBe(3);
    expect(d.cachedShards).toBe(0);
    const total = manifest.shards.reduce((a, s) => a + s.bytes, 0);
    expect(progress.every((p) => p.totalBytes === total)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i].loadedBytes).toBeGreaterThanOrEqual(progress[i - 1].loadedBytes);
    expect(progress.at(-1)).toMatchObject({ loadedBytes: total, shardsDone: 3, shardsTotal: 3 });
    // Several intermediate values: progress is byte-level, not per shard.
    expect(new Set(progress.map((p) => p.loadedBytes)).size).toBeGreaterThan(10);
    expect([...storage.caches.keys()]).toEqual([cacheName('toy', manifest.version)]);
    expect(storage.caches.get(cacheName('toy', manifest.version))!.entries.size).toBe(3);
  });

  it('serves a second load from the cache with no shard request', async () => {
    const { files } = dataset([{ split: 'train', n: 4 }, { split: 'test', n: 2 }]);
    const srv = server(files);
    const first = await loadDataset(BASE, 'toy', { env: envOf(srv.fetch) });
    expect(shardRequests(srv.log)).toBe(2);
    srv.log.length = 0;
    const second = await loadDataset(BASE, 'toy', { env: envOf(srv.fetch) });
    expect(shardRequests(srv.log)).toBe(0);
    expect(srv.log).toEqual([`${BASE}toy/manifest.json`]);
    expect(second.cachedShards).toBe(2);
    expect(Array.from(second.train.images)).toEqual(Array.from(first.train.images));
  });

  it('drops caches of older versions of the same dataset only', async () => {
    const old = dataset([{ split: 'train', n: 2 }], 1);
    await loadDataset(BASE, 'toy', { env: envOf(server(old.files).fetch) });
    await storage.open('cdp-data:other@123');
    const fresh = dataset([{ split: 'train', n: 2 }], 2);
    expect(fresh.manifest.version).not.toBe(old.manifest.version);
    const srv = server(fresh.files);
    await loadDataset(BASE, 'toy', { env: envOf(srv.fetch) });
    expect(shardRequests(srv.log)).toBe(1);
    expect([...storage.caches.keys()].sort()).toEqual(['cdp-data:other@123', cacheName('toy', fresh.manifest.version)].sort());
  });

  it('names a truncated shard with expected and actual sizes, and caches nothing bad', async () => {
    const { files, manifest } = dataset([{ split: 'train', n: 4 }, { split: 'test', n: 2 }]);
    const url = `${BASE}toy/train-0.bin`;
    files.set(url, files.get(url)!.subarray(0, 40));
    const e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    const size = manifest.shards[0].bytes;
    expect(e.kind).toBe('size');
    expect(e.file).toBe('toy/train-0.bin');
    expect(e.message).toBe(`toy/train-0.bin: expected ${size} bytes, got 40 bytes (truncated)`);
    const cache = storage.caches.get(cacheName('toy', manifest.version))!;
    expect([...cache.entries.keys()]).toEqual([`${BASE}toy/test-1.bin`]);
  });

  it('names a shard that is too long', async () => {
    const { files } = dataset([{ split: 'train', n: 4 }]);
    const url = `${BASE}toy/train-0.bin`;
    files.set(url, Uint8Array.from([...files.get(url)!, 1, 2, 3]));
    const e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.message).toMatch(/^toy\/train-0\.bin: expected 60 bytes, got 63 bytes \(too long\)$/);
  });

  it('names a tampered shard with expected and actual SHA-256', async () => {
    const { files, manifest } = dataset([{ split: 'train', n: 4 }]);
    const url = `${BASE}toy/train-0.bin`;
    const bad = files.get(url)!.slice();
    bad[40] ^= 1;
    files.set(url, bad);
    const e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    const actual = createHash('sha256').update(bad).digest('hex');
    expect(e.kind).toBe('hash');
    expect(e.message).toBe(`toy/train-0.bin: SHA-256 mismatch, expected ${manifest.shards[0].sha256}, got ${actual}`);
    expect([e.expected, e.actual]).toEqual([manifest.shards[0].sha256, actual]);
  });

  it('names a missing shard, and counts the other failures', async () => {
    const { files } = dataset([{ split: 'train', n: 4 }, { split: 'test', n: 2 }]);
    files.delete(`${BASE}toy/train-0.bin`);
    files.delete(`${BASE}toy/test-1.bin`);
    const e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.kind).toBe('missing');
    expect(e.message).toBe('toy/train-0.bin is missing (HTTP 404), expected 60 bytes (and 1 more shard(s) failed)');
  });

  it('names a malformed or missing manifest', async () => {
    const { files } = dataset([{ split: 'train', n: 4 }]);
    const murl = `${BASE}toy/manifest.json`;
    files.set(murl, new TextEncoder().encode('{"format": "cdp-lab-shards", '));
    let e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.kind).toBe('manifest');
    expect(e.message).toBe('toy/manifest.json is malformed: not valid JSON');
    files.set(murl, new TextEncoder().encode(JSON.stringify({ format: 'cdp-lab-shards', formatVersion: 1 })));
    e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.message).toMatch(/^toy\/manifest\.json is malformed: name: /);
    files.delete(murl);
    e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.kind).toBe('missing');
    expect(e.message).toBe('toy is not installed: build its shards with `npm run data`; expected files: public/data/toy/manifest.json and the shards it lists (toy/manifest.json: HTTP 404).');
  });

  it('rejects a shard whose header disagrees with the manifest even when its hash matches', async () => {
    const { files, manifest } = dataset([{ split: 'train', n: 4 }]);
    // A 2x3 shard relabelled as 3x2 in the manifest: same byte size, same hash.
    const m = { ...manifest, imageShape: [3, 2, 1] };
    files.set(`${BASE}toy/manifest.json`, new TextEncoder().encode(JSON.stringify(m)));
    const e = await rejection(loadDataset(BASE, 'toy', { env: envOf(server(files).fetch) }));
    expect(e.kind).toBe('format');
    expect(e.message).toBe('toy/train-0.bin: holds 4 images of 2x3x1, the manifest says 4 of 3x2x1');
  });

  it('re-downloads a cached shard that no longer verifies', async () => {
    const { files, manifest } = dataset([{ split: 'train', n: 4 }]);
    const srv = server(files);
    await loadDataset(BASE, 'toy', { env: envOf(srv.fetch) });
    const cache = storage.caches.get(cacheName('toy', manifest.version))!;
    const url = `${BASE}toy/train-0.bin`;
    cache.entries.get(url)![50] ^= 255;
    srv.log.length = 0;
    const d = await loadDataset(BASE, 'toy', { env: envOf(srv.fetch) });
    expect(shardRequests(srv.log)).toBe(1);
    expect(d.downloadedShards).toBe(1);
    expect(cache.entries.get(url)).toEqual(files.get(url));
  });

  it('works without Cache Storage', async () => {
    const { files, all } = dataset([{ split: 'train', n: 4 }]);
    const d = await loadDataset(BASE, 'toy', { env: { fetch: server(files).fetch } });
    expect(Array.from(d.train.labels)).toEqual(all.train.labels);
  });
});

describe('fetchDataIndex', () => {
  const respond = (status: number, body: string) => async () => new Response(body, { status });
  it('lists installed datasets', async () => {
    const text = JSON.stringify({ format: 'cdp-lab-shards', datasets: [{ name: 'mnist', version: 'ab12', bytes: 10 }] });
    expect((await fetchDataIndex(BASE, { fetch: respond(200, text) })).installed).toEqual([{ name: 'mnist', version: 'ab12', bytes: 10 }]);
  });
  it('treats a 404 or an HTML fallback page as nothing installed', async () => {
    expect((await fetchDataIndex(BASE, { fetch: respond(404, '') })).installed).toEqual([]);
    expect((await fetchDataIndex(BASE, { fetch: respond(200, '<!doctype html><html>') })).installed).toEqual([]);
  });
  it('names a malformed index', async () => {
    await expect(fetchDataIndex(BASE, { fetch: respond(200, '{"format":"cdp-lab-shards"}') })).rejects.toThrow(/^data\/index\.json is malformed: datasets/);
  });
});
