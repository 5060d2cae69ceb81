import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startServer, waitUntil, type StaticServer } from './harness';
import { buildTrainPage } from './trainBuild';

// The Train view in headless Chromium under the app's CSP: a tiny job trains
// on wasm (and on SwiftShader's WebGPU with an even smaller one), evaluates
// D/P/C with baselines, and draws the sample grid.

let dir = '';
let server: StaticServer;
/** The same build on a plain static host: no COOP/COEP, so no SharedArrayBuffer. */
let plain: StaticServer;

beforeAll(async () => {
  dir = await buildTrainPage();
  server = await startServer({ root: dir });
  plain = await startServer({ root: dir, isolation: false });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await plain?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function phase(page: Page): Promise<string | null> {
  return page.getAttribute('[data-testid=train-view]', 'data-phase');
}

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.fill(`[data-testid=${testId}]`, String(value));
}

interface Tiny {
  iterations: number;
  batch: number;
  criticSteps: number;
  evalCount: number;
  evalCritic: number;
}

async function configureTiny(page: Page, t: Tiny): Promise<void> {
  await page.selectOption('[data-testid=train-preset]', 'tiny');
  await setNumber(page, 'train-iterations', t.iterations);
  await setNumber(page, 'train-batch', t.batch);
  await setNumber(page, 'train-critic-steps', t.criticSteps);
  await setNumber(page, 'train-eval-every', 0);
  await setNumber(page, 'train-eval-count', t.evalCount);
  await setNumber(page, 'train-eval-critic', t.evalCritic);
  await page.click('[data-testid=train-apply]');
  await waitUntil(async () => (await phase(page)) === 'ready' && (await page.textContent('[data-testid=train-progress]'))?.includes(`/ ${t.iterations}`), 'job rebuilt', 60_000);
}

async function metric(page: Page, kind: string, name: string): Promise<number> {
  const text = await page.textContent(`[data-testid=train-dpc] tr[data-kind=${kind}] td[data-metric=${name}]`);
  return Number((text ?? '').replace('%', ''));
}

/** Fraction of canvas pixels that are not black: the grid was really drawn. */
async function inkedFraction(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid=train-samples]');
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return 0;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let lit = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] > 30) lit++;
    return lit / (d.length / 4);
  });
}

