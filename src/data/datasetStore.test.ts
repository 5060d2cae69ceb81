import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataStore } from './datasetStore';
import { encodeShard } from './shard';

const BASE = 'http://app.local/data/';

function site() {
  const files = new Map<string, string | Uint8Array<ArrayBuffer>>();
  const images = new Uint8Array(3 * 784).map((_, i) => i % 251);
  const shard = encodeShard(images, Uint8Array.from([0, 1, 2]), { height: 28, width: 28, channels: 1 });
  files.set(`${BASE}mnist/train-000.bin`, shard);
  const manifest = {
    format: 'cdp-lab-shards',
    formatVersion: 1,
    name: 'mnist',
    title: 'MNIST',
    version: 'abcdef0123456789',
    source: 'store test',
    imageShape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    splits: { train: 3, test: 0 },
    shards: [{ file: 'train-000.bin', split: 'train', count: 3, bytes: shard.length, sha256: createHash('sha256').update(shard).digest('hex') }],
  };
  files.set(`${BASE}mnist/manifest.json`, JSON.stringify(manifest));
  files.set(`${BASE}index.json`, JSON.stringify({ format: 'cdp-lab-shards', datasets: [{ name: 'mnist', version: manifest.version, bytes: shard.length }] }));
  const fetch = async (url: string) => {
    const b = files.get(url);
    return b === undefined ? new Response('', { status: 404 }) : new Response(b);
  };
  return { files, fetch, shard };
}

describe('data store', () => {
  it('marks installed and missing datasets, loads one, keeps its arrays', async () => {
    const s = site();
    const store = createDataStore(() => ({ fetch: s.fetch }), () => BASE);
    await store.getState().refresh();
    const slots = store.getState().slots;
    expect(slots.mnist.install).toBe('installed');
    expect(slots.mnist.manifest?.splits).toEqual({ train: 3, test: 0 });
    expect(slots.cifar10.install).toBe('not-installed');
    expect(slots['fashion-mnist'].install).toBe('not-installed');
    const data = await store.getState().load('mnist');
    expect(data?.train.count).toBe(3);
    const after = store.getState().slots.mnist;
    expect(after.load).toBe('loaded');
    expect(after.progress?.loadedBytes).toBe(s.shard.length);
    expect(Array.from(after.data!.train.labels)).toEqual([0, 1, 2]);
  });

  it('keeps the error naming the file', async () => {
    const s = site();
    s.files.set(`${BASE}mnist/train-000.bin`, s.shard.subarray(0, 100));
    const store = createDataStore(() => ({ fetch: s.fetch }), () => BASE);
    await store.getState().refresh();
    expect(await store.getState().load('mnist')).toBeUndefined();
    const slot = store.getState().slots.mnist;
    expect(slot.load).toBe('error');
    expect(slot.error).toEqual({
      file: 'mnist/train-000.bin',
      message: `mnist/train-000.bin: expected ${s.shard.length.toLocaleString('en-US')} bytes, got 100 bytes (truncated)`,
    });
  });

  it('reports a malformed manifest at refresh time and nothing installed without an index', async () => {
    const s = site();
    s.files.set(`${BASE}mnist/manifest.json`, '{"format":"cdp-lab-shards"}');
    const store = createDataStore(() => ({ fetch: s.fetch }), () => BASE);
    await store.getState().refresh();
    expect(store.getState().slots.mnist.error?.message).toMatch(/^mnist\/manifest\.json is malformed: /);
    s.files.delete(`${BASE}index.json`);
    await store.getState().refresh();
    expect(store.getState().slots.mnist.install).toBe('not-installed');
    expect(store.getState().slots.mnist.error).toBeUndefined();
    expect(store.getState().indexNote).toMatch(/no dataset has been built/);
  });
});
