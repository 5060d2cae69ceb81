import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/experiments/config';
import { exportText } from '../src/experiments/exportFile';
import { fakeBundle } from '../src/experiments/fixtures';
import { encodeConfigParam } from '../src/experiments/link';
import { admissibleIndices } from '../src/experiments/pareto';
import { EXPERIMENT_PRESETS } from '../src/experiments/presets';
import { tid } from './app';
import { ARTIFACTS_DIR, launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';
import { REPO_DIR } from './paths';

// Experiments in Chromium against the production build, training for real
// on the wasm backend: a 2x2 sweep of a tiny config (fast nets, batch 4, 4
// iterations, 50 test images), a reload in the middle of it, export to a
// fresh profile, a damaged import, and the admissible set of known points.

const TINY: ExperimentConfig = {
  ...EXPERIMENT_PRESETS[0].config,
  preset: 'custom',
  iterations: 4,
  batchSize: 4,
  evalEvery: 2,
  evalCount: 50,
  evalCriticSteps: 4,
  warmStart: 6,
  weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 0.5, steps: 2 }, gamma: { from: 0, to: 0.5, steps: 2 } },
};
const PLOTS = ['xp-pd', 'xp-cp', 'xp-cd', 'xp-3d'] as const;
/** Saved experiments of the visitor's own (not the shipped sweeps the view imports on its own). */
const OWN_SAVED = '[data-testid="xp-saved-item"]:not([data-shipped])';

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

interface PlottedPoint {
  x: number;
  y: number;
}

/** The finished points each plot draws (2-D: the 'Finished points' trace; 3-D: admissible + dominated). */
async function plotted(page: Page): Promise<Record<string, PlottedPoint[]>> {
  return page.evaluate((names) => {
    const out: Record<string, { x: number; y: number }[]> = {};
    for (const n of names) {
      const el = document.querySelector(`[data-testid="plot-${n}"]`) as unknown as { data?: { name?: string; x?: number[]; y?: number[] }[] } | null;
      const traces = (el?.data ?? []).filter((t) => ['Finished points', 'Admissible points', 'Admissible', 'Dominated'].includes(t.name ?? ''));
      out[n] = traces.flatMap((t) => (t.x ?? []).map((x, i) => ({ x, y: (t.y ?? [])[i] })));
    }
    return out;
  }, PLOTS as unknown as string[]);
}

async function counts(page: Page): Promise<number[]> {
  const p = await plotted(page);
  return PLOTS.map((n) => p[n].length);
}

async function statuses(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="xp-status-"]', (els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
}

async function hasLivePoint(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="plot-xp-pd"]') as unknown as { data?: { name?: string }[] } | null;
    return (el?.data ?? []).some((t) => t.name === 'In training');
  });
}

async function openWithLink(page: Page, config: ExperimentConfig) {
  await page.goto(`${server.url}?backend=wasm#v=1&view=experiments&xc=${encodeConfigParam(config)}`);
  await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
}

/** Waits for the sweep in the page, recording the plot counts as they change. */
async function follow(page: Page, until: (s: string[]) => boolean, seen: number[][], live: { seen: boolean }, timeoutMs: number) {
  await waitUntil(
    async () => {
      const c = await counts(page);
      const last = seen[seen.length - 1];
      if (!last || c.some((v, i) => v !== last[i])) seen.push(c);
      if (!live.seen && (await hasLivePoint(page))) live.seen = true;
      return until(await statuses(page));
    },
    'the sweep to get there',
    timeoutMs,
    250,
  );
}

