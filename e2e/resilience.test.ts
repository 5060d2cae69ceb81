import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../src/experiments/config';
import { exportText } from '../src/experiments/exportFile';
import { fakeBundle } from '../src/experiments/fixtures';
import { encodeConfigParam } from '../src/experiments/link';
import { EXPERIMENT_PRESETS } from '../src/experiments/presets';
import { tid } from './app';
import { ARTIFACTS_DIR, launchBrowser, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// Nothing fails silently (issue 21): the sweep's training worker killed
// mid-point, a storage quota that runs out, and two tabs of one profile
// working on the same saved sweeps. Real training on wasm with tiny
// budgets; every page error, unhandled rejections included, fails a test.

const TINY: ExperimentConfig = {
  ...EXPERIMENT_PRESETS[0].config,
  preset: 'custom',
  iterations: 4,
  batchSize: 4,
  evalEvery: 2,
  evalCount: 50,
  evalCriticSteps: 4,
  warmStart: 6,
  weights: { kind: 'grid', alpha: { from: 1, to: 1, steps: 1 }, beta: { from: 0, to: 0.5, steps: 2 }, gamma: { from: 0, to: 0, steps: 1 } },
};
/** Long enough per point to be caught in training. */
const LONGER: ExperimentConfig = { ...TINY, iterations: 120, evalEvery: 40 };
const OWN = '[data-testid="xp-saved-item"]:not([data-shipped])';

let server: StaticServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
});
beforeEach(async () => {
  await b?.close();
  b = await launchBrowser(server);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
});

async function openWithLink(page: Page, config: ExperimentConfig) {
  // A new document each time: a hash-only change would keep the page as it is.
  await page.goto('about:blank');
  await page.goto(`${server.url}?backend=wasm#v=1&view=experiments&xc=${encodeConfigParam(config)}`);
  await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
}

async function statuses(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="xp-status-"]', (els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
}

/** Both points of the 1x2 sweep listed and done (an empty list, between runs, is not). */
async function allDone(page: Page): Promise<boolean> {
  const s = await statuses(page);
  return s.length === 2 && s.every((x) => x === 'done');
}

/** The finished points the D-P plot draws. */
async function finishedPoints(page: Page): Promise<{ x: number; y: number }[]> {
  return page.$eval(tid('plot-xp-pd'), (el) => {
    const data = (el as unknown as { data?: { name?: string; x?: number[]; y?: number[] }[] }).data ?? [];
    return data.filter((t) => t.name === 'Finished points').flatMap((t) => (t.x ?? []).map((x, i) => ({ x, y: (t.y ?? [])[i] })));
  });
}

async function sweepMessage(page: Page): Promise<string> {
  return (await page.textContent(tid('xp-sweep-message')).catch(() => null)) ?? '';
}

