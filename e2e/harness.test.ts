import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptBytes, launchBrowser, startServer, type StaticServer } from './harness';

// The harness itself, against a fixture directory: if it let a request
// through or served the wrong type, every other e2e test would be vacuous.

let root: string;
let server: StaticServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cdp-lab-harness-'));
  mkdirSync(join(root, 'sub'));
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><title>fixture</title><img src="http://127.0.0.2:9/pixel.png"><script src="./app.js"></script>`,
  );
  writeFileSync(join(root, 'app.js'), `fetch('http://example.invalid/beacon').catch(() => {}); console.error('fixture error'); document.title = 'ran';`);
  writeFileSync(join(root, 'm.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(join(root, 'sub', 'd.json'), '{"ok":true}');
  writeFileSync(join(root, 'shard.bin'), Buffer.from([1, 2, 3, 4]));
  writeFileSync(join(tmpdir(), 'cdp-lab-outside.txt'), 'secret');
  server = await startServer({ root });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function get(path: string) {
  const r = await fetch(server.origin + path);
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}

describe('static server', () => {
  it('listens on 127.0.0.1 with a random port and serves MIME types browsers insist on', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get('/')).type).toBe('text/html; charset=utf-8');
    expect((await get('/app.js')).type).toBe('text/javascript; charset=utf-8');
    const wasm = await get('/m.wasm');
    expect(wasm.type).toBe('application/wasm');
    expect([...wasm.body.subarray(0, 4)]).toEqual([0, 97, 115, 109]);
    expect((await get('/sub/d.json')).type).toBe('application/json; charset=utf-8');
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('never serves files outside its root', async () => {
    for (const p of ['/../cdp-lab-outside.txt', '/%2e%2e/cdp-lab-outside.txt', '/sub/..%2f..%2fcdp-lab-outside.txt', '/%E0%A4%A']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body.toString(), p).not.toContain('secret');
    }
  });

  it('overrides and corrupts paths on demand and logs every request', async () => {
    server.override('/shard.bin', (orig) => ({ body: corruptBytes(orig!, [1]) }));
    expect([...(await get('/shard.bin')).body]).toEqual([1, 253, 3, 4]);
    server.override('/shard.bin', { status: 503, body: 'down' });
    expect((await get('/shard.bin')).status).toBe(503);
    server.override('/shard.bin', undefined);
    expect([...(await get('/shard.bin')).body]).toEqual([1, 2, 3, 4]);
    const log = server.requests.filter((r) => r.url === '/shard.bin').map((r) => r.status);
    expect(log).toEqual([200, 503, 200]);
  });
});

describe('browser', () => {
  it('blocks and records requests to other origins, and records console errors', async () => {
    const b = await launchBrowser(server);
    try {
      await b.page.goto(server.url);
      await b.page.waitForFunction(() => document.title === 'ran');
      await expect.poll(() => b.foreignRequests.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(b.foreignRequests).toEqual(
        expect.arrayContaining(['http://127.0.0.2:9/pixel.png', 'http://example.invalid/beacon']),
      );
      expect(b.consoleErrors.some((e) => e.startsWith('fixture error'))).toBe(true);
      // Nothing foreign reached any server: only ours saw traffic, and only for its own files.
      expect(server.requests.every((r) => !r.url.includes('beacon') && !r.url.includes('pixel'))).toBe(true);
    } finally {
      await b.close();
    }
  });

  it('counts an unhandled rejection in the page as a page error', async () => {
    const b = await launchBrowser(server);
    try {
      await b.page.goto(server.url);
      await b.page.evaluate(() => {
        void Promise.reject(new TypeError('nobody caught me'));
      });
      await expect.poll(() => b.pageErrors.some((e) => e === 'unhandledrejection: TypeError: nobody caught me'), { timeout: 10_000 }).toBe(true);
    } finally {
      await b.close();
    }
  });
});