describe('experiments', () => {
  let exported = '';
  let sweepLink = '';

  it('a 2x2 sweep trains on wasm: points appear one by one in all plots, a reload keeps them and the sweep resumes', async () => {
    const page = b.page;
    await openWithLink(page, TINY);
    expect(await page.textContent(tid('xp-start'))).toContain('4 points');
    await page.click(tid('xp-start'));

    // Plot counts as they change, before and after the reload.
    const seenBefore: number[][] = [];
    const seenAfter: number[][] = [];
    const live = { seen: false };
    const doneCount = (s: string[]) => s.filter((x) => x === 'done').length;
    // Sampling every 250 ms can miss a count at either end: the settled
    // states before, between and after are recorded too, so "one point at a
    // time" below (no jump over 1) covers every count from 0 to 4.
    seenBefore.push(await counts(page));
    await follow(page, (s) => doneCount(s) >= 2, seenBefore, live, 150_000);
    // The server sends COOP/COEP: the sweep's worker runs threaded wasm, and the view says so.
    const threads = Math.min(await page.evaluate(() => navigator.hardwareConcurrency), 8);
    expect(await page.textContent(tid('xp-backend'))).toContain(`wasm · ${threads} thread${threads === 1 ? '' : 's'} · SIMD`);
    // A 6-iteration warm start is not one the app ships: the status says it trained here, and why.
    expect(await page.textContent(tid('xp-sweep-message'))).toBe(
      'Every point starts from a warm start trained in this browser (6 MSE iterations): no shipped warm start matches this config.',
    );
    // Mid-sweep: two points saved, the third in training.
    await waitUntil(async () => (await counts(page)).every((c) => c === 2), 'two points in every plot', 10_000);
    seenBefore.push(await counts(page));
    const before = await plotted(page);

    await page.reload();
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    const offer = await page.waitForSelector(tid('xp-offer'));
    expect(await offer.textContent()).toMatch(/stopped with 2 of 4 points saved \(interrupted\)/);
    await page.click(tid('xp-offer-resume'));
    await waitUntil(async () => (await statuses(page)).length === 4, 'the resumed sweep to list its points');
    // The saved points are not run again.
    expect((await statuses(page)).slice(0, 2)).toEqual(['done', 'done']);
    await waitUntil(async () => (await counts(page)).every((c) => c === 2), 'the saved points back in every plot', 10_000);
    seenAfter.push(await counts(page));
    await follow(page, (s) => doneCount(s) === 4, seenAfter, live, 150_000);
    await waitUntil(async () => (await counts(page)).every((c) => c === 4), 'four points in every plot', 10_000);
    seenAfter.push(await counts(page));

    // One point at a time: no plot ever gains two points between two looks
    // 250 ms apart, and every count from 0 to 4 was seen.
    for (const seen of [seenBefore, seenAfter]) {
      for (let i = 1; i < seen.length; i++) for (let k = 0; k < PLOTS.length; k++) expect(seen[i][k] - seen[i - 1][k]).toBeLessThanOrEqual(1);
    }
    const totals = new Set([...seenBefore, ...seenAfter].map((c) => Math.max(...c)));
    expect([0, 1, 2, 3, 4].every((n) => totals.has(n))).toBe(true);
    expect(live.seen).toBe(true);
    // Points finished before the reload are drawn where they were.
    const after = await plotted(page);
    for (const n of PLOTS) for (const p of before[n]) expect(after[n]).toContainEqual(p);
    expect(await page.getAttribute(tid('xp-progress'), 'data-state')).toBe('done');

    await screenshot(page, 'experiments-sweep');
    sweepLink = page.url();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('xp-export'))]);
    exported = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(exported).points.length).toBe(4);
    expect(b.pageErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  }, 360_000);

  it('export then import into a fresh browser profile reproduces the plots; a damaged file is refused with its reason and changes nothing', async () => {
    expect(exported).not.toBe('');
    const original = await plotted(b.page);
    const fresh = await launchBrowser(server);
    try {
      const page = fresh.page;
      await page.goto(`${server.url}#v=1&view=experiments`);
      await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
      expect(await page.$$(OWN_SAVED)).toHaveLength(0);

      const file = join(ARTIFACTS_DIR, 'experiments-export.json');
      writeFileSync(file, exported);
      await page.setInputFiles(tid('xp-import'), file);
      await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('Imported'), 'the import notice');
      await waitUntil(async () => (await counts(page)).every((c) => c === 4), 'the imported points in every plot');
      const imported = await plotted(page);
      for (const n of PLOTS) expect([...imported[n]].sort((p, q) => p.x - q.x)).toEqual([...original[n]].sort((p, q) => p.x - q.x));

      // The sweep's link carries its config and (4 points are few) its results, rounded to 4 digits.
      const linkPage = await fresh.context.newPage();
      const cleanLink = new URL(sweepLink);
      await linkPage.goto(cleanLink.href);
      await linkPage.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
      // This profile has the imported experiment with the same config: it opens that one.
      await waitUntil(async () => (await linkPage.textContent(tid('xp-title'))) !== 'No experiment open', 'the linked experiment to open');
      await waitUntil(async () => (await counts(linkPage)).every((c) => c === 4), 'its points in every plot');
      await linkPage.close();

      // A damaged copy: one metric turned into text.
      const bad = JSON.parse(exported);
      bad.points[1].metrics.D = 'lots';
      bad.experiment.id = 'another-id-123';
      const badFile = join(ARTIFACTS_DIR, 'experiments-damaged.json');
      writeFileSync(badFile, JSON.stringify(bad));
      await page.setInputFiles(tid('xp-import'), badFile);
      await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('not imported'), 'the refusal');
      expect(await page.textContent(tid('xp-message'))).toMatch(/was not imported: invalid file: points\[1\]\.metrics\.D/);
      expect(await page.getAttribute(tid('xp-message'), 'role')).toBe('alert');
      expect(await page.$$(OWN_SAVED)).toHaveLength(1);
      expect(await counts(page)).toEqual([4, 4, 4, 4]);

      // The same file again: refused, never overwritten.
      await page.setInputFiles(tid('xp-import'), file);
      await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('already saved here'), 'the duplicate refusal');
      expect(await page.$$(OWN_SAVED)).toHaveLength(1);
      expect(fresh.pageErrors).toEqual([]);
    } finally {
      await fresh.close();
    }

    const third = await launchBrowser(server);
    try {
      const page = third.page;
      await page.goto(sweepLink);
      await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
      await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('carries its results'), 'the link notice');
      await waitUntil(async () => (await counts(page)).every((c) => c === 4), 'the linked results in every plot');
      const linked = await plotted(page);
      const near = (a: number, b: number) => Math.abs(a - b) <= 6e-4 * Math.abs(b) + 1e-12;
      for (const n of PLOTS) {
        // Each linked point lies on an original one (4-digit rounding), and all of them are matched.
        const unmatched = [...original[n]];
        for (const p of linked[n]) {
          const k = unmatched.findIndex((q) => near(p.x, q.x) && near(p.y, q.y));
          expect(k, `${n}: ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(0);
          unmatched.splice(k, 1);
        }
      }
      expect(await page.$$(OWN_SAVED)).toHaveLength(0);
      await page.click(tid('xp-save-linked'));
      await waitUntil(async () => (await page.$$(OWN_SAVED)).length === 1, 'the linked results saved here');
      expect(third.pageErrors).toEqual([]);
    } finally {
      await third.close();
    }
  }, 150_000);

  it('highlights exactly the admissible set of known points, and can show it alone', async () => {
    // The fixture's law makes every grid point a trade-off; points 4 and 7 are
    // made worse on all three axes, so points 3 and 6 dominate them.
    const bundle = fakeBundle({ id: 'known-points-1', name: 'Known points' });
    const points = bundle.points.map((p) =>
      p.index === 4 || p.index === 7 ? { ...p, metrics: { ...p.metrics!, D: p.metrics!.D * 2, P: p.metrics!.P! * 2, C: p.metrics!.C * 2 } } : p,
    );
    const want = admissibleIndices(points.map((p) => ({ D: p.metrics!.D, P: p.metrics!.P!, C: p.metrics!.C })));
    expect(want).toEqual([0, 1, 2, 3, 5, 6, 8]);
    const file = join(ARTIFACTS_DIR, 'experiments-known.json');
    writeFileSync(file, exportText({ ...bundle, points }));

    const page = b.page;
    await page.goto(`${server.url}#v=1&view=experiments`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.setInputFiles(tid('xp-import'), file);
    // The view may show the shipped sweep (also nine points) until the import opens this one.
    await waitUntil(async () => (await page.textContent(tid('xp-title'))) === 'Known points', 'the imported experiment open');
    await waitUntil(async () => (await page.getAttribute(tid('xp-counts'), 'data-points')) === '9', 'the known points');
    expect(await page.getAttribute(tid('xp-counts'), 'data-admissible')).toBe('7');
    await waitUntil(async () => (await counts(page)).every((c) => c === 9), 'the known points in every plot');
    const ringed = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="plot-xp-pd"]') as unknown as { data: { name?: string; x: number[] }[] };
      return el.data.find((t) => t.name === 'Admissible (not dominated)')?.x ?? [];
    });
    expect([...ringed].sort()).toEqual(want.map((i) => points[i].metrics!.D).sort());

    await page.click(tid('xp-only-admissible'));
    await waitUntil(async () => (await counts(page)).every((c) => c === 7), 'only the admissible points in every plot');
    const shown = await plotted(page);
    expect(shown['xp-pd'].map((p) => p.x).sort()).toEqual(want.map((i) => points[i].metrics!.D).sort());
    await page.click(tid('xp-only-admissible'));
    await waitUntil(async () => (await counts(page)).every((c) => c === 9), 'all points again');

    // Clicking a point opens its samples and loss curves; two points pin side by side.
    const clickPoint = async (index: number) => {
      const xy = await page.evaluate((i) => {
        const el = document.querySelector('[data-testid="plot-xp-pd"]') as unknown as {
          data: { name?: string; x: number[]; y: number[]; customdata: unknown[][] }[];
          _fullLayout: { xaxis: { l2p(v: number): number; _offset: number }; yaxis: { l2p(v: number): number; _offset: number } };
          getBoundingClientRect(): DOMRect;
        };
        const t = el.data.find((d) => d.name === 'Finished points')!;
        const k = t.customdata.findIndex((c) => c[0] === i);
        const r = el.getBoundingClientRect();
        const fl = el._fullLayout;
        return { x: r.left + fl.xaxis._offset + fl.xaxis.l2p(t.x[k]), y: r.top + fl.yaxis._offset + fl.yaxis.l2p(t.y[k]) };
      }, index);
      await page.mouse.move(xy.x, xy.y);
      await page.mouse.click(xy.x, xy.y);
    };
    await page.locator(tid('plot-xp-pd')).scrollIntoViewIfNeeded();
    await clickPoint(2);
    const card = await page.waitForSelector(tid('xp-point-selected'));
    expect(await card.getAttribute('data-index')).toBe('2');
    expect(await page.$$(`${tid('xp-thumbs-selected')} canvas`)).toHaveLength(3);
    await page.waitForSelector(tid('plot-xp-loss-selected'));
    await page.click(tid('xp-pin-selected'));
    await page.locator(tid('plot-xp-pd')).scrollIntoViewIfNeeded();
    await clickPoint(5);
    await waitUntil(async () => (await page.getAttribute(tid('xp-point-selected'), 'data-index')) === '5', 'the second point');
    await page.click(tid('xp-pin-selected'));
    await waitUntil(async () => (await page.$$(`${tid('xp-compare')} article`)).length === 2, 'two pinned points side by side');
    expect(await page.getAttribute(tid('xp-point-A'), 'data-index')).toBe('2');
    expect(await page.getAttribute(tid('xp-point-B'), 'data-index')).toBe('5');

    // CSV export of a plot: the points with their weights and metrics.
    await page.locator(tid('plot-xp-pd')).scrollIntoViewIfNeeded();
    await page.click('summary[aria-label="Export xp-pd"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('details[open] >> text=CSV data')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toBe('kind,index,alpha,beta,gamma,D,P,C,admissible,iteration,P_se,C_se,n,D_se');
    expect(rows.filter((r) => r.startsWith('point,')).length).toBe(9);
    expect(b.pageErrors).toEqual([]);
  }, 90_000);

  it('a fresh profile opens on the shipped Exp-1 sweep (real training, public/precomputed): nine points, their admissible set, Fig. 4; hiding it sticks across a reload until restored', async () => {
    const file = join(REPO_DIR, 'public/precomputed/exp1-mnist-denoise.json');
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as { points: { metrics: { D: number; P: number; C: number } }[] };
    const want = admissibleIndices(bundle.points.map((p) => p.metrics));
    const fresh = await launchBrowser(server, { viewport: { width: 1600, height: 1000 } });
    const page = fresh.page;
    try {
      await page.goto(`${server.url}#v=1&view=experiments`);
      await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
      // Nothing trained, nothing imported: the view shows the preset's shipped sweep, labelled as shipped.
      await waitUntil(async () => (await page.textContent(tid('xp-title')))?.startsWith('Precomputed'), 'the shipped sweep open');
      expect(await page.textContent(tid('xp-shipped'))).toMatch(/^Shipped with CDP Lab: a real sweep of Exp-1/);
      await waitUntil(async () => (await counts(page)).every((c) => c === 9), 'its nine points in every plot');
      expect(await page.getAttribute(tid('xp-counts'), 'data-admissible')).toBe(String(want.length));
      // Iso-C curves join points of about equal C in the P-D plot.
      const iso = await page.evaluate(() => {
        const el = document.querySelector('[data-testid="plot-xp-pd"]') as unknown as { data: { legendgroup?: string }[] };
        return el.data.filter((t) => t.legendgroup === 'iso').length;
      });
      expect(iso).toBeGreaterThan(0);
      // Fig. 4: beta rows by gamma columns of restored digits, drawn (not blank).
      await page.waitForSelector(`${tid('xp-fig4')}[data-rows="3"][data-cols="3"]`);
      const inked = await page.$eval(tid('xp-fig4-canvas'), (c) => {
        const cv = c as HTMLCanvasElement;
        const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
        const first = d.slice(0, 4).join();
        let differ = 0;
        for (let i = 0; i < d.length; i += 4 * 97) if (d.slice(i, i + 4).join() !== first) differ++;
        return differ;
      });
      expect(inked).toBeGreaterThan(100);
      await screenshot(page, 'experiments-exp1-shipped', { fullPage: true });

      // Another preset: its own shipped sweep (Exp-2: six points), and back.
      await page.selectOption(tid('xp-preset'), 'exp2');
      await waitUntil(async () => (await page.getAttribute(tid('xp-shipped'), 'data-id').catch(() => null)) === 'shipped-exp2-mnist', 'the Exp-2 sweep');
      await waitUntil(async () => (await counts(page)).every((c) => c === 6), 'its six points in every plot');
      expect(await page.textContent(tid('xp-shipped'))).toMatch(/a real sweep of Exp-2/);
      await page.selectOption(tid('xp-preset'), 'exp1');
      await waitUntil(async () => (await counts(page)).every((c) => c === 9), 'Exp-1 again');

      // Hide it: gone from the plots and the saved list, and still gone after a reload.
      await waitUntil(async () => /[#&]xr=/.test(new URL(page.url()).hash), 'the link carrying the shown results');
      await page.click(tid('xp-hide-shipped'));
      await waitUntil(async () => (await page.getAttribute(tid('xp-shipped-none'), 'data-kind').catch(() => null)) === 'hidden', 'hidden');
      // The banner says hidden as soon as the preference is stored; the saved list follows once IndexedDB has deleted it.
      await waitUntil(async () => (await page.$(`${tid('xp-saved-item')}[data-id="precomputed-exp1-mnist"]`)) === null, 'gone from the saved list');
      // The permalink carries the shown sweep's results (xr) and is written at most every few hundred ms:
      // a reload before it drops them would show them again, as that link's results.
      await waitUntil(async () => !/[#&]xr=/.test(new URL(page.url()).hash), 'the results gone from the link');
      await page.reload();
      await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
      await waitUntil(async () => (await page.getAttribute(tid('xp-shipped-none'), 'data-kind').catch(() => null)) === 'hidden', 'still hidden after the reload');
      expect(await counts(page)).toEqual([0, 0, 0, 0]);
      // The saved panel's menu brings it back.
      await page.click(`${tid('xp-hidden-shipped')} summary`);
      await page.click(tid('xp-restore-hidden'));
      await waitUntil(async () => (await counts(page)).every((c) => c === 9), 'restored');
      expect((await page.$$(`${tid('xp-saved-item')}[data-id="precomputed-exp1-mnist"]`)).length).toBe(1);
      expect(fresh.pageErrors).toEqual([]);
      expect(fresh.consoleErrors).toEqual([]);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
