/**
 * npm run bench:drag [-- --ms 2000] [--drags mouse:sigmaN,keys:sigmaN,mouse:D] [--hog both|off|on] [--dist DIR]
 *
 * Dragging a toy slider in headless Chromium against the production build
 * (`npm run build` first, or --dist DIR; served cross-origin isolated as
 * `npm start` does), at 1280x800 with the toy view freshly loaded for each
 * drag:
 *
 * - mouse:KEY drags the slider-KEY range input with the mouse (down, a move
 *   every ~16 ms across 45% of its width for --ms, up);
 * - keys:KEY holds an arrow key on it: one keydown, the 500 ms a desktop
 *   waits before repeating, then repeated keydowns (repeat: true) every
 *   33 ms for --ms (fewer, spread out, where the slider has fewer steps
 *   left), then keyup. Its window starts at the first repeat.
 *
 * In the page it records every animation frame, every long task
 * (PerformanceObserver 'longtask'), the `plot:<name>` user-timing measures
 * every redraw writes (src/plots/Plot.tsx; a long task is attributed to the
 * redraw that overlaps it most) and every plot's redraws with a digest of
 * what they drew, from the drag's start until the plots settle (no redraw for
 * 2 s, 3 s with the hog; the model not busy; no plot saying it holds). It
 * prints the frame gaps (p50, p95, max) and the long tasks during the drag,
 * the densities' redraw interval during it (a cheap plot that must stay
 * live), the time from release until every plot shows its final picture, the
 * long tasks after release, and a per-plot table.
 *
 * --hog both (default) runs every drag twice: on the machine as it is, then
 * with one busy process per core (`node -e "for(;;){}"`, killed afterwards),
 * a stand-in for a busy laptop. Run it on an otherwise idle machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { KEYS } from '../src/state/schema';
import { tid, TOY_PLOTS } from '../e2e/app';
import { CHROMIUM_ARGS, startServer } from '../e2e/harness';
import { CHROMIUM_PATH, DIST_DIR } from '../e2e/paths';
import { attribute, frameGaps, quantile, timeToFinal, within, type NamedSpan, type Revision, type Span } from './dragStats';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const dragMs = Number(arg('ms', '2000'));
const drags = arg('drags', 'mouse:sigmaN,keys:sigmaN,mouse:D').split(',');
const hogMode = arg('hog', 'both');
const dist = arg('dist', DIST_DIR);
const cores = availableParallelism();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

// Page code as strings: tsx names functions with a helper the page does not have.
const RECORDER = `(() => {
  const rec = { frames: [], tasks: [], measures: [], revs: [], held: new Set(), down: NaN, up: NaN, firstRepeat: NaN, installed: performance.now(),
    longtasks: PerformanceObserver.supportedEntryTypes.includes('longtask') };
  rec.reset = () => {
    rec.frames = []; rec.tasks = []; rec.measures = []; rec.revs = []; rec.held = new Set();
    rec.down = NaN; rec.up = NaN; rec.firstRepeat = NaN;
  };
  window.__drag = rec;
  const tick = (t) => {
    rec.frames.push(t);
    for (const n of document.querySelectorAll('.plot-held')) rec.held.add(n.dataset.testid);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  if (rec.longtasks) new PerformanceObserver((l) => { for (const e of l.getEntries()) rec.tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask' });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.name.startsWith('plot:') || e.name.startsWith('toy:')) rec.measures.push({ name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'measure' });
  // What each redraw drew, kept by reference and digested once the drag is over (no work in the frames measured).
  const mo = new MutationObserver((muts) => {
    const t = performance.now();
    for (const m of muts) {
      const el = m.target;
      rec.revs.push({ name: el.dataset.testid.slice(5), t, data: el.data, shapes: el.layout && el.layout.shapes });
    }
  });
  for (const el of document.querySelectorAll('[data-testid^="plot-"]')) mo.observe(el, { attributes: true, attributeFilter: ['data-revision'] });
  addEventListener('pointerdown', () => { if (Number.isNaN(rec.down)) rec.down = performance.now(); }, true);
  addEventListener('pointerup', () => { rec.up = performance.now(); }, true);
  addEventListener('keydown', (e) => {
    if (Number.isNaN(rec.down)) rec.down = performance.now();
    if (e.repeat && Number.isNaN(rec.firstRepeat)) rec.firstRepeat = performance.now();
  }, true);
  addEventListener('keyup', () => { rec.up = performance.now(); }, true);
})()`;

const COLLECT = `(() => {
  const rec = window.__drag;
  const digest = (r) => {
    let h = 0;
    const mix = (s) => { for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0; };
    const walk = (v) => {
      if (typeof v === 'number' || v === null) mix(String(v));
      else if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of Array.from(v)) walk(x);
    };
    for (const t of r.data || []) for (const k of ['x', 'y', 'z']) walk(t[k]);
    for (const sh of r.shapes || []) { for (const k of ['x0', 'x1', 'y0', 'y1']) walk(sh[k]); if (typeof sh.path === 'string') mix(sh.path); }
    return h.toString(16);
  };
  return {
    frames: rec.frames, tasks: rec.tasks, measures: rec.measures, held: [...rec.held],
    revs: rec.revs.map((r) => ({ name: r.name, t: r.t, digest: digest(r) })),
    down: rec.down, up: rec.up, firstRepeat: rec.firstRepeat, longtasks: rec.longtasks,
  };
})()`;

/** Resolves once no plot has redrawn for quietMs, the model is not busy and no plot holds; returns when the last redraw was. */
const settledExpr = (quietMs: number) => `(() => {
  const rec = window.__drag;
  const last = rec.revs.length ? rec.revs[rec.revs.length - 1].t : 0;
  const busy = document.querySelector('.plots[aria-busy="true"]') || document.querySelector('.plot-held');
  const since = Math.max(last, rec.installed, Number.isNaN(rec.up) ? 0 : rec.up);
  return !busy && performance.now() - since > ${quietMs} ? since : false;
})()`;

