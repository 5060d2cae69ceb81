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

  it("the tour's sweep step at 1280x720 in presentation mode: the plots start on the first screen, nothing clipped", async () => {
    const b = await launchBrowser(server, { viewport: { width: 1280, height: 720 } });
    try {
      await b.page.goto(`${server.url}#v=1&tour=sweep&present=1`);
      await waitUntil(async () => (await b.page.getAttribute(tid('tour-sweep-status'), 'data-kind').catch(() => null)) === 'precomputed', 'the sweep step', 60_000);
      await waitUntil(async () => (await boxes(b.page)).every((p) => p.points.length >= 9), 'every pair plot drawn', 60_000);
      checkPlots(await boxes(b.page), 'tour sweep step');
      const card = await b.page.$eval(tid('tour-card'), (el) => el.getBoundingClientRect().bottom);
      const top = await b.page.$eval(tid('plot-xp-pd'), (el) => el.getBoundingClientRect().top);
      // The step's text leaves most of the screen to the plots, which start on it with room to show.
      expect(card, 'the tour card ends').toBeLessThanOrEqual(430);
      expect(top, 'the first plot starts').toBeLessThanOrEqual(720 - 200);
      expect(await clipped(b.page), 'clipped plot text').toEqual([]);
      await screenshot(b.page, 'layout-tour-sweep-1280x720-present');
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 90_000);
});

/** Plot text cut by its SVG: legends past the right edge or scrolled, axis titles above or left of it. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate((names) => {
    const out: string[] = [];
    for (const name of names) {
      const root = document.querySelector(`[data-testid="plot-${name}"]`);
      const svg = root?.querySelector('svg.main-svg');
      if (!root || !svg) continue;
      const frame = svg.getBoundingClientRect();
      const check = (what: string, el: Element | null) => {
        if (!el) return;
        const r = el.getBoundingClientRect();
        if (r.width === 0) return;
        if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1) {
          out.push(`${name}: ${what} ${Math.round(r.left)}..${Math.round(r.right)} x ${Math.round(r.top)}..${Math.round(r.bottom)} outside ${Math.round(frame.left)}..${Math.round(frame.right)} x ${Math.round(frame.top)}..${Math.round(frame.bottom)}`);
        }
      };
      root.querySelectorAll('.legend .traces text').forEach((t) => check(`legend "${t.textContent}"`, t));
      check('y title', root.querySelector('.g-ytitle text'));
      check('x title', root.querySelector('.g-xtitle text'));
      // Plotly scrolls a legend it cannot fit: part of it is hidden.
      const bar = root.querySelector('.legend .scrollbar');
      if (bar && bar.getBoundingClientRect().height > 0) out.push(`${name}: the legend scrolls`);
    }
    return out;
  }, [...PAIR_PLOTS]);
}

/** Font sizes in CSS px: the page's text, a plot's tick label, Fig. 4 type (canvas px per CSS px of its D/P/C lines). */
async function typeSizes(page: Page, plot: string): Promise<{ body: number; explain: number; tick: number }> {
  return page.evaluate((name) => {
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : NaN);
    const tick = document.querySelector(`[data-testid="plot-${name}"] .xtick text`);
    return { body: px(document.body), explain: px(document.querySelector('.explain, .plot-caption')), tick: tick ? parseFloat((tick as SVGElement).style.fontSize) : NaN };
  }, plot);
}

