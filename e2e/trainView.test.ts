import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tid } from './app';
import { launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// The Train view in the production build at 1280x720 (issue 22): number boxes
// that take typing like any form, Start that runs the settings on screen,
// "done" only with the final evaluation, and Space that plays and pauses even
// with a button focused. Budgets are tiny: wasm on two shared cores is slow.

const AXE_URL = '/__test__/axe.min.js';

let server: StaticServer;
let b: BrowserSession;

async function openTrain(): Promise<void> {
  // The same address with a fragment would be a same-document navigation: load the page afresh.
  await b.page.goto('about:blank');
  await b.page.goto(`${server.url}?backend=wasm#v=1&view=train`);
  await waitUntil(async () => (await b.page.getAttribute(tid('train-view'), 'data-phase')) === 'ready', 'the Train view ready on wasm', 90_000);
}

beforeAll(async () => {
  server = await startServer();
  // Same-origin, as e2e/a11y.test.ts serves it: the CSP refuses inline scripts.
  server.override(AXE_URL, { body: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js')), headers: { 'content-type': 'text/javascript; charset=utf-8' } });
  b = await launchBrowser(server, { viewport: { width: 1280, height: 720 } });
  await openTrain();
}, 120_000);

afterAll(async () => {
  await b?.close();
  await server?.close();
});

const state = (page: Page) => page.getAttribute(tid('train-view'), 'data-state');
const restorerRows = (page: Page) => page.locator(`${tid('train-dpc')} tr[data-kind=restorer]`).count();

/** Serious or critical axe violations on the page as it is, as "rule: targets". */
async function axeSerious(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: AXE_URL });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Select-all and type, as a person does: every keystroke goes through the box. */
async function typeOver(page: Page, testId: string, text: string): Promise<void> {
  await page.click(tid(testId));
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
}

describe('Train view', () => {
  it('a number box keeps what is typed: 100 over "test images" (min 10) is 100; an empty box is invalid and holds Start back', async () => {
    const { page } = b;
    const box = tid('train-eval-count');
    await typeOver(page, 'train-eval-count', '1');
    // Below the minimum while typing: kept as typed, marked, and the range named.
    expect(await page.inputValue(box)).toBe('1');
    expect(await page.getAttribute(box, 'aria-invalid')).toBe('true');
    expect(await page.textContent(tid('train-eval-count-hint'))).toBe('Allowed: whole numbers 10 to 10,000');
    await page.keyboard.type('00');
    expect(await page.inputValue(box)).toBe('100');
    expect(await page.getAttribute(box, 'aria-invalid')).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.inputValue(box)).toBe('100');

    await typeOver(page, 'train-eval-count', '');
    expect(await page.inputValue(box)).toBe('');
    await page.keyboard.press('Tab');
    // Still empty after blur: not put back behind the user's back, but nothing can start.
    expect(await page.inputValue(box)).toBe('');
    expect(await page.getAttribute(box, 'aria-invalid')).toBe('true');
    expect(await page.getAttribute(tid(`${'train-eval-count'}`), 'aria-describedby')).toBeTruthy();
    expect(await page.isDisabled(tid('train-start'))).toBe(true);
    expect(await page.isVisible(tid('train-invalid'))).toBe(true);
    await typeOver(page, 'train-eval-count', '20');
    await page.keyboard.press('Enter');
    expect(await page.inputValue(box)).toBe('20');
    expect(await page.getAttribute(box, 'aria-invalid')).toBeNull();
    expect(await page.isVisible(tid('train-invalid'))).toBe(false);
  });

  it('an empty loss chart says so instead of drawing axes', async () => {
    const layout = await b.page.$eval(tid('plot-train-losses'), (el) => {
      const l = (el as unknown as { layout?: { xaxis?: { visible?: boolean }; annotations?: { text?: string }[] } }).layout;
      return { x: l?.xaxis?.visible, notes: (l?.annotations ?? []).map((a) => a.text ?? '') };
    });
    expect(layout.x).toBe(false);
    expect(layout.notes.join(' ')).toContain('No data yet');
  });

  it('Start without Apply runs the settings on screen, and "done" comes only with the final evaluation', async () => {
    const { page } = b;
    // The job the worker holds is the backend's default (2,000 iterations of "fast").
    expect(Number(await page.textContent(tid('train-total')))).toBeGreaterThan(100);
    await page.selectOption(tid('train-preset'), 'tiny');
    for (const [id, v] of [['train-iterations', '6'], ['train-batch', '4'], ['train-critic-steps', '1'], ['train-eval-every', '0'], ['train-eval-critic', '3']] as const) {
      await typeOver(page, id, v);
    }
    await page.keyboard.press('Tab');
    expect(await page.isVisible(tid('train-changed'))).toBe(true);
    // Every change of the shown state, with whether an evaluation row was on screen at that moment.
    await page.evaluate(() => {
      const view = document.querySelector('[data-testid="train-view"]')!;
      const seen: Array<[string, number]> = [];
      (window as unknown as { seenStates: typeof seen }).seenStates = seen;
      const note = () => seen.push([view.getAttribute('data-state') ?? '', document.querySelectorAll('[data-testid="train-dpc"] tr[data-kind="restorer"]').length]);
      new MutationObserver(note).observe(view, { attributes: true, attributeFilter: ['data-state'] });
    });
    await page.click(tid('train-start'));
    await waitUntil(async () => (await state(page)) === 'done', 'the run done', 120_000);
    const seen = await page.evaluate(() => (window as unknown as { seenStates: Array<[string, number]> }).seenStates);
    expect(seen.filter(([s]) => s === 'done').length).toBeGreaterThan(0);
    for (const [s, rows] of seen) if (s === 'done') expect(rows, `rows when "done" showed (${JSON.stringify(seen)})`).toBeGreaterThan(0);
    expect(await page.isVisible('text=No evaluation yet')).toBe(false);
    // The worker's own report: 6 iterations, evaluated on the 20 test images typed above.
    expect(await page.textContent(tid('train-total'))).toBe('6');
    expect(await page.textContent(tid('train-iteration'))).toBe('6');
    expect(await page.getAttribute(`${tid('train-dpc')} tr[data-kind=restorer]`, 'data-n')).toBe('20');
    expect(await page.isVisible(tid('train-changed'))).toBe(false);
    // The restored digits sit above the fold.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.$eval(tid('train-samples'), (el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.height).toBeGreaterThan(50);
    expect(box.bottom).toBeLessThanOrEqual(720);
    await screenshot(page, 'train-view-1280');
  }, 180_000);

  it('Space plays and pauses with a button focused, and the button is not pressed', async () => {
    const { page } = b;
    await typeOver(page, 'train-iterations', '400');
    await page.keyboard.press('Tab');
    await page.focus(tid('train-reset'));
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('train-reset');
    await page.keyboard.press(' ');
    await waitUntil(async () => (await state(page)) === 'running', 'Space to start', 60_000);
    await waitUntil(async () => Number(await page.textContent(tid('train-iteration'))) >= 1, 'first iterations', 60_000);
    await page.focus(tid('train-evaluate'));
    await page.keyboard.press(' ');
    await waitUntil(async () => (await state(page)) === 'paused', 'Space to pause', 30_000);
    expect(Number(await page.textContent(tid('train-iteration')))).toBeLessThan(400);
    // Evaluate was focused, not pressed: no point beyond the previous run's.
    expect(await restorerRows(page)).toBe(0);
    expect(await page.textContent(tid('train-total'))).toBe('400');
    await page.click(tid('train-stop'));
    await waitUntil(async () => (await state(page)) === 'stopped', 'stopped', 30_000);
    expect(b.pageErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  }, 180_000);

  it('an invalid box and its hint pass axe in both themes', async () => {
    const { page } = b;
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((t) => localStorage.setItem('cdp-lab:theme', t), theme);
      await openTrain();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await typeOver(page, 'train-eval-count', '5');
      await page.keyboard.press('Tab');
      expect(await page.getAttribute(tid('train-eval-count'), 'aria-invalid')).toBe('true');
      expect(await axeSerious(page), theme).toEqual([]);
      await screenshot(page, `train-view-invalid-${theme}`);
    }
  }, 120_000);

  it('the Experiments view holds Run new sweep back while one of its boxes is invalid', async () => {
    const { page } = b;
    await page.goto('about:blank');
    await page.goto(`${server.url}?backend=wasm#v=1&view=experiments`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.click('summary:has-text("Task, models and budget")');
    expect(await page.isEnabled(tid('xp-start'))).toBe(true);
    await typeOver(page, 'xp-batch', '0');
    await page.keyboard.press('Tab');
    expect(await page.getAttribute(tid('xp-batch'), 'aria-invalid')).toBe('true');
    expect(await page.isEnabled(tid('xp-start'))).toBe(false);
    expect(await page.textContent(tid('xp-fix-fields'))).toContain('Correct the marked settings first');
    await typeOver(page, 'xp-batch', '25');
    await page.keyboard.press('Tab');
    expect(await page.isEnabled(tid('xp-start'))).toBe(true);
    expect(await page.$(tid('xp-fix-fields'))).toBeNull();
  }, 120_000);
});
