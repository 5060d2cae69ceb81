import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/experiments/config';
import { encodeConfigParam, encodeResultsParam, type LinkPoint } from '../src/experiments/link';
import { EXPERIMENT_PRESETS } from '../src/experiments/presets';
import { XR_WITHOUT_XC } from '../src/ui/experiments/linkParams';
import { tid } from './app';
import { launchBrowser, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// A link that carries results keeps them: the address holds `xr` while they
// are shown, so a reload (and the service worker's one-time isolation reload
// on a static host) shows the same experiment; a refused part of a link keeps
// its reason on screen; `xr` without `xc` is named.

// A config no shipped sweep has: the link's results are all there is.
const CONFIG: ExperimentConfig = {
  ...EXPERIMENT_PRESETS[0].config,
  preset: 'custom',
  iterations: 123,
  weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 1, steps: 2 }, gamma: { from: 0, to: 1, steps: 2 } },
};
const POINTS: LinkPoint[] = [
  { index: 0, D: 0.03, P: 2, C: 0.2 },
  { index: 1, D: 0.07, P: 2.8, C: 0.1 },
  { index: 2, D: 0.05, P: 0.8, C: 0.21 },
  { index: 3, D: 0.09, P: 1.6, C: 0.11 },
];
const xc = encodeConfigParam(CONFIG)!;
const xr = encodeResultsParam({ points: POINTS, identity: [1, 5, 0.6], clean: [0, 0, 0.08] })!;
const linkHash = (results: string, config = xc) => `#v=1&view=experiments${config ? `&xc=${config}` : ''}${results ? `&xr=${results}` : ''}`;

/** The finished points the P-D plot draws. */
async function plottedPoints(page: Page): Promise<number> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="plot-xp-pd"]') as unknown as { data?: { name?: string; x?: number[] }[] } | null;
    return (el?.data ?? []).filter((t) => t.name === 'Finished points').reduce((n, t) => n + (t.x?.length ?? 0), 0);
  });
}

const hashParam = (page: Page, key: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(key) ?? '';

async function showsTheLinkedResults(page: Page, what: string) {
  await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]', { timeout: 60_000 });
  await waitUntil(async () => (await page.textContent(tid('xp-title'))) === 'Results from the link', `${what}: the link's results shown`, 30_000);
  await waitUntil(async () => (await plottedPoints(page)) === POINTS.length, `${what}: its ${POINTS.length} points plotted`, 30_000);
}

describe('links keep what they carry', () => {
  let server: StaticServer;
  let b: BrowserSession;
  beforeAll(async () => {
    server = await startServer();
    b = await launchBrowser(server);
  });
  beforeEach(() => b?.resetLogs());
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('a results link survives a reload', async () => {
    const page = b.page;
    await page.goto(`${server.url}${linkHash(xr)}`);
    await showsTheLinkedResults(page, 'opened');
    expect(await page.textContent(tid('xp-message'))).toMatch(/This link carries its results/);
    // The address is rewritten at most every few hundred ms: give it time to (wrongly) drop xr.
    await new Promise((r) => setTimeout(r, 1500));
    expect(hashParam(page, 'xr')).toBe(xr);
    expect(hashParam(page, 'xc')).toBe(xc);

    await page.reload();
    await showsTheLinkedResults(page, 'after the reload');
    await new Promise((r) => setTimeout(r, 1000));
    expect(hashParam(page, 'xr')).toBe(xr);
    expect(b.pageErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });

  it('keeps the reason a link’s results were refused on screen, and names xr without xc', async () => {
    const page = b.page;
    const bad = encodeResultsParam({ points: POINTS.map((p) => (p.index === 2 ? { ...p, C: 1.7 } : p)), identity: null, clean: null })!;
    // A fresh document for each link: from the same page a goto would only change the hash.
    await page.goto('about:blank');
    await page.goto(`${server.url}${linkHash(bad)}`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]', { timeout: 60_000 });
    const reason = 'The link’s embedded results were ignored: results.points[2].C: 1.7 is outside [0, 1].';
    await waitUntil(async () => (await page.textContent(tid('xp-message')).catch(() => ''))?.startsWith(reason), 'the precise reason', 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.textContent(tid('xp-message'))).toContain(reason);
    expect(await page.getAttribute(tid('xp-message'), 'role')).toBe('alert');

    await page.goto('about:blank');
    await page.goto(`${server.url}${linkHash(xr, '')}`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]', { timeout: 60_000 });
    await waitUntil(async () => (await page.textContent(tid('xp-message')).catch(() => ''))?.startsWith(XR_WITHOUT_XC), 'xr without xc named', 30_000);
    expect(b.pageErrors).toEqual([]);
  });
});

describe('a results link on a static host without isolation headers', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await startServer({ isolation: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('survives the service worker’s one-time isolation reload', async () => {
    const b = await launchBrowser(server, { serviceWorkers: 'allow' });
    try {
      let loads = 0;
      b.page.on('load', () => loads++);
      await b.page.goto(`${server.url}${linkHash(xr)}`);
      await waitUntil(() => b.page.evaluate(() => crossOriginIsolated && navigator.serviceWorker.controller !== null).catch(() => false), 'the page isolated under the service worker', 90_000, 500);
      expect(loads).toBe(2);
      await showsTheLinkedResults(b.page, 'after the isolation reload');
      expect(hashParam(b.page, 'xr')).toBe(xr);
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 150_000);
});
