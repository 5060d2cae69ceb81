import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportText } from '../src/experiments/exportFile';
import { fakeBundle } from '../src/experiments/fixtures';
import { decode } from '../src/state/permalink';
import { HIDEABLE, KEYS } from '../src/state/schema';
import { SHORTCUTS } from '../src/ui/help/shortcuts';
import { PRECOMPUTED_SWEEP } from '../src/ui/tour/precomputed';
import { STEPS, type SectionId } from '../src/ui/tour/steps';
import { inputValue, textOf, tid, TOY_PLOTS, waitForPlots } from './app';
import { currentHash, DIST_DIR, launchBrowser, screenshot, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// Lecture-hall features in Chromium against the production build:
// presentation mode, hide= links, the guided tour driven by the keyboard
// alone, the shortcut overlay, offline use through the service worker and a
// clean update to a new deployment.

const SECTION_PLOTS: Record<SectionId, readonly string[]> = {
  'toy-sec-1': ['densities', 'curves-vs-a'],
  'toy-sec-2': ['surface-3d', 'surface-contour', 'profiles-d', 'profiles-p'],
  'exact-sec': ['exact-surface-3d', 'exact-gap'],
  'toy-sec-3': ['blau-pd', 'blau-discrete'],
};
const SECTIONS = Object.keys(SECTION_PLOTS) as SectionId[];

let server: StaticServer;

/** model.json files the build ships (public/models), relative to models/. */
function modelFiles(): string[] {
  const dir = join(DIST_DIR, 'models');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('model.json'));
}

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

function expectCleanLogs(b: BrowserSession) {
  expect(b.pageErrors, 'uncaught page errors').toEqual([]);
  expect(b.consoleErrors, 'console errors').toEqual([]);
  expect(b.foreignRequests, 'requests to other origins').toEqual([]);
  expect(b.failedRequests, 'failed same-origin requests').toEqual([]);
}

async function open(b: BrowserSession, hash: string) {
  await b.page.goto('about:blank');
  await b.page.goto(`${server.url}#${hash}`);
  await b.page.waitForSelector(tid('tab-toy'));
}

async function hashState(b: BrowserSession) {
  return decode(await currentHash(b.page)).state;
}

async function visibleSections(b: BrowserSession): Promise<SectionId[]> {
  const out: SectionId[] = [];
  for (const id of SECTIONS) if (await b.page.locator(`section[aria-labelledby="${id}"]`).isVisible()) out.push(id);
  return out;
}

/** Toy controls on screen, by key: sliders (slider-<key>) and the divergence select. */
async function visibleControls(b: BrowserSession): Promise<string[]> {
  const out: string[] = [];
  for (const key of HIDEABLE) {
    const id = key === 'div' ? 'select-div' : `slider-${key}`;
    if (await b.page.locator(tid(id)).isVisible()) out.push(key);
  }
  return out;
}

/** Plotly's resolved font sizes of a drawn plot. */
async function plotFonts(b: BrowserSession, name: string): Promise<{ base: number; tick: number }> {
  return b.page.$eval(tid(`plot-${name}`), (el) => {
    const full = (el as unknown as { _fullLayout: { font: { size: number }; xaxis: { tickfont: { size: number } } } })._fullLayout;
    return { base: full.font.size, tick: full.xaxis.tickfont.size };
  });
}

async function rootStyle(b: BrowserSession): Promise<{ font: string; fg: string; bg: string; present: boolean }> {
  return b.page.evaluate(() => {
    const cs = getComputedStyle(document.body);
    return { font: cs.fontSize, fg: cs.color, bg: cs.backgroundColor, present: document.documentElement.dataset.present !== undefined };
  });
}

