import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tid } from './app';
import { launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// Train your own conditional model in slide mode, on a fresh profile: start,
// see progress, pause, reload, resume, finish, see a dense point evaluated,
// then slide over your model. The page's test hook
// (?own-iterations&own-points&own-checkpoint, src/ui/experiments/own/ownStore.ts)
// cuts the run to 20 iterations and 2 grid points so this takes about a
// minute instead of the preset's 500 iterations and 121 points.

let server: StaticServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser(server);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

const attr = (page: Page, id: string, name: string) => page.getAttribute(tid(id), `data-${name}`);

/** A digest of the restored row's pixels. */
async function restoredPixels(page: Page): Promise<number[]> {
  return page.$eval(`${tid('slide-thumbs')} canvas[aria-label^="Restored"]`, (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const out: number[] = [];
    for (let i = 0; i < d.length; i += 4 * 97) out.push(d[i]);
    return out;
  });
}

async function slideReady(page: Page) {
  await page.waitForSelector('[data-testid="slide-panel"][data-status="ready"]', { timeout: 60_000 });
  await waitUntil(async () => (await attr(page, 'slide-digits', 'seq')) !== '', 'the first restored digits', 30_000);
}

describe('train your own conditional model', () => {
  it('trains with progress, pauses, survives a reload, resumes, evaluates in the background, and the sliders drive it', async () => {
    const page = b.page;
    const t0 = Date.now();
    await page.goto(`${server.url}?backend=wasm&own-iterations=20&own-points=2&own-checkpoint=5#v=1&view=experiments`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.click(tid('slide-toggle'));
    await slideReady(page);
    await page.click(tid('own-start'));

    // Progress: a moving bar with a rate and an ETA.
    await waitUntil(async () => Number(await attr(page, 'own-panel', 'iteration')) >= 5, 'training progress', 60_000);
    expect(await page.textContent(tid('own-status'))).toMatch(/iteration \d+ of 20, [\d.]+ it\/s, about .+ left/);
    expect(Number(await page.getAttribute(tid('own-progress'), 'value'))).toBeGreaterThan(0);
    await page.click(tid('own-pause'));
    await waitUntil(async () => (await attr(page, 'own-panel', 'state')) === 'paused', 'the run paused', 30_000);
    const pausedAt = Number(await attr(page, 'own-panel', 'iteration'));
    expect(pausedAt).toBeGreaterThanOrEqual(5);
    expect(pausedAt).toBeLessThan(20);
    expect(await page.textContent(tid('own-status'))).toContain(`Paused at iteration ${pausedAt} of 20`);

    await page.reload();
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.waitForSelector('[data-testid="own-panel"][data-state="paused"]', { timeout: 60_000 });
    expect(await attr(page, 'own-panel', 'phase')).toBe('training');
    expect(Number(await attr(page, 'own-panel', 'iteration'))).toBe(pausedAt);
    await page.click(tid('own-resume'));
    await waitUntil(async () => (await attr(page, 'own-panel', 'phase')) === 'evaluating', 'training to finish', 90_000);
    const trainedAfter = (Date.now() - t0) / 1000;
    // The dense grid is evaluated in the background, point by point.
    await waitUntil(async () => Number(await attr(page, 'own-panel', 'evaluated')) >= 1, 'a dense point evaluated', 90_000);
    expect(await page.textContent(tid('own-eval-status'))).toMatch(/Dense grid: [12] of 2 points evaluated/);

    // Slide over your model.
    await slideReady(page);
    await page.click(tid('own-source-yours'));
    await page.waitForSelector('[data-testid="slide-panel"][data-source="own"][data-status="ready"]', { timeout: 60_000 });
    await slideReady(page);
    expect(['exact', 'nearest', 'interpolated']).toContain(await attr(page, 'slide-readouts', 'kind'));
    const px0 = await restoredPixels(page);
    const beta0 = await attr(page, 'slide-digits', 'beta');
    await page.focus(tid('slide-beta'));
    await page.keyboard.press(beta0 === '1' ? 'Home' : 'End');
    const target = beta0 === '1' ? '0' : '1';
    await waitUntil(async () => (await attr(page, 'slide-digits', 'beta')) === target, `your model's digits at beta ${target}`, 30_000);
    expect(await restoredPixels(page)).not.toEqual(px0);
    expect(await page.textContent(tid('slide-digits'))).toContain('Model: yours, 20 iterations');
    await screenshot(page, 'train-own');
    console.log(`train-own e2e: trained (with a reload) after ${trainedAfter.toFixed(0)} s; slid over it after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    expect(b.pageErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  });
});
