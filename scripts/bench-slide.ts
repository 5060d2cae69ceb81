/**
 * npm run bench:slide [-- --moves 100] [--preset exp1]
 *
 * Slide mode's latency in headless Chromium against the production build
 * (`npm run build` first; served cross-origin isolated as `npm start` does,
 * wasm backend): for each of --moves slider moves (beta stepping through a
 * cycle of positions, one move at a time), the time from the input event
 * to (1) the animation frame in which the digits restored at the new
 * position are in the canvas (the worker's forward pass, the read-back and
 * the draw), and (2) the animation frame in which the ring on the P-D plot
 * (Fig. 3a) stands at the new position, counted in frames too. Moves come
 * 30 ms after the previous one is drawn, as in a drag, except every fifth,
 * which comes after a 0.4 s rest, when the exact D/C pass at the rested
 * position is running in the worker; that row is reported apart. Also the
 * worker's compute and the input event's main-thread time. Prints p50, p95
 * and max as a table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, startServer } from '../e2e/harness';
import { CHROMIUM_PATH } from '../e2e/paths';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const moves = Number(arg('moves', '100'));
const preset = arg('preset', 'exp1');

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};

async function main(): Promise<void> {
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'cdp-lab-slide-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}?backend=wasm#v=1&view=experiments&slide=1${preset === 'exp1' ? '' : ''}`);
    if (preset !== 'exp1') await page.selectOption('[data-testid="xp-preset"]', preset).catch(() => undefined);
    await page.waitForSelector('[data-testid="slide-panel"][data-status="ready"]', { timeout: 120_000 });
    await page.waitForFunction(() => (document.querySelector('[data-testid="slide-digits"]') as HTMLElement | null)?.dataset.seq !== '', undefined, { timeout: 60_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="live-xp-pd"]') as HTMLElement | null)?.hidden, undefined, { timeout: 60_000 });
    // A string, not a function: tsx names functions with a helper the page does not have.
    const result = (await page.evaluate(`(async (moves) => {
      const slider = document.querySelector('[data-testid="slide-beta"]');
      const digits = document.querySelector('[data-testid="slide-digits"]');
      const ring = document.querySelector('[data-testid="live-xp-pd"]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      // The ring is drawn over the chart (Plot's live marker); it has moved once its data position and transform changed.
      const ringX = () => ring.hidden ? '' : ring.dataset.x + ',' + ring.dataset.y + ',' + ring.style.transform;
      const pixels = [], marker = [], frames = [], store = [], handler = [], worker = [], rested = [];
      const cycle = [40, 120, 200, 260, 320, 360, 400, 300, 160, 80];
      for (let k = 0; k < moves; k++) {
        let v = cycle[k % cycle.length];
        if (String(v) === slider.value) v = v - 1;
        const seq0 = window.cdpSlide.state().seq;
        const ring0 = ringX();
        const t0 = performance.now();
        setValue.call(slider, String(v));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        handler.push(performance.now() - t0);
        const target = window.cdpSlide.state().seq;
        if (target === seq0) continue;
        let tPix = -1, tMark = -1, n = 0;
        await new Promise((resolve) => {
          const tick = (now) => {
            n++;
            if (tMark < 0 && ringX() !== ring0) { tMark = performance.now() - t0; frames.push(n); }
            if (tPix < 0 && Number(digits.dataset.seq) >= target) tPix = performance.now() - t0;
            if ((tPix >= 0 && tMark >= 0) || performance.now() - t0 > 5000) resolve(); else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        // Every fifth move comes after a rest long enough for the exact D/C
        // pass to be running, as a student's first move after looking is.
        if (tPix >= 0) (k % 5 === 4 ? rested : pixels).push(tPix);
        store.push(window.cdpSlide.state().latencyMs);
        worker.push(window.cdpSlide.state().workerMs);
        if (tMark >= 0) marker.push(tMark);
        await new Promise((r) => setTimeout(r, k % 5 === 3 ? 400 : 30));
      }
      return { pixels, marker, frames, store, handler, worker, rested, backend: document.querySelector('[data-testid="xp-backend"]')?.textContent ?? '' };
    })(${moves})`)) as { pixels: number[]; marker: number[]; frames: number[]; store: number[]; handler: number[]; worker: number[]; rested: number[]; backend: string };
    const row = (name: string, xs: number[], unit = 'ms') =>
      `| ${name} | ${xs.length} | ${q(xs, 0.5).toFixed(1)} ${unit} | ${q(xs, 0.95).toFixed(1)} ${unit} | ${Math.max(...xs).toFixed(1)} ${unit} |`;
    console.log(`Slide mode, ${preset}, headless Chromium ${context.browser()?.version() ?? ''}, ${moves} moves, one at a time`);
    console.log('| from the input event to | moves | p50 | p95 | max |\n|---|--:|--:|--:|--:|');
    console.log(row('restored digits in the canvas (frame), moves in a drag', result.pixels));
    console.log(row('restored digits in the canvas (frame), the first move after a 0.4 s rest', result.rested));
    console.log(row('(of which: request to restored pixels in the store)', result.store));
    console.log(row('(of which: the worker computing them)', result.worker));
    console.log(row('(of which: the input event handled, main thread)', result.handler));
    console.log(row('slider ring moved on the P-D plot (frame)', result.marker));
    console.log(row('frames until the ring moved', result.frames, 'frames'));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
