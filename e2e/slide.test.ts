import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tid } from './app';
import { launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// Slide mode on the shipped Exp-1 conditional restorer, on a fresh profile,
// without training: the keyboard drags beta, the restored digits, the
// readouts and the markers on every Fig. 3 plot follow; a reload keeps the
// position; a drag faster than the worker never shows an older position
// after a newer one.

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

const PLOTS = ['xp-pd', 'xp-cp', 'xp-cd', 'xp-3d'] as const;

/**
 * The slider's ring on each plot: its coordinates, or null where not drawn.
 * The 2-D plots draw it over the chart (Plot's live marker: data-x, data-y,
 * shown only where it lies on the drawn axes); the 3-D plot as a trace.
 */
async function markers(page: Page): Promise<Record<string, number[] | null>> {
  return page.evaluate((names) => {
    const out: Record<string, number[] | null> = {};
    for (const n of names) {
      const live = document.querySelector(`[data-testid="live-${n}"]`) as HTMLElement | null;
      if (n !== 'xp-3d') {
        out[n] = live && !live.hidden && live.dataset.x ? [Number(live.dataset.x), Number(live.dataset.y)] : null;
        continue;
      }
      const el = document.querySelector(`[data-testid="plot-${n}"]`) as unknown as { data?: { name?: string; x?: number[]; y?: number[]; z?: number[] }[] } | null;
      const t = (el?.data ?? []).find((d) => (d.name ?? '').startsWith('Slider:'));
      out[n] = t ? [t.x![0], t.y![0], ...(t.z ? [t.z[0]] : [])] : null;
    }
    return out;
  }, PLOTS as unknown as string[]);
}

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

const attr = (page: Page, id: string, name: string) => page.$eval(tid(id), (el, n) => (el as HTMLElement).dataset[n] ?? '', name);

async function ready(page: Page) {
  await page.waitForSelector('[data-testid="slide-panel"][data-status="ready"]', { timeout: 60_000 });
  await waitUntil(async () => (await attr(page, 'slide-digits', 'seq')) !== '', 'the first restored digits', 30_000);
  await waitUntil(async () => Object.values(await markers(page)).every((m) => m !== null), 'the slider marker on every plot', 30_000);
}

describe('slide mode', () => {
  it('opens without training, and dragging beta with the keyboard moves digits, readouts and every marker the way the grid says', async () => {
    const page = b.page;
    await page.goto(`${server.url}?backend=wasm#v=1&view=experiments`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.click(tid('slide-toggle'));
    await ready(page);
    expect(await attr(page, 'slide-readouts', 'kind')).toBe('exact');
    const p0 = Number(await attr(page, 'slide-readouts', 'p'));
    const px0 = await restoredPixels(page);
    const m0 = await markers(page);

    await page.focus(tid('slide-beta'));
    for (let k = 0; k < 12; k++) await page.keyboard.press('PageUp');
    await page.keyboard.press('End');
    await waitUntil(async () => (await attr(page, 'slide-digits', 'beta')) === '1', 'the digits restored at beta 1', 30_000);
    expect(Number(await page.inputValue(tid('slide-beta-box')))).toBe(1);
    const p1 = Number(await attr(page, 'slide-readouts', 'p'));
    // The dense grid says P falls from beta 0 to beta 1 at gamma 0; the readout and the markers follow it.
    expect(p1).toBeLessThan(p0);
    // The 3-D ring follows once the slider rests (a WebGL redraw per move would hold the main thread).
    await waitUntil(async () => Math.abs(((await markers(page))['xp-3d'] ?? [0, NaN])[1] - p1) < 1e-6, 'the 3-D ring at the rested position', 10_000);
    const m1 = await markers(page);
    expect(m1['xp-pd']![1]).toBeCloseTo(p1, 6);
    expect(m1['xp-cp']![0]).toBeCloseTo(p1, 6);
    expect(m1['xp-3d']![1]).toBeCloseTo(p1, 6);
    for (const n of PLOTS) expect(m1[n], n).not.toEqual(m0[n]);
    expect(await restoredPixels(page)).not.toEqual(px0);
    // Once the slider rests: D and C recomputed at the exact setting.
    await waitUntil(async () => (await attr(page, 'slide-exact', 'd')) !== '', 'D and C at the exact setting', 30_000);
    expect(Number(await attr(page, 'slide-exact', 'd'))).toBeCloseTo(Number(await attr(page, 'slide-readouts', 'd')), 3);
    await screenshot(page, 'slide-exp1');
    expect(b.pageErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  });

  it('a reload keeps the slide position', async () => {
    const page = b.page;
    await waitUntil(async () => (await page.evaluate(() => location.hash)).includes('sb=1'), 'the position in the link');
    await page.reload();
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await ready(page);
    expect(Number(await page.inputValue(tid('slide-beta-box')))).toBe(1);
    expect(await attr(page, 'slide-digits', 'beta')).toBe('1');
  });

  it('a drag faster than the worker never shows an older position after a newer one', async () => {
    const page = b.page;
    // Record every position the digits show, in order.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="slide-digits"]') as HTMLElement;
      const seen: number[] = [];
      (window as unknown as { seenSeq: number[] }).seenSeq = seen;
      new MutationObserver(() => {
        const s = Number(el.dataset.seq);
        if (seen.at(-1) !== s) seen.push(s);
      }).observe(el, { attributes: true, attributeFilter: ['data-seq'] });
    });
    const slider = await page.$(tid('slide-gamma'));
    await slider!.focus();
    for (let k = 0; k < 60; k++) await page.keyboard.press('ArrowRight', { delay: 0 });
    const finalSeq = await page.evaluate(() => (globalThis as unknown as { cdpSlide: { state(): { seq: number } } }).cdpSlide.state().seq);
    await waitUntil(async () => Number(await attr(page, 'slide-digits', 'seq')) === finalSeq, 'the newest position restored', 30_000);
    const seen = await page.evaluate(() => (window as unknown as { seenSeq: number[] }).seenSeq);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    // Far fewer forward passes than key presses: stale positions were dropped, not queued.
    expect(seen.length).toBeLessThan(60);
    expect(await page.evaluate(() => (globalThis as unknown as { cdpSlide: { state(): { dropped: number } } }).cdpSlide.state().dropped)).toBeGreaterThan(0);
  });
});