describe('presentation mode and hide= links', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await launchBrowser(server);
  });
  beforeEach(() => b?.resetLogs());
  afterAll(async () => {
    await b?.close();
  });

  it('present=1 enlarges type and plot fonts, raises contrast, fits 1280x720, and is screenshotted in both themes', async () => {
    await open(b, 'v=1');
    await waitForPlots(b.page, ['densities']);
    const normal = await rootStyle(b);
    const normalFonts = await plotFonts(b, 'densities');
    expect(normal.present).toBe(false);
    expect(normal.font).toBe('14px');

    await open(b, 'v=1&present=1');
    await waitForPlots(b.page, ['densities', 'curves-vs-a']);
    const big = await rootStyle(b);
    expect(big.present).toBe(true);
    expect(big.font).toBe('16px');
    expect(big.fg).toBe('rgb(0, 0, 0)');
    expect(big.bg).toBe('rgb(255, 255, 255)');
    const bigFonts = await waitUntil(async () => {
      const f = await plotFonts(b, 'densities');
      return f.base > normalFonts.base ? f : null;
    }, 'plot fonts to grow');
    expect(bigFonts.base).toBeCloseTo(normalFonts.base * 1.4, 6);
    expect(bigFonts.tick).toBeCloseTo(normalFonts.tick * 1.4, 6);
    const { scrollWidth, clientWidth } = await b.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(statSync(await screenshot(b.page, 'present-1280x720-light')).size).toBeGreaterThan(10_000);

    // The tour in presentation mode, dark theme: the lecture-hall view.
    await b.page.evaluate(() => localStorage.setItem('cdp-lab:theme', 'dark'));
    await open(b, 'v=1&present=1&tour=curves');
    await waitForPlots(b.page, ['densities', 'curves-vs-a']);
    const dark = await rootStyle(b);
    expect(dark.fg).toBe('rgb(255, 255, 255)');
    expect(dark.bg).toBe('rgb(0, 0, 0)');
    expect(statSync(await screenshot(b.page, 'present-tour-1280x720-dark')).size).toBeGreaterThan(10_000);
    await b.page.evaluate(() => localStorage.removeItem('cdp-lab:theme'));
    expectCleanLogs(b);
  });

  it('the Present button and the p key toggle the mode and the link', async () => {
    await open(b, 'v=1');
    await b.page.click(tid('present-toggle'));
    expect(await b.page.getAttribute(tid('present-toggle'), 'aria-pressed')).toBe('true');
    await waitUntil(async () => (await hashState(b)).present, 'present=1 in the link');
    expect(await currentHash(b.page)).toContain('present=1');
    await b.page.locator('body').focus();
    await b.page.keyboard.press('p');
    await waitUntil(async () => !(await rootStyle(b)).present, 'presentation mode to end');
    await waitUntil(async () => !(await currentHash(b.page)).includes('present'), 'present to leave the link');
    expectCleanLogs(b);
  });

  it('a preset keeps presentation mode and the hidden controls', async () => {
    await open(b, 'v=1&present=1&hide=mu1');
    await b.page.click(`${tid('preset-menu')} > summary`);
    await b.page.click(tid('preset-blau-fig5'));
    await waitUntil(async () => (await hashState(b)).mu2 === 0, 'the preset to apply');
    const s = await hashState(b);
    expect(s.present).toBe(true);
    expect(s.hide).toEqual(['mu1']);
    expect((await rootStyle(b)).present).toBe(true);
    expect(await visibleControls(b)).not.toContain('mu1');
    expectCleanLogs(b);
  });

  it('hide= removes exactly the named controls and names unknown ones in a notice', async () => {
    await open(b, 'v=1&hide=mu1,mu2,sigmaX,slider9');
    await waitForPlots(b.page, ['densities']);
    expect(await visibleControls(b)).toEqual(HIDEABLE.filter((k) => !['mu1', 'mu2', 'sigmaX'].includes(k)));
    const notice = await textOf(b.page, 'permalink-notice');
    expect(notice).toContain('hide: unknown name slider9 ignored');
    // The link is rewritten in canonical form, the unknown name dropped.
    await waitUntil(async () => (await currentHash(b.page)).endsWith('&hide=mu1,mu2,sigmaX'), 'canonical hide list');

    // A group whose every control is hidden disappears with its heading.
    await open(b, 'v=1&hide=p1,mu1,mu2,sigmaX,sigmaN,p0');
    await waitForPlots(b.page, ['densities']);
    expect(await b.page.locator('legend', { hasText: 'Signal and noise' }).isVisible()).toBe(false);
    expect(await b.page.locator('legend', { hasText: 'Perception index' }).isVisible()).toBe(true);
    expect(await visibleControls(b)).toEqual(['div', 'a', 'D', 'P', 'alpha', 'beta', 'gamma']);
    expectCleanLogs(b);
  });
});

