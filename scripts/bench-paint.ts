/**
 * npm run bench:paint [-- --runs 5] [--view toy|experiments]
 *
 * First paint of the production build (dist/, `npm run build` first) in
 * headless Chromium on localhost: for each of --runs cold loads (a fresh
 * profile: no HTTP cache, no service worker, nothing in IndexedDB) the time
 * from navigation start to the first contentful paint (the browser's
 * `first-contentful-paint` entry) and to the first plot drawn (the first
 * plotly SVG in the page, looked for every animation frame from before any
 * script runs), and when the network went idle. Prints the median, min and
 * max of each as a table. The server sends the app's COOP/COEP headers, as
 * `npm start` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer } from '../e2e/harness';
import { CHROMIUM_PATH, DIST_DIR } from '../e2e/paths';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const runs = Number(arg('runs', '5'));
const view = arg('view', 'toy');
const hash = view === 'toy' ? '#v=1' : `#v=1&view=${encodeURIComponent(view)}`;

interface Sample {
  fcp: number;
  /** When plotly's 2D bundle (the first screen's plots) had arrived (resource timing). */
  plotly: number;
  firstPlot: number;
  idle: number;
}

async function coldLoad(url: string): Promise<Sample> {
  const profile = mkdtempSync(join(tmpdir(), 'cdp-lab-paint-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // A string, not a function: tsx names functions with a helper the page does not have.
    await page.addInitScript(`(() => {
      const tick = () => {
        if (window.__firstPlot === undefined && document.querySelector('[data-testid^="plot-"] .main-svg')) window.__firstPlot = performance.now();
        // Every frame until seen: plotly sets its classes and children in several steps.
        if (window.__firstPlot === undefined) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })();`);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'networkidle' });
    const idle = Date.now() - t0;
    await page.waitForFunction(() => (window as unknown as { __firstPlot?: number }).__firstPlot !== undefined, undefined, { timeout: 60_000 });
    const r = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      plotly: Math.max(...performance.getEntriesByType('resource').filter((e) => /plotly-cartesian/.test(e.name)).map((e) => (e as PerformanceResourceTiming).responseEnd)),
      firstPlot: (window as unknown as { __firstPlot: number }).__firstPlot,
    }));
    return { ...r, idle };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const server = await startServer({ root: DIST_DIR });
  try {
    const url = `${server.url}${hash}`;
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await coldLoad(url);
      samples.push(s);
      process.stderr.write(`  cold load ${i + 1}/${runs}: FCP ${s.fcp.toFixed(0)} ms, 2D plotting bundle fetched ${s.plotly.toFixed(0)} ms, first plot ${s.firstPlot.toFixed(0)} ms, network idle ${s.idle} ms\n`);
    }
    const row = (label: string, xs: number[]) => `| ${label} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
    console.log(
      [
        `${view} view, ${runs} cold loads, headless Chromium, localhost (dist/)`,
        '',
        '| measure | median ms | min | max |',
        '|---|--:|--:|--:|',
        row('first contentful paint', samples.map((s) => s.fcp)),
        row('2D plotting bundle fetched', samples.map((s) => s.plotly)),
        row('first plot drawn', samples.map((s) => s.firstPlot)),
        row('network idle (from goto)', samples.map((s) => s.idle)),
      ].join('\n'),
    );
  } finally {
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