describe('Train view', () => {
  it('trains a tiny denoiser on wasm, moves gamma live, and gets a D/P/C point with baselines and samples', async () => {
    const s = await launchBrowser(server);
    try {
      const { page } = s;
      await page.goto(`${server.url}?backend=wasm`);
      await waitUntil(async () => (await phase(page)) === 'ready', 'view ready on wasm', 60_000);
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-backend')).toBe('wasm');
      // Served with COOP/COEP: isolated, and wasm runs one thread per core (up to 8).
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      expect(Number(await page.getAttribute('[data-testid=train-backend]', 'data-threads'))).toBe(Math.min(cores, 8));
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-isolated')).toBe('true');
      const n = Math.min(cores, 8);
      expect(Number(await page.getAttribute('[data-testid=train-backend]', 'data-conv-threads'))).toBe(n);
      expect(await page.textContent('[data-testid=train-backend] summary')).toContain(`wasm · ${n} thread${n === 1 ? '' : 's'} · SIMD`);
      await configureTiny(page, { iterations: 30, batch: 8, criticSteps: 2, evalCount: 100, evalCritic: 30 });

      await page.click('[data-testid=train-baselines]');
      await waitUntil(async () => (await page.locator('[data-testid=train-dpc] tr[data-kind=clean]').count()) === 1, 'baselines', 60_000);
      // Identity: D is the noise variance (sigma = 1, unclipped); clean: D = 0 and P = 0.
      expect(await metric(page, 'identity', 'D')).toBeGreaterThan(0.85);
      expect(await metric(page, 'identity', 'D')).toBeLessThan(1.15);
      expect(await metric(page, 'clean', 'D')).toBe(0);
      expect(await metric(page, 'clean', 'P')).toBe(0);
      // The shipped CNN-1 is accurate on clean digits and much worse on sigma = 1 noise.
      expect(await metric(page, 'clean', 'C')).toBeLessThan(5);
      expect(await metric(page, 'identity', 'C')).toBeGreaterThan(await metric(page, 'clean', 'C'));

      await page.click('[data-testid=train-start]');
      await waitUntil(async () => Number(await page.textContent('[data-testid=train-iteration]')) >= 5, 'first iterations', 60_000);
      // Live weights: the running job takes gamma without a restart.
      await page.fill('[data-testid=number-gamma]', '1.25');
      await waitUntil(async () => (await page.getAttribute('[data-testid=train-view]', 'data-state')) === 'done', 'run done', 90_000);
      await waitUntil(async () => (await page.locator('[data-testid=train-dpc] tr[data-kind=restorer]').count()) >= 1, 'evaluation point', 60_000);
      const D = await metric(page, 'restorer', 'D');
      const C = await metric(page, 'restorer', 'C');
      const P = await metric(page, 'restorer', 'P');
      expect(D).toBeGreaterThan(0);
      // Even 30 tiny iterations beat the raw noisy input on MSE.
      expect(D).toBeLessThan(await metric(page, 'identity', 'D'));
      expect(C).toBeGreaterThanOrEqual(0);
      expect(C).toBeLessThanOrEqual(100);
      expect(Number.isFinite(P)).toBe(true);
      const row = await page.textContent('[data-testid=train-dpc] tr[data-kind=restorer]');
      expect(row).toContain('1, 0.3, 1.25');
      expect(Number(await page.getAttribute('[data-testid=train-samples]', 'data-count'))).toBe(8);
      expect(await inkedFraction(page)).toBeGreaterThan(0.05);
      await screenshot(page, 'train-wasm', { fullPage: true });

      // Retraining c0 in the browser: one epoch of CNN-1 on the clean training split.
      await page.fill('[data-testid=train-c0-epochs]', '1');
      await page.click('[data-testid=train-c0-retrain]');
      const card = await waitUntil(async () => {
        const t = await page.textContent('[data-testid=train-c0-card]');
        return t?.includes('(browser)') ? t : null;
      }, 'classifier retrained', 90_000);
      expect(Number(/([\d.]+)% on/.exec(card)?.[1])).toBeGreaterThan(80);
      await waitUntil(async () => (await phase(page)) === 'ready', 'job rebuilt with the new c0', 60_000);

      expect(s.foreignRequests).toEqual([]);
      expect(s.pageErrors).toEqual([]);
      expect(s.consoleErrors).toEqual([]);
      expect(s.failedRequests).toEqual([]);
    } finally {
      await s.close();
    }
  }, 240_000);

  it('trains on single-threaded wasm when the page is not cross-origin isolated, and says why', async () => {
    const s = await launchBrowser(plain);
    try {
      const { page } = s;
      await page.goto(`${plain.url}?backend=wasm`);
      await waitUntil(async () => (await phase(page)) === 'ready', 'view ready on wasm', 60_000);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-threads')).toBe('1');
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-isolated')).toBe('false');
      // Without shared memory CDP Lab's conv kernel still runs, on the worker's thread alone.
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-conv-threads')).toBe('1');
      expect(await page.textContent('[data-testid=train-backend] summary')).toContain('wasm · 1 thread · SIMD (page not cross-origin isolated)');
      await configureTiny(page, { iterations: 6, batch: 4, criticSteps: 1, evalCount: 16, evalCritic: 3 });
      await page.click('[data-testid=train-start]');
      await waitUntil(async () => (await page.getAttribute('[data-testid=train-view]', 'data-state')) === 'done', 'run done', 90_000);
      await waitUntil(async () => (await page.locator('[data-testid=train-dpc] tr[data-kind=restorer]').count()) >= 1, 'evaluation point', 60_000);
      expect(await metric(page, 'restorer', 'D')).toBeGreaterThan(0);
      expect(s.pageErrors).toEqual([]);
      expect(s.consoleErrors).toEqual([]);
      expect(s.foreignRequests).toEqual([]);
    } finally {
      await s.close();
    }
  }, 180_000);

  it('trains an even smaller job on software WebGPU (forced) and evaluates it', async () => {
    const s = await launchBrowser(server);
    try {
      const { page } = s;
      await page.goto(`${server.url}?backend=webgpu`);
      await waitUntil(async () => ['ready', 'error'].includes((await phase(page)) ?? ''), 'view ready', 90_000);
      expect(await page.getAttribute('[data-testid=train-backend]', 'data-backend')).toBe('webgpu');
      await configureTiny(page, { iterations: 4, batch: 4, criticSteps: 1, evalCount: 16, evalCritic: 3 });
      await page.click('[data-testid=train-start]');
      await waitUntil(async () => (await page.getAttribute('[data-testid=train-view]', 'data-state')) === 'done', 'run done', 120_000, 250);
      await waitUntil(async () => (await page.locator('[data-testid=train-dpc] tr[data-kind=restorer]').count()) >= 1, 'evaluation point', 90_000, 250);
      expect(await metric(page, 'restorer', 'D')).toBeGreaterThan(0);
      expect(Number(await page.getAttribute('[data-testid=train-samples]', 'data-count'))).toBe(8);
      expect(s.pageErrors).toEqual([]);
      expect(s.foreignRequests).toEqual([]);
    } finally {
      await s.close();
    }
  }, 240_000);
});
