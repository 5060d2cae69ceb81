import type { Data } from 'plotly.js-dist-min';

// Plotly's full bundle is 4.6 MB and took over a second to evaluate before the
// first plot could draw. Plots load one of two partial bundles on demand
// instead: 'cartesian' (1.5 MB: scatter, bar, heatmap, contour: every 2D plot
// here) and 'gl3d' (1.8 MB: scatter3d, surface), whose load waits until
// the cartesian one has arrived so the first screen's 2D plots never queue
// behind the 3D bundle's evaluation. One shared promise per bundle.
type PlotlyModule = typeof import('plotly.js-dist-min').default;
export type PlotlyBundle = 'cartesian' | 'gl3d';

const pending = new Map<PlotlyBundle, Promise<PlotlyModule>>();
const loaded = new Map<PlotlyBundle, PlotlyModule>();

// The UMD bundles arrive as the default export; be lenient with interop.
const unwrap = (m: unknown): PlotlyModule => (m as { default?: PlotlyModule }).default ?? (m as PlotlyModule);

const importers: Record<PlotlyBundle, () => Promise<PlotlyModule>> = {
  cartesian: () => import('plotly.js-cartesian-dist-min').then(unwrap),
  gl3d: () => loadPlotly('cartesian').then(() => import('plotly.js-gl3d-dist-min').then(unwrap)),
};

export function loadPlotly(bundle: PlotlyBundle): Promise<PlotlyModule> {
  let p = pending.get(bundle);
  if (!p) {
    p = importers[bundle]().then((mod) => {
      loaded.set(bundle, mod);
      return mod;
    });
    // A failed load (offline, a bad chunk) may be retried by the next plot that asks.
    p.catch(() => pending.delete(bundle));
    pending.set(bundle, p);
  }
  return p;
}

/** The bundle if it has finished loading, else null. */
export function plotlyIfLoaded(bundle: PlotlyBundle): PlotlyModule | null {
  return loaded.get(bundle) ?? null;
}

/** Trace types only the gl3d bundle has (the cartesian one lacks every one of them). */
const GL3D_TYPES = new Set(['scatter3d', 'surface', 'mesh3d', 'cone', 'streamtube', 'isosurface', 'volume']);

/** Which bundle draws these traces. */
export function bundleFor(data: readonly Data[] | null | undefined): PlotlyBundle {
  return data?.some((t) => GL3D_TYPES.has(String((t as { type?: string }).type))) ? 'gl3d' : 'cartesian';
}

export type { PlotlyModule };
