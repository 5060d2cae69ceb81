import { useCallback, useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Config } from 'plotly.js-dist-min';
import type { Figure } from './figure';
import { bundleFor, loadPlotly, plotlyIfLoaded, type PlotlyModule } from './loadPlotly';
import { downloadText, downloadUrl } from './download';
import { drawQueue } from './drawQueue';
import { livePixel, liveTrace, type LiveMarker } from './liveMarker';
import { PlotScaleContext, scaleFigure } from './scale';
import { summarizeFigure } from './summary';

// On a touch screen the mode bar has no hover to hide behind: it stays over
// legends and points. Export stays in the card's menu.
const COARSE_POINTER = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

const CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  // Our own export menu replaces the camera button (it also offers CSV).
  // Plotly 4's "Share chart..." would send the figure to Plotly Cloud: never offered.
  modeBarButtonsToRemove: ['toImage', 'select2d', 'lasso2d', 'sendChartToCloud'],
  ...(COARSE_POINTER ? { displayModeBar: false } : {}),
};

interface PlotProps {
  /** Test id suffix and export file name. */
  name: string;
  title: ReactNode;
  figure: Figure | null;
  /** Plot area height in CSS pixels. */
  height?: number;
  caption?: ReactNode;
  /** Called with the clicked point's customdata (plotly_click), e.g. to open its details. */
  onPointClick?: (customdata: unknown) => void;
  /** A point that moves often (a slider's position): drawn over the chart, moved without a redraw (liveMarker.ts). */
  live?: LiveMarker | null;
}

/**
 * One plotly chart. Redraws go through the shared frame queue (drawQueue.ts)
 * with the newest figure, so fast slider drags coalesce instead of queueing;
 * the graph div is never purged between updates (camera and zoom survive via
 * layout.uirevision in the figures).
 */
