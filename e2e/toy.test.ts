import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode } from '../src/state/permalink';
import { DEFAULT_TOY_STATE, EXPERIMENTS_VIEW_KEYS, KEYS, PERMALINK_KEYS, type ToyState } from '../src/state/schema';
import type { Page } from 'playwright-core';
import { inputValue, plotState, textOf, tid, TOY_PLOTS, waitForPlotChange, waitForPlots, type PlotState } from './app';
import { currentHash, launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';
import { REPO_DIR } from './paths';

// The Gaussian toy view in a real Chromium against the production build.

let server: StaticServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  b = await launchBrowser(server, { permissions: ['clipboard-read', 'clipboard-write'] });
});

// Each test judges only its own logs, so one failure does not cascade.
beforeEach(() => b?.resetLogs());

afterAll(async () => {
  await b?.close();
  await server?.close();
});

function expectCleanLogs() {
  expect(b.pageErrors, 'uncaught page errors').toEqual([]);
  expect(b.consoleErrors, 'console errors').toEqual([]);
  expect(b.foreignRequests, 'requests to other origins').toEqual([]);
  expect(b.failedRequests, 'failed same-origin requests').toEqual([]);
}

/** The plots that hold their redraws while a slider is dragged (their cards say so). */
const HELD_PLOTS = ['surface-3d', 'surface-contour', 'profiles-d', 'profiles-p'] as const;

async function plotStates(page: Page): Promise<Record<string, PlotState>> {
  const out: Record<string, PlotState> = {};
  for (const name of TOY_PLOTS) out[name] = await plotState(page, name);
  return out;
}

async function hashState(): Promise<ToyState> {
  return decode(await currentHash(b.page)).state;
}

/** Every number input shows its state value (to the slider's step precision). */
async function expectInputsShow(state: ToyState) {
  for (const key of PERMALINK_KEYS) {
    const def = KEYS[key];
    if (def.kind !== 'number' || EXPERIMENTS_VIEW_KEYS.includes(key)) continue;
    const shown = Number(await inputValue(b.page, `number-${key}`));
    expect(shown, `number-${key}`).toBeCloseTo(state[key] as number, 9);
    const slider = Number(await inputValue(b.page, `slider-${key}`));
    expect(slider, `slider-${key}`).toBeCloseTo(state[key] as number, 9);
  }
  expect(await inputValue(b.page, 'select-div')).toBe(state.div);
}

