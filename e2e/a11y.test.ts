import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STEPS } from '../src/ui/tour/steps';
import { tid, waitForPlots } from './app';
import { ARTIFACTS_DIR, launchBrowser, startServer, waitUntil, type BrowserSession, type StaticServer } from './harness';

// Automated accessibility check with axe-core on every view and mode, in
// both themes: zero serious or critical violations. Also: every visible
// plot carries a text summary, and keyboard focus is always visible.
//
// axe is served by the test server from the same origin: the build's CSP
// (script-src 'self') blocks the inline script that
// page.addScriptTag({ path }) would inject, which the first test shows.

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_URL = '/__test__/axe.min.js';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const report: Record<string, Violation[]> = {};
let server: StaticServer;
let b: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  server.override(AXE_URL, { body: readFileSync(AXE_PATH), headers: { 'content-type': 'text/javascript; charset=utf-8' } });
  b = await launchBrowser(server);
});

beforeEach(() => b?.resetLogs());

// Every scan is also a clean page: no error, no request leaving the server.
afterEach(() => {
  expect(b.pageErrors, 'uncaught page errors').toEqual([]);
  expect(b.consoleErrors, 'console errors').toEqual([]);
  expect(b.foreignRequests, 'requests to other origins').toEqual([]);
});

afterAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(join(ARTIFACTS_DIR, 'a11y.json'), `${JSON.stringify(report, null, 1)}\n`);
  await b?.close();
  await server?.close();
});

async function setTheme(theme: 'light' | 'dark') {
  await b.page.goto(server.url);
  await b.page.evaluate((t) => localStorage.setItem('cdp-lab:theme', t), theme);
}

async function open(hash: string) {
  await b.page.goto('about:blank');
  await b.page.goto(`${server.url}#${hash}`);
  await b.page.waitForSelector(tid('tab-toy'));
}

/** Runs axe on the page as it is and records what it found under `name`. */
async function axe(name: string): Promise<Violation[]> {
  if (!(await b.page.evaluate(() => 'axe' in window))) await b.page.addScriptTag({ url: AXE_URL });
  const found = await b.page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  report[name] = found;
  return found;
}

function serious(vs: Violation[]): Violation[] {
  return vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every drawn plot on screen has a non-trivial text summary it points to. */
async function expectPlotSummaries() {
  const plots = await b.page.$$eval('.plot-div', (els) =>
    els
      // On screen and drawn (the LP section computes only once scrolled to).
      .filter((el) => (el as HTMLElement).offsetParent !== null && Number((el as HTMLElement).dataset.revision ?? 0) > 0)
      .map((el) => {
        const id = el.getAttribute('aria-describedby');
        const text = id ? (document.getElementById(id)?.textContent ?? '') : '';
        return { plot: el.getAttribute('data-testid'), text };
      }),
  );
  expect(plots.length).toBeGreaterThan(0);
  for (const p of plots) {
    expect(p.text, `${p.plot} summary`).not.toBe('');
    expect(p.text, `${p.plot} summary`).not.toBe('Loading.');
    expect(p.text.length, `${p.plot} summary`).toBeGreaterThan(30);
  }
}

describe('the CSP and the axe script', () => {
  it('blocks an inline script (what addScriptTag({ path }) injects); a same-origin file runs', async () => {
    await open('v=1');
    await expect(b.page.addScriptTag({ path: AXE_PATH })).rejects.toThrow(/Content Security Policy/);
    expect(await b.page.evaluate(() => 'axe' in window)).toBe(false);
    await b.page.addScriptTag({ url: AXE_URL });
    expect(await b.page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run)).toBe('function');
    b.resetLogs(); // the blocked inline script was logged on purpose
  });
});

for (const theme of ['light', 'dark'] as const) {
  describe(`axe, ${theme} theme: no serious or critical violation`, () => {
    beforeAll(async () => {
      await setTheme(theme);
    });

    it('toy view', async () => {
      await open('v=1');
      await waitForPlots(b.page);
      expect(await b.page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(serious(await axe(`toy-${theme}`))).toEqual([]);
      await expectPlotSummaries();
    });

    it('data view with samples loaded', async () => {
      await open('v=1&view=data');
      await b.page.waitForSelector(tid('data-view'));
      await waitUntil(async () => (await b.page.textContent(tid('dataset-state-mnist')))?.startsWith('installed'), 'MNIST listed');
      await b.page.click(tid('data-load'));
      await b.page.waitForSelector(tid('data-samples'), { timeout: 60_000 });
      expect(serious(await axe(`data-${theme}`))).toEqual([]);
    });

    it('presentation mode', async () => {
      await open('v=1&present=1');
      await waitForPlots(b.page);
      expect(serious(await axe(`present-${theme}`))).toEqual([]);
    });

    it('every tour step, in presentation mode', async () => {
      for (const step of STEPS) {
        await open(`v=1&present=1&tour=${step.id}`);
        await waitUntil(async () => (await b.page.textContent(tid('tour-title'))) === step.title, `step ${step.id}`);
        await b.page.locator('.plot-div:visible .main-svg').first().waitFor({ timeout: 60_000 });
        expect(serious(await axe(`tour-${step.id}-${theme}`)), step.id).toEqual([]);
        await expectPlotSummaries();
      }
    });

    it('the shortcut overlay', async () => {
      await open('v=1');
      await b.page.locator('body').focus();
      await b.page.keyboard.press('?');
      await b.page.waitForSelector(`${tid('help-dialog')}[open]`);
      expect(serious(await axe(`help-${theme}`))).toEqual([]);
    });
  });
}

describe('keyboard focus', () => {
  it('is visible on every element Tab reaches, in presentation mode too', async () => {
    for (const hash of ['v=1', 'v=1&present=1&tour=curves']) {
      await open(hash);
      await waitForPlots(b.page, ['densities']);
      await b.page.locator('body').focus();
      const seen = new Set<string>();
      for (let i = 0; i < 45; i++) {
        await b.page.keyboard.press('Tab');
        const f = await b.page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const cs = getComputedStyle(el);
          const ring = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
          const label = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
          return { label: `${el.tagName.toLowerCase()}:${label}`, ring };
        });
        if (!f) continue;
        seen.add(f.label);
        expect(f.ring, `focus ring on ${f.label} (${hash})`).toBe(true);
      }
      expect(seen.size).toBeGreaterThan(10);
    }
  });
});