export function Plot({ name, title, figure, height = 280, caption, onPointClick, live = null }: PlotProps) {
  const el = useRef<HTMLDivElement>(null);
  // The partial bundle that has this figure's trace types (loadPlotly.ts).
  const bundle = bundleFor(figure?.data);
  const [modules, setModules] = useState<Partial<Record<typeof bundle, PlotlyModule>>>(() => {
    const m = plotlyIfLoaded(bundle);
    return m ? { [bundle]: m } : {};
  });
  const plotly = modules[bundle] ?? null;
  // The module that drew the div last: it alone can resize, replace or purge what it drew.
  const drawnWith = useRef<PlotlyModule | null>(null);
  const clickBound = useRef(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(figure);
  const queueKey = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | 0>(0);
  const scheduled = useRef(false);
  const busyUntil = useRef(0);
  const revision = useRef(0);
  latest.current = figure;
  const liveEl = useRef<HTMLDivElement>(null);
  const liveRef = useRef(live);
  liveRef.current = live;
  // Places the live marker on the axes plotly drew last: after every draw, resize and move.
  const placeLive = useCallback(() => {
    const m = liveRef.current;
    const dot = liveEl.current;
    const div = el.current;
    if (!dot || !div) return;
    const at = m ? livePixel((div as unknown as { _fullLayout?: unknown })._fullLayout, m.x, m.y) : null;
    if (!m || !at) {
      dot.hidden = true;
      return;
    }
    dot.hidden = false;
    dot.style.transform = `translate(${at.left}px, ${at.top}px)`;
    dot.style.borderColor = m.color;
    dot.title = m.label;
    dot.dataset.x = String(m.x);
    dot.dataset.y = String(m.y);
  }, []);
  useLayoutEffect(placeLive, [live, placeLive]);
  const clickRef = useRef(onPointClick);
  clickRef.current = onPointClick;
  // Presentation mode: larger fonts and lines, applied at draw time.
  const scale = useContext(PlotScaleContext);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const summaryId = `${queueKey}-summary`;
  const summary = useMemo(() => (figure ? summarizeFigure(figure.data, figure.layout) : 'Loading.'), [figure]);

  useEffect(() => {
    if (plotly) return;
    let live = true;
    loadPlotly(bundle).then(
      (p) => live && setModules((m) => ({ ...m, [bundle]: p })),
      (e: unknown) => live && setError(`Could not load the plotting library: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [plotly, bundle]);

  useEffect(() => {
    if (!plotly || !figure || scheduled.current) return;
    scheduled.current = true;
    const draw = () => {
      scheduled.current = false;
      const div = el.current;
      const f = latest.current;
      if (!div || !f) return;
      const t0 = performance.now();
      const g = scaleFigure(f, scaleRef.current);
      // A figure that moved to the other bundle's trace types: the old module clears its drawing first.
      if (drawnWith.current && drawnWith.current !== plotly) {
        drawnWith.current.purge(div);
        clickBound.current = false;
      }
      drawnWith.current = plotly;
      plotly.react(div, g.data, g.layout, CONFIG).then(
        () => {
          const t1 = performance.now();
          // A plot that took T ms to draw waits T ms before its next draw, so
          // one plot never holds the main thread more than half the time
          // and input keeps flowing on slow machines. Fast plots are unaffected.
          busyUntil.current = t1 + (t1 - t0);
          // User timing entry per redraw: the drag benchmarks read these.
          performance.measure(`plot:${name}`, { start: t0, end: t1 });
          revision.current += 1;
          div.dataset.revision = String(revision.current);
          placeLive();
          if (!clickBound.current) {
            clickBound.current = true;
            // Plotly adds .on() to the div on its first draw; one listener reads the current callback.
            (div as unknown as { on(ev: string, f: (e: { points?: { customdata?: unknown }[] }) => void): void }).on('plotly_click', (e) => {
              const cd = e.points?.find((pt) => pt.customdata !== undefined)?.customdata;
              if (cd !== undefined) clickRef.current?.(cd);
            });
          }
        },
        (e: unknown) => setError(`Plot failed: ${String(e)}`),
      );
    };
    // The newest figure is read when the draw runs (latest.current), so
    // changes that arrive in between coalesce into one Plotly.react.
    const wait = busyUntil.current - performance.now();
    if (wait > 0) {
      timer.current = setTimeout(() => {
        timer.current = 0;
        drawQueue.request(queueKey, draw);
      }, wait);
    } else {
      drawQueue.request(queueKey, draw);
    }
  }, [plotly, figure, name, queueKey, scale]);

  useEffect(() => {
    const div = el.current;
    if (!plotly || !div) return;
    // The grid can change width without a window resize (panel, fonts).
    const ro = new ResizeObserver(() => {
      if (div.dataset.revision && drawnWith.current) void Promise.resolve(drawnWith.current.Plots.resize(div) as unknown).then(placeLive);
    });
    ro.observe(div);
    return () => {
      ro.disconnect();
      drawQueue.cancel(queueKey);
      if (timer.current) clearTimeout(timer.current);
      timer.current = 0;
      scheduled.current = false;
    };
  }, [plotly, queueKey, placeLive]);

  // Free WebGL contexts and listeners only when the card goes away.
  useEffect(() => {
    const div = el.current;
    return () => {
      if (drawnWith.current && div) drawnWith.current.purge(div);
    };
  }, []);

  const menu = useRef<HTMLDetailsElement>(null);
  const closeMenu = () => {
    if (menu.current) menu.current.open = false;
  };
  const exportPng = () => {
    closeMenu();
    const div = el.current;
    const f = latest.current;
    if (!plotly || !div || !f || !div.dataset.revision) return;
    // The on-screen plot is transparent over the card; a saved image gets the
    // card's colour so dark-theme text stays readable.
    const bg = getComputedStyle(div).getPropertyValue('--panel').trim() || '#ffffff';
    const width = div.clientWidth;
    const height = div.clientHeight;
    void plotly
      .toImage(
        {
          data: liveRef.current ? [...f.data, liveTrace(liveRef.current) as (typeof f.data)[number]] : f.data,
          layout: { ...f.layout, paper_bgcolor: bg, plot_bgcolor: bg, width, height },
          config: { staticPlot: true },
        },
        { format: 'png', width, height, scale: 2 },
      )
      .then((url) => downloadUrl(url, `cdp-lab-${name}.png`), (e: unknown) => setError(`Export failed: ${String(e)}`));
  };
  const exportCsv = () => {
    closeMenu();
    const f = latest.current;
    if (f) downloadText(f.csv(), `cdp-lab-${name}.csv`);
  };

  const ready = plotly !== null && figure !== null;
  return (
    <figure className="plot-card">
      <div className="plot-head">
        <h3 className="plot-title">{title}</h3>
        <details className="export-menu" ref={menu}>
          <summary aria-label={`Export ${name}`}>Export</summary>
          <div className="export-items" role="menu">
            <button type="button" role="menuitem" onClick={exportPng} disabled={!ready}>
              PNG image
            </button>
            <button type="button" role="menuitem" onClick={exportCsv} disabled={!figure}>
              CSV data
            </button>
          </div>
        </details>
      </div>
      <div className="plot-area" style={{ height }}>
        <div ref={el} className="plot-div" data-testid={`plot-${name}`} style={{ height }} aria-describedby={summaryId} />
        <div ref={liveEl} className="plot-live" data-testid={`live-${name}`} hidden aria-hidden="true" />
        {!ready && !error && <div className="plot-overlay">Loading plot…</div>}
        {error && (
          <div className="plot-overlay plot-error" role="alert">
            {error}
          </div>
        )}
      </div>
      {/* What the plot shows, as text, for screen readers. */}
      <p id={summaryId} className="visually-hidden" data-testid={`summary-${name}`}>
        {summary}
      </p>
      {caption && <figcaption className="plot-caption">{caption}</figcaption>}
    </figure>
  );
}
