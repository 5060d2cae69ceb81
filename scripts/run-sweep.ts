/**
 * npm run sweep -- [--preset exp1] [--budget browser|paper] [--backend wasm]
 *                  [--out sweep.json] [--shot sweep.png] [--timeout-min 180]
 *                  [--id ID --name NAME] [--compact]
 *
 * Runs one experiment preset in headless Chromium against the production
 * build (dist/, `npm run build` first), exactly as a visitor would: open the
 * preset's link, press start, wait for every point, export the experiment
 * file. Prints each point as it finishes (weights, D, P, C, minutes) and a
 * table at the end. This is how public/precomputed/ is made: real training
 * in the browser, nothing fabricated; --id and --name relabel the exported
 * experiment (the shipped file's fixed id and its "Precomputed" label);
 * --compact rounds loss histories and trails to 4 significant digits
 * (src/experiments/compact.ts), as the shipped files are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { tid } from '../e2e/app';
import { launchBrowser, startServer, waitUntil } from '../e2e/harness';
import { DIST_DIR } from '../e2e/paths';
import { canonicalJson } from '../src/experiments/canonical';
import { compactForShipping } from '../src/experiments/compact';
import { exportText, parseExport } from '../src/experiments/exportFile';
import { encodeConfigParam } from '../src/experiments/link';
import { presetById, withBudget } from '../src/experiments/presets';
import { PRESET_IDS, type Budget, type PresetId } from '../src/experiments/config';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(`run-sweep: ${message}`);
  process.exit(2);
}

const presetId = (arg('preset') ?? 'exp1') as PresetId;
const budget = (arg('budget') ?? 'browser') as Budget;
const backend = arg('backend') ?? 'wasm';
const out = arg('out') ?? `sweep-${presetId}-${budget}.json`;
const shot = arg('shot');
const timeoutMin = Number(arg('timeout-min') ?? 180);
const relabel = { id: arg('id'), name: arg('name') };

if (!PRESET_IDS.includes(presetId) || presetId === 'custom') fail(`unknown preset ${presetId}`);
if (budget !== 'browser' && budget !== 'paper') fail(`unknown budget ${budget}`);
if (!existsSync(join(DIST_DIR, 'index.html'))) fail(`no build in ${DIST_DIR}: run npm run build first`);
const preset = presetById(presetId);
if (!preset) fail(`unknown preset ${presetId}`);
const config = withBudget(preset.config, budget);

const minutes = (ms: number) => (ms / 60_000).toFixed(1);

async function statuses(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid^="xp-status-"]', (els) => els.map((e) => (e as HTMLElement).dataset.status ?? ''));
}

async function main(): Promise<void> {
  const server = await startServer();
  const session = await launchBrowser(server, { viewport: { width: 1600, height: 1000 } });
  const page = session.page;
  const t0 = Date.now();
  try {
    await page.goto(`${server.url}?backend=${encodeURIComponent(backend)}#v=1&view=experiments&xc=${encodeConfigParam(config)}`);
    await page.waitForSelector('[data-testid="experiments-view"][data-ready="1"]');
    await page.click(tid('xp-start'));
    console.log(`${preset!.label}, ${budget} budget, ${backend} backend: started`);

    const seen: string[] = [];
    const started = new Map<number, number>();
    let lastLine = 0;
    await waitUntil(
      async () => {
        const s = await statuses(page);
        s.forEach((status, i) => {
          if (status === seen[i]) return;
          seen[i] = status;
          if (status === 'training' && !started.has(i)) started.set(i, Date.now());
          if (status === 'done' || status === 'failed') {
            const since = started.get(i);
            console.log(`point ${i + 1}/${s.length}: ${status}${since ? ` after ${minutes(Date.now() - since)} min` : ''} (${minutes(Date.now() - t0)} min in)`);
          }
        });
        const state = await page.getAttribute(tid('xp-progress'), 'data-state');
        if (Date.now() - lastLine > 60_000) {
          lastLine = Date.now();
          const text = (await page.textContent(tid('xp-progress')).catch(() => null)) ?? '(no progress shown)';
          console.log(`  ${minutes(Date.now() - t0)} min: ${text.replace(/\s+/g, ' ').trim()}`);
        }
        if (state === 'failed' || state === 'cancelled') throw new Error(`the sweep ended ${state}: ${await page.textContent(tid('xp-sweep-message'))}`);
        return s.length > 0 && s.every((x) => x === 'done' || x === 'failed') && state === 'done';
      },
      'the sweep to finish',
      timeoutMin * 60_000,
      2000,
    );

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('xp-export'))]);
    const text = readFileSync((await download.path())!, 'utf8');
    const exported = parseExport(JSON.parse(text));
    if (!exported.ok) throw new Error(`the exported file does not parse: ${exported.reason}`);
    const { experiment, points } = exported.value;
    // What ran must be the preset asked for (a view that opened another sweep first would change the draft).
    if (canonicalJson({ ...experiment.config, preset: null }) !== canonicalJson({ ...config, preset: null })) {
      throw new Error(`the sweep that ran is not ${presetId} at the ${budget} budget: ${JSON.stringify(experiment.config)}`);
    }
    const relabelled = { experiment: { ...experiment, id: relabel.id ?? experiment.id, name: relabel.name ?? experiment.name }, points };
    const labelled = exportText(process.argv.includes('--compact') ? compactForShipping(relabelled) : relabelled);
    const parsed = parseExport(JSON.parse(labelled));
    if (!parsed.ok) throw new Error(`the relabelled file does not parse: ${parsed.reason}`);
    writeFileSync(out, labelled);
    if (shot) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: shot, fullPage: true, animations: 'disabled' });
    }

    const f = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? '—' : v.toFixed(d));
    const rows = parsed.value.points.map((p) => {
      const m = p.metrics;
      return `| ${p.weights.alpha} | ${p.weights.beta} | ${p.weights.gamma} | ${f(m?.D)} | ${f(m?.P, 3)} ± ${f(m?.Pse, 3)} | ${f(m?.C, 3)} ± ${f(m?.Cse, 3)} | ${minutes(p.seconds * 1000)} | ${m ? m.seconds.toFixed(0) : '—'} | ${p.status} |`;
    });
    console.log(['', '| α | β | γ | D | P ± SE | C ± SE | min (train + eval) | eval s | status |', '|--:|--:|--:|--:|--:|--:|--:|--:|---|', ...rows].join('\n'));
    // Does the largest gamma lower C at every beta (alpha fixed) by at least two standard errors?
    const done = parsed.value.points.filter((p) => p.metrics);
    const groups = new Map<string, typeof done>();
    for (const p of done) groups.set(`${p.weights.alpha}|${p.weights.beta}`, [...(groups.get(`${p.weights.alpha}|${p.weights.beta}`) ?? []), p]);
    for (const [k, ps] of groups) {
      if (ps.length < 2) continue;
      const lo = ps.reduce((a, b) => (b.weights.gamma < a.weights.gamma ? b : a));
      const hi = ps.reduce((a, b) => (b.weights.gamma > a.weights.gamma ? b : a));
      const drop = lo.metrics!.C - hi.metrics!.C;
      const se = Math.max(lo.metrics!.Cse ?? NaN, hi.metrics!.Cse ?? NaN);
      console.log(`alpha|beta ${k}: gamma ${lo.weights.gamma} -> ${hi.weights.gamma} lowers C by ${drop.toFixed(3)} = ${(drop / se).toFixed(1)} SE (SE ${f(se, 3)})`);
    }
    console.log(`\n${parsed.value.points.length} points in ${minutes(Date.now() - t0)} min; wrote ${out}${shot ? ` and ${shot}` : ''}`);
    if (session.pageErrors.length) console.log(`page errors: ${session.pageErrors.join('; ')}`);
  } finally {
    await session.close();
    await server.close();
  }
}

main().catch((e) => fail((e as Error).message));
