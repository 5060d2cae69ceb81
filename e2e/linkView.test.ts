import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/experiments/config';
import { encodeConfigParam, encodeResultsParam, type LinkPoint } from '../src/experiments/link';
import { EXPERIMENT_PRESETS } from '../src/experiments/presets';
import { FIG4_NOT_IN_LINK } from '../src/experiments/linkView';
import { tid } from './app';
import { launchBrowser, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// An Experiments link carries the experiment's name and the view choices
// (only admissible, the selected point). Each browser here is a fresh
// profile: nothing of the sender's is saved in it, as on a student's laptop.

// A config no shipped sweep has, so only the link's results can be shown.
const CONFIG: ExperimentConfig = {
  ...EXPERIMENT_PRESETS[0].config,
  preset: 'custom',
  iterations: 77,
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
// Markup in a name must reach the page as the characters it is.
const NAME = '<b>Alice’s</b> β sweep';
const link = (extra: string) => `#v=1&view=experiments&xc=${xc}&xr=${xr}${extra}`;

const hashParam = (page: Page, key: string) => new URLSearchParams(new URL(page.url()).hash.slice(1)).get(key);

async function opened(page: Page, url: string) {
  await page.goto(url);
  await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]', { timeout: 60_000 });
}

/** What a receiving browser must show of the link: name, only-admissible, the point's details, the Fig. 4 notice. */
async function showsTheLinksView(page: Page, title: string) {
  await waitUntil(async () => (await page.textContent(tid('xp-title')).catch(() => '')) === title, `the title ${title}`, 30_000);
  expect(await page.$eval(tid('xp-title'), (el) => el.children.length)).toBe(0);
  expect(await page.isChecked(tid('xp-only-admissible'))).toBe(true);
  await page.waitForSelector(tid('xp-point-selected'), { timeout: 10_000 });
  expect(await page.getAttribute(tid('xp-point-selected'), 'data-index')).toBe('2');
  expect(await page.textContent(tid('xp-point-C-selected'))).toBe('0.21');
  expect(await page.textContent(tid('xp-fig4-not-in-link'))).toBe(FIG4_NOT_IN_LINK);
}

describe('an Experiments link carries its name and view choices', () => {
  let server: StaticServer;
  const sessions: BrowserSession[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.close();
  });
  const fresh = async () => {
    const s = await launchBrowser(server);
    sessions.push(s);
    return s;
  };

  it('opened in a fresh browser: the name as text, only admissible, the point’s details, and the Fig. 4 notice; passed on unchanged', async () => {
    const a = await fresh();
    await opened(a.page, `${server.url}${link(`&xn=${encodeURIComponent(NAME)}&xa=1&xs=2`)}`);
    await showsTheLinksView(a.page, `“${NAME}” (from a link)`);
    // The view writes what it shows back into the address: the link passes on as it came.
    await waitUntil(async () => hashParam(a.page, 'xn') === NAME && hashParam(a.page, 'xa') === '1' && hashParam(a.page, 'xs') === '2', 'the view keys kept', 10_000);

    // Saved here, the experiment keeps the link's name, and its link still names it.
    await a.page.click(tid('xp-save-linked'));
    await waitUntil(async () => (await a.page.textContent(tid('xp-title')).catch(() => '')) === NAME, 'saved under the link’s name', 30_000);
    expect(await a.page.getAttribute(tid('xp-point-selected'), 'data-index')).toBe('2');
    await waitUntil(async () => hashParam(a.page, 'xn') === NAME && hashParam(a.page, 'xs') === '2', 'the saved experiment’s view keys', 10_000);
    const shared = a.page.url();

    // Another browser: nothing saved there; it shows the link's view.
    const b = await fresh();
    await opened(b.page, shared);
    await showsTheLinksView(b.page, `“${NAME}” (from a link)`);

    // A view choice changed there follows into its own link.
    await b.page.uncheck(tid('xp-only-admissible'));
    await waitUntil(async () => hashParam(b.page, 'xa') === null, 'xa dropped once unchecked', 10_000);
    await b.page.click('.xp-selected .xp-close');
    await waitUntil(async () => hashParam(b.page, 'xs') === null, 'xs dropped once the point is closed', 10_000);
    for (const s of [a, b]) {
      expect(s.pageErrors).toEqual([]);
      expect(s.consoleErrors).toEqual([]);
    }
  });

  it('an index outside the config’s points is ignored with a notice; a link without the keys reads as before', async () => {
    const c = await fresh();
    await opened(c.page, `${server.url}${link('&xs=9')}`);
    await waitUntil(async () => (await c.page.textContent(tid('xp-title')).catch(() => '')) === 'Results from the link', 'the link’s results', 30_000);
    await waitUntil(
      async () => (await c.page.$$eval(tid('permalink-notice'), (els) => els.map((e) => e.textContent ?? ''))).some((t) => t.includes("xs: point index 9 is not among the experiment's 4 points")),
      'the notice naming xs',
      10_000,
    );
    expect(await c.page.$(tid('xp-point-selected'))).toBeNull();
    expect(await c.page.isChecked(tid('xp-only-admissible'))).toBe(false);
    expect(await c.page.textContent(tid('xp-fig4-not-in-link'))).toBe(FIG4_NOT_IN_LINK);
    await waitUntil(async () => hashParam(c.page, 'xs') === null, 'the ignored index dropped from the address', 10_000);
    expect(hashParam(c.page, 'xn')).toBeNull();
    expect(c.pageErrors).toEqual([]);
  });
});