describe('guided tour with the keyboard alone', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await launchBrowser(server, { permissions: ['clipboard-read', 'clipboard-write'] });
  });
  beforeEach(() => b?.resetLogs());
  afterAll(async () => {
    await b?.close();
  });

  async function expectStep(i: number) {
    const step = STEPS[i];
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === step.title, `step ${i + 1} title`);
    expect(await textOf(b.page, 'tour-card')).toContain(`step ${i + 1} of ${STEPS.length}`);
    await waitUntil(async () => (await hashState(b)).tour === step.id, `tour=${step.id} in the link`);
    // The step's state is applied and in the link.
    const s = await hashState(b);
    for (const [k, v] of Object.entries(step.state)) expect(s[k as keyof typeof s], `${step.id}: ${k}`).toBe(v);
    expect(await visibleSections(b)).toEqual(SECTIONS.filter((id) => step.sections.includes(id)));
    expect(await visibleControls(b)).toEqual(HIDEABLE.filter((k) => step.controls.includes(k)));
    await waitForPlots(b.page, step.sections.flatMap((id) => SECTION_PLOTS[id]), 90_000);
    if (step.id === 'sweep') {
      await b.page.waitForSelector(tid('experiments-view'), { timeout: 60_000 });
      // A fresh profile has trained nothing: the step opens the shipped precomputed sweep, labelled as such.
      await waitUntil(async () => (await b.page.getAttribute(tid('tour-sweep-status'), 'data-kind')) === 'precomputed', 'the sweep status');
      expect(await textOf(b.page, 'tour-sweep-status')).toMatch(/^Shipped: no sweep has been trained in this browser yet/);
      // It says where the sweep came from, and nothing about it being unavailable (it is drawn below).
      expect(await textOf(b.page, 'tour-sweep-status')).not.toMatch(/unavailable/);
      expect(await b.page.$(tid('xp-message'))).toBeNull();
      expect(await textOf(b.page, 'xp-shipped')).toMatch(/^Shipped with CDP Lab: a real sweep of Exp-1/);
      expect(await textOf(b.page, 'xp-title')).toMatch(/^Precomputed/);
      await waitUntil(async () => (await b.page.$(`${tid('xp-saved-item')}.xp-open[data-id="${PRECOMPUTED_SWEEP.id}"]`)) !== null, 'it is the open one');
      await waitUntil(async () => (await b.page.getAttribute(tid('xp-counts'), 'data-points')) === '9', 'its nine points');
      await screenshot(b.page, 'tour-sweep-precomputed-1280x720');
    }
  }

  it('t starts, arrows and Page keys move, Home/End jump, Esc leaves the tour then presentation mode', async () => {
    await open(b, 'v=1&present=1');
    await b.page.locator('body').focus();
    await b.page.keyboard.press('t');
    await expectStep(0);
    for (let i = 1; i < STEPS.length; i++) {
      await b.page.keyboard.press(i % 2 ? 'ArrowRight' : 'PageDown');
      await expectStep(i);
    }
    // Past the end nothing moves; the last step offers Finish.
    await b.page.keyboard.press('ArrowRight');
    await expectStep(STEPS.length - 1);
    expect(await b.page.locator(tid('tour-finish')).isVisible()).toBe(true);
    await b.page.keyboard.press('PageUp');
    await expectStep(STEPS.length - 2);
    await b.page.keyboard.press('Home');
    await expectStep(0);
    await b.page.keyboard.press('End');
    await expectStep(STEPS.length - 1);
    await b.page.keyboard.press('ArrowLeft');
    await expectStep(STEPS.length - 2);
    await screenshot(b.page, `tour-${STEPS[STEPS.length - 2].id}-1280x720`);

    await b.page.keyboard.press('Escape');
    await waitUntil(async () => (await b.page.$(tid('tour-card'))) === null, 'the tour card to go');
    await waitUntil(async () => (await hashState(b)).tour === 'off', 'the tour to leave the link');
    expect(await visibleSections(b)).toEqual(SECTIONS);
    expect((await rootStyle(b)).present).toBe(true);
    await b.page.keyboard.press('Escape');
    await waitUntil(async () => !(await rootStyle(b)).present, 'presentation mode to end');
    expectCleanLogs(b);
  });

  it('arrow keys on a focused slider move the slider, not the tour; the buttons work too', async () => {
    await open(b, 'v=1&tour=curves');
    await waitForPlots(b.page, ['densities']);
    await b.page.focus(tid('slider-a'));
    await b.page.keyboard.press('ArrowRight');
    await b.page.keyboard.press('ArrowRight');
    expect(Number(await inputValue(b.page, 'slider-a'))).toBeCloseTo(STEPS[2].state.a + 2 * KEYS.a.step, 9);
    expect(await textOf(b.page, 'tour-title')).toBe(STEPS[2].title);
    // Letters still work from a slider.
    await b.page.keyboard.press('?');
    await b.page.waitForSelector(`${tid('help-dialog')}[open]`);
    await b.page.keyboard.press('Escape');
    await waitUntil(async () => (await b.page.$(`${tid('help-dialog')}[open]`)) === null, 'help to close');
    // Esc closed the dialog only: the tour is still on.
    expect(await textOf(b.page, 'tour-title')).toBe(STEPS[2].title);
    await b.page.click(tid('tour-next'));
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS[3].title, 'Next button');
    await b.page.click(tid('tour-prev'));
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS[2].title, 'Previous button');
    await b.page.click(tid('tour-exit'));
    await waitUntil(async () => (await b.page.$(tid('tour-card'))) === null, 'Leave button');
    expectCleanLogs(b);
  });

  it('the sweep step opens the newest sweep saved in this browser, not the precomputed one', async () => {
    // Test data only (src/experiments/fixtures.ts), imported the way a user imports a results file.
    const bundle = fakeBundle({ id: 'tourFixture01', name: 'tour fixture (test data)' });
    const file = join(tmpdir(), 'cdp-lab-tour-fixture.json');
    writeFileSync(file, exportText(bundle));
    await open(b, 'v=1&view=experiments');
    await b.page.waitForSelector(`${tid('experiments-view')}[data-ready="1"]`, { timeout: 60_000 });
    await b.page.setInputFiles(tid('xp-import'), file);
    await waitUntil(async () => (await b.page.$(`${tid('xp-saved-item')}[data-id="tourFixture01"]`)) !== null, 'the imported sweep');
    await open(b, 'v=1&tour=sweep');
    await waitUntil(async () => (await b.page.getAttribute(tid('tour-sweep-status'), 'data-kind')) === 'open', 'the sweep to open');
    const done = bundle.points.filter((p) => p.status === 'done').length;
    expect(await textOf(b.page, 'tour-sweep-status')).toBe(
      `Showing your sweep “tour fixture (test data)”: ${done} of ${bundle.points.length} points trained.`,
    );
    await waitUntil(async () => (await b.page.$(`${tid('xp-saved-item')}.xp-open[data-id="tourFixture01"]`)) !== null, 'it is the open one');
    expectCleanLogs(b);
  });

  it('a step link opens the step; keys it names win over the step', async () => {
    await open(b, 'v=1&tour=curves&a=0.3&sigmaN=0.5');
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS[2].title, 'the linked step');
    await waitUntil(async () => (await hashState(b)).mu1 === STEPS[2].state.mu1, 'step state filled in');
    const s = await hashState(b);
    expect(s.a).toBe(0.3);
    expect(s.sigmaN).toBe(0.5);
    expect(s.p1).toBe(STEPS[2].state.p1);
    expect(Number(await inputValue(b.page, 'number-a'))).toBe(0.3);
    // A second step link in the same tab (hashchange).
    await b.page.evaluate(() => {
      window.location.hash = 'v=1&tour=mmse-map';
    });
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS[1].title, 'hashchange to the step');
    await waitUntil(async () => (await hashState(b)).p1 === STEPS[1].state.p1, 'the new step state');
    expectCleanLogs(b);
  });

  it('? lists every shortcut in a modal dialog; c copies the link; digits switch views', async () => {
    await open(b, 'v=1');
    await b.page.locator('body').focus();
    await b.page.keyboard.press('?');
    await b.page.waitForSelector(`${tid('help-dialog')}[open]`);
    expect(await b.page.locator(`${tid('help-dialog')} tbody tr`).count()).toBe(SHORTCUTS.length);
    // Focus is inside the dialog (modal), on its Close button.
    expect(await b.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('help-close');
    await b.page.keyboard.press('Escape');
    await waitUntil(async () => (await b.page.$(`${tid('help-dialog')}[open]`)) === null, 'help to close');

    await b.page.keyboard.press('c');
    await waitUntil(async () => (await textOf(b.page, 'announcer')).includes('Link copied'), 'copy announcement');
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${server.url}#v=1&`)).toBe(true);
    expect(decode(copied.slice(copied.indexOf('#'))).state).toEqual(await hashState(b));

    await b.page.keyboard.press('2');
    await b.page.waitForSelector(tid('data-view'));
    await waitUntil(async () => (await hashState(b)).view === 'data', 'view=data in the link');
    await b.page.keyboard.press('1');
    await b.page.waitForSelector(tid('slider-a'));
    expectCleanLogs(b);
  });
});