describe('presentation mode scales with the screen', () => {
  for (const [view, hash, plot] of [
    ['toy', '', 'densities'],
    ['experiments', '&view=experiments', 'xp-pd'],
  ] as const) {
    it(`${view} view: text and plot ticks at 1920x1080 are at least 1.5x their 1280x720 size`, async () => {
      const b = await launchBrowser(server, { viewport: { width: 1280, height: 720 } });
      try {
        await b.page.goto(`${server.url}#v=1${hash}&present=1`);
        if (view === 'experiments') {
          await waitUntil(async () => (await b.page.getAttribute(tid('xp-counts'), 'data-points').catch(() => null)) === '9', 'the shipped sweep drawn', 60_000);
          await waitUntil(async () => (await boxes(b.page)).every((p) => p.points.length >= 9), 'every pair plot drawn', 60_000);
        }
        await waitUntil(async () => Number.isFinite((await typeSizes(b.page, plot)).tick), `${plot} drawn`, 60_000);
        const small = await typeSizes(b.page, plot);
        if (view === 'experiments') expect(await clipped(b.page), 'clipped plot text at 1280x720').toEqual([]);
        await b.page.setViewportSize({ width: 1920, height: 1080 });
        await waitUntil(async () => (await typeSizes(b.page, plot)).tick > small.tick, `${plot} redrawn at 1920x1080`, 30_000);
        await new Promise((r) => setTimeout(r, 500));
        const big = await typeSizes(b.page, plot);
        for (const k of ['body', 'explain', 'tick'] as const) {
          expect(big[k] / small[k], `${k}: ${small[k]}px at 1280x720, ${big[k]}px at 1920x1080`).toBeGreaterThanOrEqual(1.5 - 1e-6);
        }
        expect(await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        if (view === 'experiments') {
          // Every plot redrawn at the new size first (a stale one would be checked at the old type).
          await waitUntil(
            async () => (await b.page.$$eval('[data-testid^="plot-xp-"] .xtick text', (ts) => ts.map((t) => parseFloat((t as SVGElement).style.fontSize)))).every((v) => v >= big.tick - 0.01),
            'every plot redrawn at 1920x1080',
          );
          await new Promise((r) => setTimeout(r, 500));
          checkPlots(await boxes(b.page), '1920x1080 present');
          expect(await clipped(b.page), 'clipped plot text at 1920x1080').toEqual([]);
        }
        await screenshot(b.page, `layout-${view}-1920x1080-present`);
        expect(b.pageErrors).toEqual([]);
      } finally {
        await b.close();
      }
    }, 120_000);
  }
});

describe('a phone (390x844, touch)', () => {
  const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('toy view: no sideways scroll, a small header, the first plot on the first screen, 44px touch targets, no mode bar', async () => {
    const b = await launchBrowser(server, PHONE);
    try {
      await b.page.goto(`${server.url}#v=1`);
      await b.page.waitForSelector(`${tid('plot-densities')} .main-svg`, { timeout: 60_000 });
      await waitUntil(async () => (await b.page.getAttribute(tid('plot-densities'), 'data-revision')) !== null, 'the densities drawn');
      expect(await overflow(b.page), 'page wider than the screen by').toBeLessThanOrEqual(0);
      expect(await b.page.evaluate(() => window.innerWidth)).toBe(390);
      const header = await b.page.$eval('.app-header', (el) => el.getBoundingClientRect().height);
      expect(header, 'header height').toBeLessThanOrEqual(60);
      // The controls start collapsed to their bar; the first plot is on the first screen.
      expect(await b.page.getAttribute(tid('toy-controls-toggle'), 'aria-expanded')).toBe('false');
      const plot = await b.page.$eval(tid('plot-densities'), (el) => el.getBoundingClientRect().top + window.scrollY);
      expect(plot, 'the first plot starts at').toBeLessThanOrEqual(844 - 200);
      // Plotly's mode bar is off on touch screens; export is in the card menu.
      expect(await b.page.locator('.modebar-container .modebar').count()).toBe(0);
      await screenshot(b.page, 'layout-phone-toy');

      // Open the controls and the header menu: every slider, number box and button is a finger's size.
      await b.page.click(tid('toy-controls-toggle'));
      await b.page.click(tid('header-menu'));
      const sheet = await b.page.$eval(tid('toy-controls'), (el) => el.getBoundingClientRect());
      expect(sheet.top, 'the open sheet leaves the top of the screen to the plots').toBeGreaterThanOrEqual(844 * 0.4);
      const small = await b.page.evaluate(() => {
        const bad: string[] = [];
        for (const el of document.querySelectorAll('input[type="range"], .field-number, button, select, summary')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
          if (r.height < 44 - 0.5 || r.width < 44 - 0.5) bad.push(`${el.tagName.toLowerCase()}.${el.className || ''} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
        return bad;
      });
      expect(small, 'touch targets under 44x44').toEqual([]);
      expect(await overflow(b.page), 'page wider than the screen by, menus open').toBeLessThanOrEqual(0);
      await screenshot(b.page, 'layout-phone-toy-open');
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 90_000);

  it('no sideways scroll at 360 to 414 px on any view; Fig. 4 says that it scrolls', async () => {
    const b = await launchBrowser(server, PHONE);
    try {
      for (const view of ['toy', 'data', 'train', 'experiments']) {
        for (const width of [360, 390, 414]) {
          await b.page.setViewportSize({ width, height: 844 });
          await b.page.goto('about:blank');
          await b.page.goto(`${server.url}#v=1&view=${view}`);
          await b.page.waitForSelector(tid(`tab-${view}`));
          if (view === 'experiments') await b.page.waitForSelector(`${tid('experiments-view')}[data-ready="1"]`, { timeout: 60_000 });
          await new Promise((r) => setTimeout(r, 300));
          expect(await overflow(b.page), `${view} at ${width} px: wider than the screen by`).toBeLessThanOrEqual(0);
        }
      }
      // The shipped sweep's grid is wider than a phone: a shadow and a line say it scrolls.
      await b.page.waitForSelector(tid('xp-fig4-hint'), { timeout: 60_000 });
      expect(await b.page.getAttribute('.xp-fig4-frame', 'data-more')).toBe('right');
      await b.page.$eval(tid('xp-fig4'), (el) => el.scrollIntoView());
      await screenshot(b.page, 'layout-phone-fig4');
      expect(b.pageErrors).toEqual([]);
    } finally {
      await b.close();
    }
  }, 180_000);
});