describe('nothing fails silently', () => {
  it('a training worker killed mid-point: a notice within 10 s, Continue completes without a reload, finished points unchanged', async () => {
    const page = b.page;
    await openWithLink(page, LONGER);
    await page.click(tid('xp-start'));
    await waitUntil(async () => (await statuses(page))[0] === 'done' && ['training', 'evaluating'].includes((await statuses(page))[1]), 'point 1 done and point 2 in training', 240_000, 100);
    await waitUntil(async () => (await finishedPoints(page)).length === 1, 'the first point in the plot', 10_000);
    const before = await finishedPoints(page);
    const workersBefore = await page.evaluate(() => (window as unknown as { __cdpLabTrainWorkers: Set<Worker> }).__cdpLabTrainWorkers.size);
    expect(workersBefore).toBeGreaterThan(0);

    // As the browser does to a worker out of memory: it is gone, without a word to the page.
    const killedAt = Date.now();
    await page.evaluate(() => {
      for (const w of (window as unknown as { __cdpLabTrainWorkers: Set<Worker> }).__cdpLabTrainWorkers) w.terminate();
    });
    await waitUntil(async () => (await sweepMessage(page)).includes('the training worker stopped'), 'the notice', 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await sweepMessage(page)).toBe(
      'Sweep stopped: the training worker stopped (the browser ended it, e.g. when it ran out of memory). The point in training was discarded; the 1 point finished before is kept. Continue this sweep to go on with a fresh worker.',
    );
    expect(await statuses(page)).toEqual(['done', 'queued']);
    expect(await page.$(tid('xp-pause'))).toBeNull();

    await page.click(tid('xp-continue'));
    await waitUntil(() => allDone(page), 'the continued sweep to finish', 240_000, 250);
    await waitUntil(async () => (await finishedPoints(page)).length === 2, 'both points in the plot', 10_000).catch(async (e: unknown) => {
      console.log(JSON.stringify(await page.$eval(tid('plot-xp-pd'), (el) => ((el as unknown as { data?: { name?: string; x?: number[] }[] }).data ?? []).map((t) => [t.name, t.x]))));
      console.log(await page.textContent(tid('xp-sweep')));
      throw e;
    });
    const after = await finishedPoints(page);
    for (const p of before) expect(after).toContainEqual(p);
    expect(await page.getAttribute(tid('xp-progress'), 'data-state')).toBe('done');
    expect(b.pageErrors).toEqual([]);
  }, 600_000);

  it('a full quota: Run new sweep names the cause, nothing saved before changes, no uncaught rejection', async () => {
    const page = b.page;
    await page.goto(`${server.url}?backend=wasm#v=1&view=experiments`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    const file = join(ARTIFACTS_DIR, 'resilience-saved.json');
    const bundle = fakeBundle({ config: TINY, name: 'Kept sweep' });
    writeFileSync(file, exportText(bundle, { includeWeights: false }));
    await page.setInputFiles(tid('xp-import'), file);
    await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('Imported'), 'the import');
    const keptBefore = await page.textContent(`${OWN}[data-id="${bundle.experiment.id}"]`);
    expect(keptBefore).toContain('2/2 points');
    await waitUntil(async () => (await page.textContent(tid('xp-storage')))?.includes('This site stores'), 'the storage estimate');

    const cdp = await page.context().newCDPSession(page);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin, quotaSize: usage });
    // The override takes seconds to reach IndexedDB: probe with a write of our own until one is refused.
    await waitUntil(
      () =>
        page.evaluate(
          () =>
            new Promise<boolean>((resolve) => {
              const req = indexedDB.open('e2e-quota-probe', 1);
              req.onupgradeneeded = () => req.result.createObjectStore('s');
              req.onerror = () => resolve(true);
              req.onsuccess = () => {
                const tx = req.result.transaction('s', 'readwrite');
                tx.objectStore('s').put(new Uint8Array(1 << 20), Math.random());
                tx.oncomplete = () => resolve(false);
                tx.onabort = () => resolve(tx.error?.name === 'QuotaExceededError');
              };
            }),
        ),
      'a write to be refused for the quota',
      60_000,
      1000,
    );

    await openWithLink(page, TINY);
    await page.click(tid('xp-start'));
    await waitUntil(async () => (await page.textContent(tid('xp-message')))?.includes('storage is full'), 'the named error', 20_000);
    expect(await page.textContent(tid('xp-message'))).toContain(
      'Could not start the sweep: storage is full (this browser’s quota for the site is used up). Nothing was changed; free space (export, then delete saved sweeps, or clear other site data) and try again.',
    );
    expect(await page.textContent(`${OWN}[data-id="${bundle.experiment.id}"]`)).toBe(keptBefore);
    expect(await page.$$(OWN)).toHaveLength(1);
    expect(b.pageErrors).toEqual([]);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.origin });
  }, 180_000);

  it('two tabs: a sweep finished in one shows finished in the other; deleting a running sweep from the other stops it with a clear message', async () => {
    const a = b.page;
    const other = await b.context.newPage();
    await openWithLink(a, TINY);
    await other.goto(`${server.url}?backend=wasm#v=1&view=experiments`);
    await other.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');

    await a.click(tid('xp-start'));
    const id = await waitUntil(() => a.getAttribute(`${OWN}`, 'data-id'), 'the new sweep in the list');
    const stateIn = (p: Page, i: string) => p.textContent(`${OWN}[data-id="${i}"] ${tid('xp-saved-state')}`).catch(() => null);
    await waitUntil(async () => (await stateIn(other, id)) === 'running in another tab', 'the other tab to see it running', 60_000);
    await waitUntil(() => allDone(a), 'the sweep to finish', 240_000, 250);
    await waitUntil(async () => (await stateIn(other, id)) === 'done', 'the other tab to see it finished, without a reload', 15_000);
    expect(await other.textContent(`${OWN}[data-id="${id}"]`)).toContain('2/2 points');

    // A longer sweep in the first tab, deleted from the second while it trains.
    await openWithLink(a, LONGER);
    await a.click(tid('xp-start'));
    const id2 = await waitUntil(async () => (await a.$$eval(OWN, (els) => els.map((e) => e.getAttribute('data-id')))).find((x) => x !== id), 'the second sweep in the list');
    await waitUntil(async () => (await statuses(a)).includes('training'), 'a point in training', 240_000, 100);
    await waitUntil(async () => (await stateIn(other, id2)) === 'running in another tab', 'the other tab to see it running', 30_000);
    const asked: string[] = [];
    other.once('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await other.click(`${OWN}[data-id="${id2}"] ${tid('xp-delete')}`);
    await waitUntil(async () => (await sweepMessage(a)).includes('deleted in another tab'), 'the running tab to stop', 20_000);
    expect(asked[0]).toMatch(/^“.+” is running in another tab\. Delete it and its \d+ saved points?\? That tab stops it first\.$/);
    expect(await sweepMessage(a)).toBe('Sweep stopped: it was deleted in another tab (its saved points went with it).');
    await waitUntil(async () => (await a.$(`${OWN}[data-id="${id2}"]`)) === null && (await other.$(`${OWN}[data-id="${id2}"]`)) === null, 'the sweep gone from both lists', 15_000);
    expect(await a.$(tid('xp-continue'))).toBeNull();
    await waitUntil(async () => (await a.textContent(tid('xp-title'))) === 'No experiment open', 'the deleted sweep closed', 10_000);
    // The first sweep, finished, is untouched in both tabs.
    expect(await stateIn(a, id)).toBe('done');
    expect(await stateIn(other, id)).toBe('done');

    // Continue, in the second tab, on a sweep the first is running: it says so and offers to wait or take over.
    await openWithLink(a, LONGER);
    await a.click(tid('xp-start'));
    const known = new Set([id, id2]);
    const id3 = await waitUntil(async () => (await a.$$eval(OWN, (els) => els.map((e) => e.getAttribute('data-id')))).find((x) => x !== null && !known.has(x)), 'the third sweep in the list');
    await waitUntil(async () => (await statuses(a)).includes('training'), 'a point in training', 240_000, 100);
    await waitUntil(async () => (await stateIn(other, id3)) === 'running in another tab', 'the other tab to see it running', 30_000);
    await other.click(`${OWN}[data-id="${id3}"] ${tid('xp-open')}`);
    await other.click(tid('xp-continue'));
    const notice = await other.waitForSelector(tid('xp-locked-elsewhere'), { timeout: 10_000 });
    expect(await notice.textContent()).toContain('This sweep is running in another tab of this browser.');
    await other.click(tid('xp-locked-take'));
    await waitUntil(async () => (await sweepMessage(a)).includes('took it over'), 'the first tab to hand it over', 20_000);
    expect(await sweepMessage(a)).toBe('Sweep stopped here: another tab took it over and continues it; the points finished here are saved.');
    await waitUntil(async () => (await statuses(other)).some((x) => x === 'training' || x === 'warming' || x === 'done'), 'the second tab to run it', 60_000, 100);
    await other.click(tid('xp-cancel'));
    expect(b.pageErrors).toEqual([]);
  }, 600_000);
});
