import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { tid } from './app';
import { launchBrowser, screenshot, startServer, waitUntil, type StaticServer } from './harness';

// A lecturer's projector: at 1280x720 and 1280x800, normal and presentation
// mode, no legend of an Experiments plot sits on its data area, and no
// legend, annotation or baseline label overlaps another or covers a point.
// Checked on the boxes plotly drew, with the shipped Exp-1 sweep open (a
// fresh profile opens on it) and on the tour's sweep step.

let server: StaticServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PlotBoxes {
  name: string;
  area: Box | null;
  legend: Box | null;
  annotations: { box: Box; text: string }[];
  points: { x: number; y: number }[];
}

const PAIR_PLOTS = ['xp-pd', 'xp-cp', 'xp-cd'];

async function boxes(page: Page): Promise<PlotBoxes[]> {
  return page.evaluate((names) => {
    const rect = (el: Element | null) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
    };
    return names.map((name) => {
      const root = document.querySelector(`[data-testid="plot-${name}"]`);
      const points = [...(root?.querySelectorAll('.scatterlayer .trace .points path.point') ?? [])].map((p) => {
        const r = p.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      return {
        name,
        area: rect(root?.querySelector('.draglayer .xy .nsewdrag') ?? null),
        legend: rect(root?.querySelector('.legend .bg') ?? root?.querySelector('.legend') ?? null),
        annotations: [...(root?.querySelectorAll('.annotation') ?? [])].map((a) => ({
          box: rect(a.querySelector('.annotation-text-g')) ?? { x: 0, y: 0, w: 0, h: 0 },
          text: a.querySelector('.annotation-text-g text')?.textContent ?? '',
        })),
        points,
      };
    });
  }, PAIR_PLOTS);
}

const overlap = (a: Box, b: Box, pad = 0) => a.x < b.x + b.w - pad && b.x < a.x + a.w - pad && a.y < b.y + b.h - pad && b.y < a.y + a.h - pad;
const inside = (p: { x: number; y: number }, b: Box) => p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;

function checkPlots(all: PlotBoxes[], where: string): void {
  for (const p of all) {
    const at = `${where}, ${p.name}`;
    expect(p.area, `${at}: plot area`).not.toBeNull();
    expect(p.points.length, `${at}: points drawn`).toBeGreaterThan(0);
    if (p.legend) expect(overlap(p.legend, p.area!, 1), `${at}: legend ${JSON.stringify(p.legend)} on the data area ${JSON.stringify(p.area)}`).toBe(false);
    const labelled = p.annotations.filter((a) => a.text.trim() !== '' && a.box.w > 0);
    for (const [i, a] of labelled.entries()) {
      if (p.legend) expect(overlap(a.box, p.legend), `${at}: annotation "${a.text}" on the legend`).toBe(false);
      for (const b of labelled.slice(i + 1)) expect(overlap(a.box, b.box), `${at}: "${a.text}" on "${b.text}"`).toBe(false);
      for (const pt of p.points) expect(inside(pt, a.box), `${at}: "${a.text}" covers a point`).toBe(false);
    }
  }
}

describe('lecture layout', () => {
  for (const [width, height] of [
    [1280, 720],
    [1280, 800],
  ] as const) {
    for (const present of [false, true]) {
      it(`${width}x${height}${present ? ', presentation mode' : ''}: no legend or label on the data or on each other`, async () => {
        const b = await launchBrowser(server, { viewport: { width, height } });
        try {
          await b.page.goto(`${server.url}#v=1&view=experiments${present ? '&present=1' : ''}`);
          await b.page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
          await waitUntil(async () => (await b.page.getAttribute(tid('xp-counts'), 'data-points')) === '9', 'the shipped sweep drawn', 60_000);
          await waitUntil(async () => (await boxes(b.page)).every((p) => p.points.length >= 9), 'every pair plot drawn');
          checkPlots(await boxes(b.page), `${width}x${height}${present ? ' present' : ''}`);
          await screenshot(b.page, `layout-experiments-${width}x${height}${present ? '-present' : ''}`, { fullPage: true });
          expect(b.pageErrors).toEqual([]);
        } finally {
          await b.close();
        }
      }, 90_000);
    }
  }

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    for (const present of [false, true]) {
      it(`slide mode at ${width}x${height}${present ? ', presentation mode' : ''}: the dense family and the slider's ring with no label on them, nothing wider than the page`, async () => {
        const b = await launchBrowser(server, { viewport: { width, height } });
        try {
          await b.page.goto(`${server.url}?backend=wasm#v=1&view=experiments&slide=1&sb=0.5&sg=1${present ? '&present=1' : ''}`);
          await b.page.waitForSelector('[data-testid="slide-panel"][data-status="ready"]', { timeout: 60_000 });
          await waitUntil(async () => (await b.page.getAttribute(tid('xp-counts'), 'data-points')) === '9', 'the shipped sweep drawn', 60_000);
          // The fixed sweep's 9 points and the dense family's 121 dots.
          await waitUntil(async () => (await boxes(b.page)).every((p) => p.points.length >= 100), 'the dense family drawn', 60_000);
          checkPlots(await boxes(b.page), `slide ${width}x${height}${present ? ' present' : ''}`);
          const over = await b.page.$eval(tid('slide-panel'), (el) => el.scrollWidth - el.clientWidth);
          expect(over).toBeLessThanOrEqual(0);
          expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
          await screenshot(b.page, `layout-slide-${width}x${height}${present ? '-present' : ''}`, { fullPage: true });
          expect(b.pageErrors).toEqual([]);
        } finally {
          await b.close();
        }
      }, 120_000);
    }
  }

  it("the tour's sweep step at 1280x720 in presentation mode", async () => {
    const b = await launchBrowser(server, { viewport: { width: 1280, height: 720 } });
    try {
      await b.page.goto(`${server.url}#v=1&tour=sweep&present=1`);
      await waitUntil(async () => (await b.page.getAttribute(tid('tour-sweep-status'), 'data-kind').catch(() => null)) === 'precomputed', 'the sweep step', 60_000);
      await waitUntil(async () => (await boxes(b.page)).every((p) => p.points.length >= 9), 'every pair plot drawn', 60_000);
      checkPlots(await boxes(b.page), 'tour sweep step');
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 90_000);
});