/** The worker activates once its precache is complete; it then controls the page. */
async function waitForOffline(b: BrowserSession) {
  await waitUntil(
    () => b.page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state === 'activated' && navigator.serviceWorker.controller !== null),
    'the service worker to be active and in control',
    60_000,
  );
}

/** Requests since `from`, without the browser's service-worker update checks (header `service-worker: script`). */
function appRequestsSince(from: number): string[] {
  return server.requests
    .slice(from)
    .filter((r) => r.headers['service-worker'] !== 'script')
    .map((r) => `${r.method} ${r.url}`);
}

describe('offline after one visit, and a clean update', () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await launchBrowser(server, { serviceWorkers: 'allow' });
  });
  afterAll(async () => {
    await b?.context.setOffline(false).catch(() => undefined);
    await b?.close();
  });

  it('loads once, installs MNIST, then with the network off reloads and runs the toy, the tour, the LP bound and the data', async () => {
    await b.page.goto(server.url);
    await waitForPlots(b.page, ['densities']);
    await waitForOffline(b);
    // Install a dataset while online (the data loader keeps its shards).
    await b.page.click(tid('tab-data'));
    await b.page.click(tid('data-load'));
    await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });

    await b.context.setOffline(true);
    try {
      await offlineChecks();
    } finally {
      await b.context.setOffline(false);
    }
  });

  async function offlineChecks() {
    const seen = server.requests.length;
    // Reload on the data view: the installed dataset loads from the browser cache.
    await b.page.reload();
    await b.page.waitForSelector(tid('data-view'));
    await waitUntil(async () => (await b.page.textContent(tid('dataset-state-mnist')))?.startsWith('installed'), 'MNIST listed offline');
    await b.page.click(tid('data-load'));
    await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });
    expect(await textOf(b.page, 'data-load-summary')).toMatch(/0 shard\(s\) downloaded,\s*\d+ from the browser cache/);
    // A fresh open of the toy view.
    await b.page.goto('about:blank');
    await b.page.goto(`${server.url}#v=1`);
    await waitForPlots(b.page, TOY_PLOTS, 90_000);
    // The toy responds to the keyboard.
    const before = await textOf(b.page, 'readout-mse');
    await b.page.focus(tid('slider-a'));
    await b.page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await textOf(b.page, 'readout-mse')) !== before, 'a readout to follow the slider offline');
    // The whole tour, keyboard only: the LP bound (HiGHS from the precache), then the sweep step.
    await b.page.locator('body').focus();
    await b.page.keyboard.press('t');
    const exact = STEPS.findIndex((s) => s.id === 'exact');
    for (let i = 0; i < exact; i++) await b.page.keyboard.press('ArrowRight');
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS[exact].title, 'the LP step offline');
    await waitForPlots(b.page, SECTION_PLOTS['exact-sec'], 90_000);
    await b.page.keyboard.press('End');
    await waitUntil(async () => (await textOf(b.page, 'tour-title')) === STEPS.at(-1)!.title, 'the last step offline');
    await b.page.waitForSelector(tid('experiments-view'), { timeout: 60_000 });
    // Never opened online in this profile: the precomputed sweep comes from the precache.
    await waitUntil(async () => (await b.page.getAttribute(tid('tour-sweep-status'), 'data-kind')) === 'precomputed', 'the sweep step offline');
    await b.page.keyboard.press('Escape');
    // The pretrained models (public/models) come from the precache, byte for byte.
    for (const file of modelFiles()) {
      const got = await b.page.evaluate(async (url) => {
        const r = await fetch(url);
        return { ok: r.ok, bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
      }, `./models/${file}`);
      expect(got.ok, file).toBe(true);
      expect(Buffer.from(got.bytes).equals(readFileSync(join(DIST_DIR, 'models', file))), file).toBe(true);
    }
    // Slide mode offline: the conditional restorer and its dense grid from the precache, the digits from the installed data.
    await b.page.goto('about:blank');
    await b.page.goto(`${server.url}#v=1&view=experiments&slide=1&sb=0.5&sg=1`);
    await b.page.waitForSelector('[data-testid="slide-panel"][data-status="ready"]', { timeout: 90_000 });
    await waitUntil(async () => (await b.page.getAttribute(tid('slide-digits'), 'data-beta')) === '0.5', 'digits restored offline at the link’s position', 60_000);
    // Nothing reached the server while offline, but the browser's own service-worker update checks
    // (Chromium sends them past the emulated offline state; they are not the app's requests).
    expect(appRequestsSince(seen)).toEqual([]);
    expect(b.pageErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
    expect(b.foreignRequests).toEqual([]);
  }

  it('offline, a tiny training runs on wasm, started, paused and resumed with Space', async () => {
    await b.context.setOffline(true);
    try {
      const seen = server.requests.length;
      const page = b.page;
      await page.goto('about:blank');
      await page.goto(`${server.url}?backend=wasm#v=1&view=train`);
      const phase = () => page.getAttribute(tid('train-view'), 'data-phase');
      const state = () => page.getAttribute(tid('train-view'), 'data-state');
      await waitUntil(async () => (await phase()) === 'ready', 'the train view ready offline (data, c0, wasm from caches)', 90_000);
      await page.selectOption(tid('train-preset'), 'tiny');
      for (const [id, v] of [['train-iterations', 40], ['train-batch', 4], ['train-critic-steps', 1], ['train-eval-every', 0], ['train-eval-count', 50], ['train-eval-critic', 5]] as const) {
        await page.fill(tid(id), String(v));
      }
      await page.click(tid('train-apply'));
      await waitUntil(async () => (await phase()) === 'ready' && (await textOf(page, 'train-progress')).includes('/ 40'), 'the tiny job', 60_000);
      // Keyboard only from here: Space is not for a focused button.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press(' ');
      await waitUntil(async () => (await state()) === 'running', 'Space to start', 30_000);
      await page.keyboard.press(' ');
      await waitUntil(async () => (await state()) === 'paused', 'Space to pause', 30_000);
      const held = Number(await textOf(page, 'train-iteration'));
      expect(held).toBeLessThan(40);
      await page.keyboard.press(' ');
      await waitUntil(async () => (await state()) === 'done', 'Space to resume, then the run to finish', 120_000);
      await waitUntil(async () => (await page.locator(`${tid('train-dpc')} tr[data-kind=restorer]`).count()) >= 1, 'a D/P/C point', 60_000);
      expect(appRequestsSince(seen)).toEqual([]);
      expect(b.pageErrors).toEqual([]);
      expect(b.consoleErrors).toEqual([]);
    } finally {
      await b.context.setOffline(false);
    }
  });

  it('a new deployment installs in the background and takes over only after "Reload"', async () => {
    // A first visit in a fresh profile: the page was not controlled when it loaded.
    await b.close();
    b = await launchBrowser(server, { serviceWorkers: 'allow' });
    await b.page.goto(`${server.url}#v=1`);
    await waitForPlots(b.page, ['densities']);
    await waitForOffline(b);
    // A byte-different service worker is what a new deployment looks like to the browser.
    server.override('/serviceWorker.js', (orig) => ({
      body: Buffer.concat([orig ?? Buffer.alloc(0), Buffer.from('\n// deployment 2\n')]),
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    }));
    await b.page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await b.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await b.page.waitForSelector(tid('update-prompt'), { timeout: 30_000 });
    expect(await textOf(b.page, 'update-prompt')).toContain('A new version of CDP Lab is ready.');
    // Nothing changed under the page yet: the new worker waits.
    expect(await b.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe('installed');
    await Promise.all([b.page.waitForEvent('load'), b.page.click(tid('update-reload'))]);
    await waitForPlots(b.page, ['densities']);
    expect(await b.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    const after = await b.page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: r?.waiting ?? null, active: r?.active?.state };
    });
    expect(after).toEqual({ waiting: null, active: 'activated' });
    expect(await b.page.$(tid('update-prompt'))).toBeNull();
    server.clearOverrides();
    expect(b.pageErrors).toEqual([]);
    expect(b.consoleErrors).toEqual([]);
  });
});