/**
 * Evaluates `expr` in the page every 250 ms until it is truthy. Not
 * page.waitForFunction: with a string it evals in the page, which the app's
 * CSP forbids, and tsx breaks functions passed to the page.
 */
async function poll(page: Page, expr: string, timeoutMs: number): Promise<unknown> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v: unknown = await page.evaluate(expr);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expr.slice(0, 120)}`);
    await sleep(250);
  }
}

interface Collected {
  frames: number[];
  tasks: Span[];
  measures: NamedSpan[];
  revs: (Revision & { name: string })[];
  held: string[];
  down: number;
  up: number;
  firstRepeat: number;
  longtasks: boolean;
}

interface Result {
  drag: string;
  machine: string;
  c: Collected;
  from: number;
  settled: number;
}

async function dragOnce(page: Page, url: string, drag: string, quietMs: number): Promise<Collected & { from: number; settled: number }> {
  const [how, key] = drag.split(':') as ['mouse' | 'keys', keyof typeof KEYS];
  const def = KEYS[key];
  if (!def || def.kind !== 'number') throw new Error(`no numeric toy key ${key}`);
  await page.goto('about:blank');
  await page.goto(url);
  // e2e/app's waitForPlots passes functions to the page, which tsx breaks (above): a string instead.
  await poll(
    page,
    `${JSON.stringify(TOY_PLOTS)}.every((n) => { const el = document.querySelector('[data-testid="plot-' + n + '"]'); return el && Number(el.dataset.revision) >= 1 && el.querySelector('.main-svg'); })`,
    180_000,
  );
  await page.evaluate(RECORDER);
  // Everything drawn once and quiet (the 3D view, the hull) before the drag starts.
  await poll(page, settledExpr(quietMs), 120_000);
  await page.evaluate('window.__drag.reset()');

  const slider = page.locator(tid(`slider-${key}`));
  await slider.scrollIntoViewIfNeeded();
  const value = Number(await slider.inputValue());
  const frac = (value - def.min) / (def.max - def.min);
  const dir = frac < 0.5 ? 1 : -1;
  if (how === 'mouse') {
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    const x0 = box.x + frac * box.width;
    const dx = dir * 0.45 * box.width;
    await page.mouse.move(x0, y);
    await page.mouse.down();
    const t0 = Date.now();
    for (let e = 0; e < dragMs; e = Date.now() - t0) {
      await page.mouse.move(x0 + (dx * e) / dragMs, y);
      await sleep(16);
    }
    await page.mouse.move(x0 + dx, y);
    await page.mouse.up();
  } else {
    await slider.focus();
    const k = dir > 0 ? 'ArrowRight' : 'ArrowLeft';
    const room = Math.floor((dir > 0 ? def.max - value : value - def.min) / def.step + 1e-9);
    const n = Math.max(1, Math.min(room - 1, Math.round(dragMs / 33)));
    await page.keyboard.down(k);
    await sleep(500);
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      await sleep(t0 + (i * dragMs) / n - Date.now());
      await page.keyboard.down(k);
    }
    await sleep(t0 + dragMs - Date.now());
    await page.keyboard.up(k);
  }
  const settled = (await poll(page, settledExpr(quietMs), 120_000)) as number;
  const c = (await page.evaluate(COLLECT)) as Collected;
  const from = how === 'keys' && Number.isFinite(c.firstRepeat) ? c.firstRepeat : c.down;
  return { ...c, from, settled };
}

function startHogs(): ChildProcess[] {
  return Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

function stopHogs(hogs: ChildProcess[]): void {
  for (const h of hogs) if (h.exitCode === null) h.kill('SIGKILL');
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

function summarize(r: Result) {
  const { c, from } = r;
  const up = c.up;
  const gaps = frameGaps(c.frames, from, up);
  const during = within(c.tasks, from, up);
  const duringBy = attribute(during, c.measures);
  const fromPlots = during.filter((_, k) => duringBy[k].startsWith('plot:'));
  const after = within(c.tasks, up, r.settled + 1);
  const densities = c.revs.filter((v) => v.name === 'densities' && v.t >= from && v.t <= up).map((v) => v.t);
  const densGaps = densities.slice(1).map((t, k) => t - densities[k]);
  const names = [...new Set(c.revs.map((v) => v.name))];
  const finals = names.map((name) => ({ name, ms: timeToFinal(c.revs.filter((v) => v.name === name), up) }));
  const slowest = finals.reduce((a, b) => (b.ms > a.ms ? b : a), { name: '–', ms: 0 });
  const max = (xs: Span[]) => (xs.length ? Math.max(...xs.map((t) => t.duration)) : 0);
  return { gaps, during, duringBy, fromPlots, after, densGaps, finals, slowest, max };
}

async function main(): Promise<void> {
  const machines = hogMode === 'both' ? ['quiet', 'hog'] : hogMode === 'on' ? ['hog'] : ['quiet'];
  const server = await startServer({ root: dist });
  const profile = mkdtempSync(join(tmpdir(), 'cdp-lab-drag-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  let hogs: ChildProcess[] = [];
  const cleanup = () => stopHogs(hogs);
  process.on('exit', cleanup);
  const results: Result[] = [];
  let version = '';
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const url = `${server.url}#v=1`;
    version = String(await page.evaluate('navigator.userAgent')).match(/Chrome\/([\d.]+)/)?.[1] ?? '';
    for (const machine of machines) {
      if (machine === 'hog') {
        hogs = startHogs();
        await sleep(1000);
      }
      try {
        for (const drag of drags) {
          const r = await dragOnce(page, url, drag, machine === 'hog' ? 3000 : 2000);
          results.push({ drag, machine, c: r, from: r.from, settled: r.settled });
          const s = summarize(results[results.length - 1]);
          process.stderr.write(`  ${drag} (${machine}): gap p95 ${ms(quantile(s.gaps, 0.95))} ms, ${s.during.length} long tasks during the drag, every plot final ${ms(s.slowest.ms)} ms after release\n`);
        }
      } finally {
        stopHogs(hogs);
        hogs = [];
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }

  const hogText = `hog: ${cores} busy node processes`;
  console.log(`Toy view drags of ${dragMs} ms, headless Chromium ${version}, 1280x800, ${cores} cores, ${dist}; quiet: the machine as it is, ${hogText}`);
  if (results.some((r) => !r.c.longtasks)) console.log('(this Chromium reports no longtask entries: the long-task columns are empty)');
  console.log('');
  console.log('| drag | machine | frames | frame gap p50 / p95 / max ms | long tasks > 50 ms during the drag: count, max ms | of which plot redraws | densities redraw every (p50 ms) | release → every plot final ms (last plot) | long tasks after release: count, max ms |');
  console.log('|---|---|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    const s = summarize(r);
    console.log(
      `| ${r.drag} | ${r.machine} | ${s.gaps.length} | ${ms(quantile(s.gaps, 0.5))} / ${ms(quantile(s.gaps, 0.95))} / ${ms(Math.max(...s.gaps))} | ${s.during.length}, ${ms(s.max(s.during))} | ${s.fromPlots.length}, ${ms(s.max(s.fromPlots))} | ${ms(quantile(s.densGaps, 0.5))} | ${ms(s.slowest.ms)} (${s.slowest.name}) | ${s.after.length}, ${ms(s.max(s.after))} |`,
    );
  }
  console.log('');
  console.log('Per plot, during the drag: redraws, the longest redraw (its plot:<name> measure), long tasks it overlapped most; and the time from release to its final picture.');
  console.log('');
  console.log('| drag | machine | plot | redraws | longest redraw ms | long tasks | release → final ms | said "updates when you let go" |');
  console.log('|---|---|---|--:|--:|--:|--:|---|');
  for (const r of results) {
    const s = summarize(r);
    for (const name of TOY_PLOTS) {
      const draws = within(r.c.measures, r.from, r.c.up).filter((m) => m.name === `plot:${name}`);
      const tasks = s.duringBy.filter((b) => b === `plot:${name}`).length;
      const fin = s.finals.find((f) => f.name === name)?.ms ?? 0;
      const held = r.c.held.includes(`held-${name}`) ? 'yes' : '';
      console.log(`| ${r.drag} | ${r.machine} | ${name} | ${draws.length} | ${draws.length ? ms(Math.max(...draws.map((d) => d.duration))) : '–'} | ${tasks} | ${ms(fin)} | ${held} |`);
    }
  }
  const other = results.flatMap((r) => {
    const s = summarize(r);
    return s.during.filter((_, k) => s.duringBy[k] === 'other').map((t) => t.duration);
  });
  if (other.length) console.log(`\nLong tasks during drags that overlap no plot redraw (React, the worker's answers, input): ${other.length}, max ${ms(Math.max(...other))} ms.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
