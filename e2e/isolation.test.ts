import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tid, waitForPlots } from './app';
import { launchBrowser, startServer, waitUntil, type StaticServer } from './harness';

// A static host that cannot send COOP/COEP: the service worker adds them to
// what it serves, so from the first reload it controls, the page is
// cross-origin isolated (threaded wasm), with the strict CSP still in force.

let server: StaticServer;

beforeAll(async () => {
  server = await startServer({ isolation: false });
});

afterAll(async () => {
  await server?.close();
});

describe('cross-origin isolation from the service worker on a plain static host', () => {
  it('the first visit reloads once when the worker takes control, then the page is isolated and the training worker threaded', async () => {
    const b = await launchBrowser(server, { serviceWorkers: 'allow' });
    try {
      let loads = 0;
      b.page.on('load', () => loads++);
      const scripts: { url: string; fromServiceWorker: boolean; coep: string | undefined }[] = [];
      b.context.on('response', (r) => {
        if (r.url().endsWith('.js')) scripts.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), coep: r.headers()['cross-origin-embedder-policy'] });
      });
      await b.page.goto(`${server.url}#v=1`);
      // The worker installs, claims the page, and the page reloads itself once (no training started yet).
      await waitUntil(() => b.page.evaluate(() => crossOriginIsolated && navigator.serviceWorker.controller !== null).catch(() => false), 'the page isolated under the service worker', 90_000, 500);
      await waitForPlots(b.page, ['densities']);
      expect(await b.page.evaluate(() => sessionStorage.getItem('cdp-lab:isolation-reload'))).toBe('1');
      expect(loads).toBe(2); // the visit and exactly one reload
      expect(await b.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')).toContain("default-src 'self'");

      // A plain reload stays isolated (the navigation comes from the worker) and does not loop.
      await b.page.reload();
      await waitForPlots(b.page, ['densities']);
      expect(await b.page.evaluate(() => crossOriginIsolated)).toBe(true);

      // The training worker gets SharedArrayBuffer: wasm runs one thread per core.
      await b.page.goto(`${server.url}?backend=wasm#v=1&view=train`);
      await b.page.waitForSelector(`${tid('train-backend')}[data-backend=wasm]`, { timeout: 90_000 });
      const cores = await b.page.evaluate(() => navigator.hardwareConcurrency);
      expect(Number(await b.page.getAttribute(tid('train-backend'), 'data-threads'))).toBe(Math.min(cores, 8));
      expect(await b.page.getAttribute(tid('train-backend'), 'data-isolated')).toBe('true');
      // CDP Lab's conv kernel runs on as many threads, its helpers checked against a one-thread conv.
      expect(Number(await b.page.getAttribute(tid('train-backend'), 'data-conv-threads'))).toBe(Math.min(cores, 8));
      expect(await b.page.textContent(`${tid('train-backend')} summary`)).toContain(`wasm · ${Math.min(cores, 8)} thread`);
      // The training worker's script came from the service worker, with COEP (the plain server sends none).
      // (the first fetch of it is the worker's own precaching, from the network)
      const workerScript = scripts.filter((r) => /train\.worker-[^/]*\.js$/.test(r.url)).at(-1);
      expect(workerScript).toMatchObject({ fromServiceWorker: true, coep: 'require-corp' });

      expect(b.pageErrors).toEqual([]);
      expect(b.consoleErrors).toEqual([]);
      expect(b.foreignRequests).toEqual([]);
    } finally {
      await b.close();
    }
  }, 240_000);
});
