// plotly.min.js is ~4.8 MB: it is loaded on demand (its own chunk) so the
// first paint of the app never waits for it. One shared promise.
type PlotlyModule = typeof import('plotly.js-dist-min').default;

let pending: Promise<PlotlyModule> | null = null;
let loaded: PlotlyModule | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  pending ??= import('plotly.js-dist-min').then((m) => {
    // The UMD bundle arrives as the default export; be lenient with interop.
    const mod = (m as unknown as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule);
    loaded = mod;
    return mod;
  });
  return pending;
}

/** The module if it has finished loading, else null. */
export function plotlyIfLoaded(): PlotlyModule | null {
  return loaded;
}

export type { PlotlyModule };
