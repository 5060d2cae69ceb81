import type { Page } from 'playwright-core';
import { waitUntil } from './harness';

// Helpers that know the app's test ids (shared with the UI: slider-<key>,
// number-<key>, readout-<name>, plot-<name>). Other e2e tests reuse them.

export const TOY_PLOTS = [
  'densities',
  'curves-vs-a',
  'surface-3d',
  'surface-contour',
  'profiles-d',
  'profiles-p',
  'blau-pd',
  'blau-discrete',
] as const;
export type ToyPlot = (typeof TOY_PLOTS)[number];

export const tid = (id: string) => `[data-testid="${id}"]`;

export interface PlotState {
  /** How many times Plotly.react finished on this div (the Plot wrapper's data-revision). */
  revision: number;
  hasSvg: boolean;
  glCanvases: number;
  traces: number;
  /** Finite numeric points summed over every trace's x/y/z arrays. */
  points: number;
  /** A digest of the traces' data and the layout shapes: changes when the plotted numbers change. */
  digest: string;
}

/** What plotly drew into one plot container. */
export async function plotState(page: Page, name: string): Promise<PlotState> {
  return page.$eval(tid(`plot-${name}`), (el) => {
    type Trace = Record<string, unknown>;
    const data = ((el as unknown as { data?: Trace[] }).data ?? []) as Trace[];
    let points = 0;
    let h = 0;
    const mix = (x: number) => {
      // FNV-style mixing of the float's text: cheap and order-sensitive.
      const s = String(x);
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
    };
    const walk = (v: unknown) => {
      if (typeof v === 'number') {
        if (Number.isFinite(v)) points++;
        mix(v);
      } else if (v === null) mix(Number.NaN);
      else if (Array.isArray(v) || ArrayBuffer.isView(v)) for (const x of Array.from(v as ArrayLike<unknown>)) walk(x);
    };
    for (const t of data) for (const k of ['x', 'y', 'z']) walk(t[k]);
    // Markers and feasible-set bands are often layout shapes, not traces.
    const layout = (el as unknown as { layout?: { shapes?: Record<string, unknown>[] } }).layout;
    for (const sh of layout?.shapes ?? []) {
      for (const k of ['x0', 'x1', 'y0', 'y1']) if (typeof sh[k] === 'number') mix(sh[k] as number);
      if (typeof sh.path === 'string') for (let i = 0; i < sh.path.length; i++) h = Math.imul(h ^ sh.path.charCodeAt(i), 16777619) >>> 0;
    }
    return {
      revision: Number((el as HTMLElement).dataset.revision ?? 0),
      hasSvg: el.querySelector('.main-svg') !== null,
      glCanvases: [...el.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0).length,
      traces: data.length,
      points,
      digest: `${data.length}:${points}:${h.toString(16)}`,
    };
  });
}

/** Waits until every named plot has been drawn by plotly with data in it. */
export async function waitForPlots(page: Page, names: readonly string[] = TOY_PLOTS, timeoutMs = 60_000): Promise<Record<string, PlotState>> {
  const out: Record<string, PlotState> = {};
  for (const name of names) {
    out[name] = await waitUntil(
      async () => {
        const s = await plotState(page, name);
        return s.revision >= 1 && s.hasSvg && s.traces > 0 && s.points > 0 ? s : null;
      },
      `plot-${name} to render`,
      timeoutMs,
      200,
    );
  }
  return out;
}

/** Waits until a plot's data differs from `before` (a digest from plotState). */
export async function waitForPlotChange(page: Page, name: string, before: PlotState, timeoutMs = 20_000): Promise<PlotState> {
  return waitUntil(
    async () => {
      const s = await plotState(page, name);
      return s.revision > before.revision && s.digest !== before.digest ? s : null;
    },
    `plot-${name} to redraw with new data`,
    timeoutMs,
  );
}

export async function inputValue(page: Page, testId: string): Promise<string> {
  return page.$eval(tid(testId), (el) => (el as HTMLInputElement | HTMLSelectElement).value);
}

export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.textContent(tid(testId)))?.trim() ?? '';
}