describe('toy view', () => {
  it('loads with every plot drawn, no console error and no request to another origin', async () => {
    await b.page.goto(server.url);
    const plots = await waitForPlots(b.page);
    for (const name of TOY_PLOTS) {
      expect(plots[name].traces, name).toBeGreaterThan(0);
      expect(plots[name].points, name).toBeGreaterThan(10);
    }
    // The 3D surface is WebGL (SwiftShader here).
    expect((await plotState(b.page, 'surface-3d')).glCanvases).toBeGreaterThan(0);
    expect(server.requests.length).toBeGreaterThan(0);
    expectCleanLogs();
  });

  it('fits a 1280x720 projector: no horizontal scroll, controls and first plots on screen', async () => {
    const { scrollWidth, clientWidth } = await b.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    for (const id of ['slider-p1', 'slider-a', 'plot-densities']) {
      const box = await b.page.locator(tid(id)).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(1280);
      expect(box!.y, id).toBeLessThan(720);
    }
    const path = await screenshot(b.page, 'toy-1280x720-light');
    // The README's screenshot is refreshed on request (or when missing) so
    // that a plain `npm test` leaves the working tree clean.
    const readme = `${REPO_DIR}/docs/screenshot.png`;
    if (process.env.UPDATE_README_SCREENSHOT || !existsSync(readme)) {
      mkdirSync(`${REPO_DIR}/docs`, { recursive: true });
      copyFileSync(path, readme);
    }
    expect(statSync(path).size).toBeGreaterThan(10_000);
  });

  it('keyboard on a slider updates its number box, the readouts, a plot and the URL hash, without history entries', async () => {
    const historyBefore = await b.page.evaluate(() => history.length);
    const mseBefore = await textOf(b.page, 'readout-mse');
    const densBefore = await plotState(b.page, 'densities');
    const curvesBefore = await plotState(b.page, 'curves-vs-a');
    await b.page.focus(tid('slider-a'));
    for (let i = 0; i < 5; i++) await b.page.keyboard.press('ArrowRight');
    const want = DEFAULT_TOY_STATE.a + 5 * KEYS.a.step;
    expect(Number(await inputValue(b.page, 'slider-a'))).toBeCloseTo(want, 9);
    expect(Number(await inputValue(b.page, 'number-a'))).toBeCloseTo(want, 9);
    await waitUntil(async () => (await textOf(b.page, 'readout-mse')) !== mseBefore, 'readout-mse to change');
    await waitForPlotChange(b.page, 'densities', densBefore);
    // The marker at the current a moves on the D/P/C-vs-a plot.
    await waitForPlotChange(b.page, 'curves-vs-a', curvesBefore);
    await waitUntil(async () => Math.abs((await hashState()).a - want) < 1e-12, 'hash to carry the new a');
    const s = await hashState();
    expect(s).toEqual({ ...DEFAULT_TOY_STATE, a: s.a });
    expect(await b.page.evaluate(() => history.length)).toBe(historyBefore);
    expectCleanLogs();
  });

  it('dragging a slider with the mouse updates the readout, the plots and the hash', async () => {
    const slider = b.page.locator(tid('slider-sigmaN'));
    const box = (await slider.boundingBox())!;
    const before = Number(await inputValue(b.page, 'slider-sigmaN'));
    const mseBefore = await textOf(b.page, 'readout-mse');
    const surfBefore = await plotState(b.page, 'surface-contour');
    const densBefore = await plotState(b.page, 'densities');
    const { min, max } = KEYS.sigmaN;
    const y = box.y + box.height / 2;
    const x0 = box.x + ((before - min) / (max - min)) * box.width;
    await b.page.mouse.move(x0, y);
    await b.page.mouse.down();
    for (let i = 1; i <= 10; i++) await b.page.mouse.move(x0 + (i * box.width) / 25, y);
    await b.page.mouse.up();
    const after = Number(await inputValue(b.page, 'slider-sigmaN'));
    expect(after).toBeGreaterThan(before + 0.5);
    expect(Number(await inputValue(b.page, 'number-sigmaN'))).toBeCloseTo(after, 9);
    await waitUntil(async () => (await textOf(b.page, 'readout-mse')) !== mseBefore, 'readout-mse to change');
    await waitForPlotChange(b.page, 'densities', densBefore);
    await waitForPlotChange(b.page, 'surface-contour', surfBefore);
    await waitUntil(async () => (await hashState()).sigmaN === after, 'hash to carry the new sigmaN');
    expectCleanLogs();
  });

  it('mid-drag the surface, contour and profiles hold and say so while the densities follow; after release every plot shows the final state', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page);
    await waitUntil(async () => (await b.page.locator('.plots[aria-busy="true"]').count()) === 0, 'the model to be computed');
    const before = await plotStates(b.page);
    const slider = b.page.locator(tid('slider-sigmaN'));
    const box = (await slider.boundingBox())!;
    const { min, max } = KEYS.sigmaN;
    const y = box.y + box.height / 2;
    const x0 = box.x + ((DEFAULT_TOY_STATE.sigmaN - min) / (max - min)) * box.width;
    await b.page.mouse.move(x0, y);
    await b.page.mouse.down();
    for (let i = 1; i <= 10; i++) await b.page.mouse.move(x0 + (i * box.width) / 30, y);
    // Still held: once the worker has answered for the new sigma_N, the held plots say so.
    for (const name of HELD_PLOTS) await b.page.locator(tid(`held-${name}`)).waitFor({ state: 'visible', timeout: 30_000 });
    await waitForPlotChange(b.page, 'densities', before.densities);
    const mid = await plotStates(b.page);
    for (const name of HELD_PLOTS) expect(mid[name].digest, `${name} kept its picture mid-drag`).toBe(before[name].digest);
    await b.page.mouse.up();
    await waitUntil(async () => (await b.page.locator('.plot-held').count()) === 0, 'the notices to go on release');
    const sigmaN = Number(await inputValue(b.page, 'slider-sigmaN'));
    expect(sigmaN).toBeGreaterThan(DEFAULT_TOY_STATE.sigmaN + 0.5);
    await waitUntil(async () => (await hashState()).sigmaN === sigmaN, 'hash to carry the new sigmaN');

    // The final state, loaded fresh in another tab, is what every plot of the dragged page ends up showing.
    const ref = await b.context.newPage();
    try {
      await ref.goto(`${server.url}#${await currentHash(b.page)}`);
      await waitForPlots(ref);
      let diff: string[] = [];
      await waitUntil(
        async () => {
          const [got, want] = await Promise.all([plotStates(b.page), plotStates(ref)]);
          diff = TOY_PLOTS.filter((name) => got[name].digest !== want[name].digest);
          return diff.length === 0;
        },
        'every plot to show the final state',
        60_000,
        500,
      ).catch((e: unknown) => {
        throw new Error(`${String(e)}; still different: ${diff.join(', ')}`);
      });
    } finally {
      await ref.close();
    }
    expectCleanLogs();
  });

  it('an arrow key held on a slider (repeating) holds the same plots until it goes up', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page);
    await waitUntil(async () => (await b.page.locator('.plots[aria-busy="true"]').count()) === 0, 'the model to be computed');
    const before = await plotStates(b.page);
    await b.page.focus(tid('slider-sigmaN'));
    // keyboard.down without up sends the repeats a held key sends (KeyboardEvent.repeat).
    for (let i = 0; i < 6; i++) await b.page.keyboard.down('ArrowRight');
    for (const name of HELD_PLOTS) await b.page.locator(tid(`held-${name}`)).waitFor({ state: 'visible', timeout: 30_000 });
    await b.page.keyboard.up('ArrowRight');
    await waitUntil(async () => (await b.page.locator('.plot-held').count()) === 0, 'the notices to go on keyup');
    for (const name of HELD_PLOTS) await waitForPlotChange(b.page, name, before[name], 30_000);
    expect(Number(await inputValue(b.page, 'slider-sigmaN'))).toBeCloseTo(DEFAULT_TOY_STATE.sigmaN + 6 * KEYS.sigmaN.step, 9);
    expectCleanLogs();
  });

  it('opening a permalink restores the exact state', async () => {
    const target: ToyState = {
      ...DEFAULT_TOY_STATE,
      view: 'toy', p1: 0.55, mu1: -1.5, mu2: 2, sigmaX: 0.8, sigmaN: 0.6, div: 'w2', a: 0.65, D: 1.2, P: 0.25, p0: 0.3,
    };
    const link = `${server.url}#${encode(target)}`;
    await b.page.goto('about:blank');
    await b.page.goto(link);
    await waitForPlots(b.page);
    await expectInputsShow(target);
    // The link stays as it was: nothing rewrote or lost a key.
    expect(await currentHash(b.page)).toBe(encode(target));
    // A second link opened in the same tab arrives by hashchange.
    const second = { ...target, p1: 0.3, div: 'tv' as const, a: -0.4 };
    const densBefore = await plotState(b.page, 'densities');
    await b.page.evaluate((h) => {
      window.location.hash = h;
    }, encode(second));
    await waitUntil(async () => Number(await inputValue(b.page, 'number-p1')) === 0.3, 'hashchange to apply');
    await expectInputsShow(second);
    await waitForPlotChange(b.page, 'densities', densBefore);
    expect(await b.page.locator(tid('permalink-notice')).count()).toBe(0);
    expectCleanLogs();
  });

  it('a mangled permalink shows a dismissible notice naming what was ignored, and the app keeps working', async () => {
    const mangled =
      'v=7&p1=banana&mu1=99&div=nope&sigmaX=0.5&%E0%A4%A=1&evil=1&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1&a=0.5&a=1';
    await b.page.goto('about:blank');
    await b.page.goto(`${server.url}#${mangled}`);
    const notice = b.page.locator(tid('permalink-notice')).first();
    await notice.waitFor({ state: 'visible', timeout: 30_000 });
    const text = (await notice.textContent()) ?? '';
    for (const word of ['v', 'p1', 'mu1', 'div', 'evil', 'unknown key', 'clamped', 'duplicate']) expect(text).toContain(word);
    // URL text is shown as text, never parsed as HTML.
    expect(await b.page.locator(`${tid('permalink-notice')} img`).count()).toBe(0);
    expect(text).toContain('<img src=x onerror=alert(1)>: unknown key');
    await expectInputsShow({ ...DEFAULT_TOY_STATE, mu1: 4, sigmaX: 0.5, a: 0.5 });
    await waitForPlots(b.page);
    // The hash is rewritten canonically.
    await waitUntil(async () => (await currentHash(b.page)) === encode({ ...DEFAULT_TOY_STATE, mu1: 4, sigmaX: 0.5, a: 0.5 }), 'canonical hash');
    await b.page.click(tid('permalink-notice-dismiss'));
    expect(await b.page.locator(tid('permalink-notice')).count()).toBe(0);
    const densBefore = await plotState(b.page, 'densities');
    await b.page.focus(tid('slider-a'));
    await b.page.keyboard.press('ArrowLeft');
    await waitForPlotChange(b.page, 'densities', densBefore);
    expectCleanLogs();
  });

  it('copy link puts the current permalink on the clipboard', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page, ['densities']);
    await b.page.focus(tid('slider-p1'));
    await b.page.keyboard.press('ArrowLeft');
    // Immediately: the link is built from the store, not from a hash still waiting on its throttle.
    await b.page.click(tid('copy-link'));
    await waitUntil(async () => (await textOf(b.page, 'copy-link')).includes('copied'), 'copy confirmation');
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(server.url)).toBe(true);
    const { state, ignored } = decode(new URL(copied).hash);
    expect(ignored).toEqual([]);
    expect(state).toEqual({ ...DEFAULT_TOY_STATE, p1: 0.69 });
    expectCleanLogs();
  });

  it('copy link falls back to a selected read-only field without clipboard access', async () => {
    const page = await b.context.newPage();
    try {
      await page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
      });
      await page.goto(`${server.url}#${encode({ ...DEFAULT_TOY_STATE, mu2: 1.5 })}`);
      await page.click(tid('copy-link'));
      const field = page.locator(tid('copy-link-fallback'));
      await field.waitFor({ state: 'visible' });
      const value = await field.inputValue();
      expect(decode(new URL(value).hash).state.mu2).toBe(1.5);
      const selected = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0);
      });
      expect(selected).toBe(value);
    } finally {
      await page.close();
    }
    expectCleanLogs();
  });

  it('presets are permalinks: choosing one sets every input and the hash', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page, ['densities']);
    const menuOpen = () => b.page.$eval(tid('preset-menu'), (d) => (d as HTMLDetailsElement).open);
    await b.page.click(`${tid('preset-menu')} > summary`);
    expect(await menuOpen()).toBe(true);
    await b.page.keyboard.press('Escape');
    expect(await menuOpen()).toBe(false);
    await b.page.click(`${tid('preset-menu')} > summary`);
    await b.page.click(tid('preset-blau-fig5'));
    expect(await menuOpen()).toBe(false);
    const want = decode('v=1&view=toy&p1=0.5&mu1=0&mu2=0&sigmaX=1&sigmaN=1&div=kl&a=0.71&D=0.6&P=0.05&p0=0.2').state;
    await waitUntil(async () => Number(await inputValue(b.page, 'number-mu1')) === 0, 'preset to apply');
    await expectInputsShow(want);
    await waitUntil(async () => (await currentHash(b.page)) === encode(want), 'hash of the preset');
    expectCleanLogs();
  });

  it('theme toggle switches light/dark, restyles the page and survives a reload', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page);
    const theme = () => b.page.evaluate(() => document.documentElement.dataset.theme);
    const bg = () => b.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await theme()).toBe('light'); // auto, with the browser preferring light
    const lightBg = await bg();
    for (let i = 0; i < 3 && (await theme()) !== 'dark'; i++) await b.page.click(tid('theme-toggle'));
    expect(await theme()).toBe('dark');
    expect(await bg()).not.toBe(lightBg);
    await b.page.waitForTimeout(300); // plots restyle on the next frame
    await screenshot(b.page, 'toy-1280x720-dark');
    await b.page.reload();
    await waitForPlots(b.page, ['densities']);
    expect(await theme()).toBe('dark');
    expectCleanLogs();
  });

  it('loss weights: the keyboard on gamma moves the weighted minimiser, its readouts, its diamond on the contour map and the hash', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(server.url);
    await waitForPlots(b.page);
    await waitUntil(async () => /^\d/.test(await textOf(b.page, 'readout-weighted-a')), 'the weighted minimiser');
    const aBefore = Number(await textOf(b.page, 'readout-weighted-a'));
    const contourBefore = await plotState(b.page, 'surface-contour');
    // The paper's toy: its C_lin is its own convex hull.
    expect(await textOf(b.page, 'hull-summary')).toMatch(/own convex hull/);
    await b.page.focus(tid('slider-gamma'));
    for (let i = 0; i < 20; i++) await b.page.keyboard.press('ArrowRight');
    const want = DEFAULT_TOY_STATE.gamma + 20 * KEYS.gamma.step;
    expect(Number(await inputValue(b.page, 'number-gamma'))).toBeCloseTo(want, 9);
    // More weight on the error rate pulls the gain towards the error-optimal a = 1/2.
    await waitUntil(async () => Number(await textOf(b.page, 'readout-weighted-a')) < aBefore - 1e-3, 'the minimiser to move');
    await waitForPlotChange(b.page, 'surface-contour', contourBefore);
    await waitUntil(async () => (await hashState()).gamma === want, 'hash to carry gamma');
    // A reload keeps the weights; the other keys are unchanged.
    await b.page.reload();
    await waitForPlots(b.page, ['densities']);
    expect(Number(await inputValue(b.page, 'number-gamma'))).toBeCloseTo(want, 9);
    expect(await hashState()).toEqual({ ...DEFAULT_TOY_STATE, gamma: want });
    expectCleanLogs();
  });

  it('loss weights: W2 at sigma_N = 2.5 shows the surface points above the convex hull', async () => {
    await b.page.goto('about:blank');
    await b.page.goto(`${server.url}#${encode({ ...DEFAULT_TOY_STATE, div: 'w2', sigmaN: 2.5, D: 2, P: 0.5 })}`);
    await waitForPlots(b.page);
    await waitUntil(async () => /lie above the convex hull/.test(await textOf(b.page, 'hull-summary')), 'the hull summary');
    const cells = Number((await textOf(b.page, 'hull-summary')).split(' ')[0]);
    expect(cells).toBeGreaterThan(100);
    expectCleanLogs();
  });
});
