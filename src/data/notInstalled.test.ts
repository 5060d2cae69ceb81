import { describe, expect, it } from 'vitest';
import { TARGET_SHARD_BYTES } from '../../scripts/data/constants';
import { imagesPerShard } from '../../scripts/data/writeShards';
import { DATASETS } from './catalog';
import { DATA_MISSING_ERROR, DataLoadError, isDataMissing } from './errors';
import { fetchManifest, loadDataset, type LoaderEnv } from './loader';

// A dataset whose files are absent is named as not installed, with its
// install command and files, whether the static server answers 404 or its
// single-page-app fallback (index.html, status 200).

const BASE = 'http://test.local/data/';
const INDEX_HTML = '<!doctype html><html><head><title>CDP Lab</title></head><body><div id="root"></div></body></html>';

const CIFAR_MESSAGE =
  'CIFAR-10 is not installed: run `npm run data -- --cifar10 PATH` (PATH: cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, or its extracted folder), ' +
  'then build and serve the app again (`npm start`); expected files: public/data/cifar10/manifest.json, train-000.bin … train-049.bin, test-000.bin … test-009.bin';

const answer = (status: number, body: string, type?: string): LoaderEnv => ({
  fetch: async () => new Response(body, { status, headers: type ? { 'content-type': type } : {} }),
});

async function failure(p: Promise<unknown>): Promise<DataLoadError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataLoadError);
    return e as DataLoadError;
  }
  throw new Error('expected a rejection');
}

describe('a dataset that is not installed', () => {
  it('a 404 for the manifest names the dataset, its install command and files', async () => {
    const e = await failure(fetchManifest(BASE, 'cifar10', answer(404, 'Not Found', 'text/plain')));
    expect(e.kind).toBe('missing');
    expect(e.message).toBe(`${CIFAR_MESSAGE} (cifar10/manifest.json: HTTP 404).`);
    expect(isDataMissing(e)).toBe(true);
  });

  it('the SPA fallback (index.html with status 200) reads the same, by content type or by body', async () => {
    const byType = await failure(fetchManifest(BASE, 'cifar10', answer(200, INDEX_HTML, 'text/html; charset=utf-8')));
    expect(byType.kind).toBe('missing');
    expect(byType.message).toBe(`${CIFAR_MESSAGE} (cifar10/manifest.json: the server answered with an HTML page, its fallback for a missing file).`);
    const byBody = await failure(fetchManifest(BASE, 'cifar10', answer(200, `\n  ${INDEX_HTML}`)));
    expect(byBody.message).toBe(byType.message);
    expect(byBody.message).not.toMatch(/malformed/);
  });

  it('another non-JSON page under a non-JSON type is missing too; a broken JSON manifest stays malformed', async () => {
    const plain = await failure(fetchManifest(BASE, 'fashion-mnist', answer(200, 'Not here', 'text/plain')));
    expect(plain.kind).toBe('missing');
    expect(plain.message).toMatch(/^Fashion-MNIST is not installed: run `npm run data -- --fashion-dir DIR` .*\(fashion-mnist\/manifest\.json: the server answered with text\/plain, not JSON\)\.$/);
    const broken = await failure(fetchManifest(BASE, 'mnist', answer(200, '{"format": "cdp-lab-shards", ', 'application/json')));
    expect(broken.kind).toBe('manifest');
    expect(broken.message).toBe('mnist/manifest.json is malformed: not valid JSON');
    expect(isDataMissing(broken)).toBe(false);
  });

  it('a shard answered by the fallback page is missing, not truncated', async () => {
    const manifest = {
      format: 'cdp-lab-shards',
      formatVersion: 1,
      name: 'mnist',
      title: 'MNIST',
      version: '0123456789abcdef',
      source: 'test',
      imageShape: [28, 28, 1],
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      splits: { train: 1, test: 0 },
      shards: [{ file: 'train-000.bin', split: 'train', count: 1, bytes: 32 + 784 + 1, sha256: '0'.repeat(64) }],
    };
    const env: LoaderEnv = {
      fetch: async (url) =>
        url.endsWith('manifest.json')
          ? new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json' } })
          : new Response(INDEX_HTML, { headers: { 'content-type': 'text/html' } }),
    };
    const e = await failure(loadDataset(BASE, 'mnist', { env }));
    expect(e.kind).toBe('missing');
    expect(e.message).toBe('mnist/train-000.bin is missing (the server answered with an HTML page, its fallback for a missing file), expected 817 bytes');
  });

  it('keeps its name across a worker boundary (comlink sends name and message)', () => {
    const e = new DataLoadError('cifar10/manifest.json', 'missing', 'x');
    const copy = Object.assign(new Error(e.message), { name: e.name, message: e.message });
    expect(copy.name).toBe(DATA_MISSING_ERROR);
    expect(isDataMissing(copy)).toBe(true);
    expect(isDataMissing(new DataLoadError('f', 'hash', 'x'))).toBe(false);
  });

  it('states the shard files the builder writes', () => {
    const sizes: Record<string, { train: number; test: number }> = { mnist: { train: 8000, test: 2000 }, 'fashion-mnist': { train: 60000, test: 10000 }, cifar10: { train: 50000, test: 10000 } };
    for (const d of DATASETS) {
      const per = imagesPerShard({ height: d.height, width: d.width, channels: d.channels }, TARGET_SHARD_BYTES);
      expect(d.shardCounts, d.name).toEqual({ train: Math.ceil(sizes[d.name].train / per), test: Math.ceil(sizes[d.name].test / per) });
    }
  });
});
