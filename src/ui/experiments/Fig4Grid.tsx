import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ExperimentBundle } from '../../experiments';
import { downloadUrl } from '../../plots/download';
import { PlotScaleContext } from '../../plots/scale';
import { useThemeStore } from '../../state';
import { contextMeasure, drawFig4, fig4FileName, fig4Geometry, fig4Layout, FIG4_LIGHT, type Fig4Colors } from './fig4';
import './fig4.css';
import { FIG4_NOT_IN_LINK } from '../../experiments/linkView';

const CAPTION =
  'Fig. 4: rows β (adversarial weight), columns γ (classification weight); each cell the same test digits restored by that point; D/P/C under it. ' +
  'The reference row shows the clean and degraded digits.';

function cssColors(el: Element | null): { colors: Fig4Colors; family: string } {
  if (!el) return { colors: FIG4_LIGHT, family: 'sans-serif' };
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    colors: { bg: v('--panel', FIG4_LIGHT.bg), fg: v('--fg', FIG4_LIGHT.fg), muted: v('--muted', FIG4_LIGHT.muted), border: v('--border', FIG4_LIGHT.border) },
    family: v('--sans', 'sans-serif'),
  };
}

/** Paper Fig. 4: the sweep's restored test digits on a beta x gamma grid, as one canvas (exportable as PNG). */
export function Fig4Grid({ bundle }: { bundle: ExperimentBundle }) {
  const layout = useMemo(() => fig4Layout(bundle), [bundle]);
  const theme = useThemeStore((s) => s.resolved);
  // Presentation mode: the labels and D/P/C lines grow with the plots' type.
  const textScale = useContext(PlotScaleContext).font;
  const section = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = layout.betas.length;
  const cols = layout.gammas.length;
  // Wider than its card (a phone): a shadow on the side with more, and a line saying so.
  const scroller = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<'' | 'left' | 'right' | 'both'>('');
  const measureMore = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore(left && right ? 'both' : left ? 'left' : right ? 'right' : '');
  }, []);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(measureMore);
    ro.observe(el);
    if (canvas.current) ro.observe(canvas.current);
    return () => ro.disconnect();
  }, [measureMore, rows]);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || rows === 0) return;
    const { colors, family } = cssColors(section.current);
    const geo = fig4Geometry(layout, contextMeasure(ctx), family, 2, textScale);
    c.width = geo.pixelWidth;
    c.height = geo.pixelHeight;
    c.style.width = `${geo.width}px`;
    c.style.height = `${geo.height}px`;
    drawFig4(ctx, layout, geo, colors);
  }, [layout, theme, rows, textScale]);

  const exportPng = () => {
    const c = canvas.current;
    if (!c) return;
    setError(null);
    c.toBlob((blob) => {
      if (!blob) {
        setError('Export failed: the browser gave no image.');
        return;
      }
      const url = URL.createObjectURL(blob);
      downloadUrl(url, fig4FileName(bundle.experiment.name));
      // Let the click's navigation start before the URL goes away.
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }, 'image/png');
  };

  if (rows === 0) {
    return (
      <section className="xp-fig4 plot-card" data-testid="xp-fig4" data-rows={0} data-cols={0} aria-label="Samples by weight">
        <p className="field-hint">No sample images in this sweep yet.</p>
      </section>
    );
  }
  return (
    <section ref={section} className="xp-fig4 plot-card" data-testid="xp-fig4" data-rows={rows} data-cols={cols} aria-label="Samples by weight">
      <div className="plot-head">
        <h3 className="plot-title">Samples by weight (Fig. 4)</h3>
        <button type="button" className="small-button" onClick={exportPng} data-testid="xp-fig4-png">
          Export PNG
        </button>
      </div>
      <div className="xp-fig4-frame" data-more={more || undefined}>
        {/* A region that scrolls must be reachable by keyboard (arrow keys scroll it) when it does. */}
        <div
          className="xp-fig4-scroll"
          ref={scroller}
          onScroll={measureMore}
          tabIndex={more ? 0 : undefined}
          role={more ? 'region' : undefined}
          aria-label={more ? 'Fig. 4 grid, scrolls sideways' : undefined}
        >
          <canvas
            ref={canvas}
            className="xp-fig4-canvas"
            data-testid="xp-fig4-canvas"
            role="img"
            aria-label={`Restored test digits for ${rows} β values (rows) by ${cols} γ values (columns), with D, P and C under each cell`}
          />
        </div>
      </div>
      {more && (
        <p className="field-hint xp-fig4-hint" data-testid="xp-fig4-hint">
          {more === 'left' ? '← Scroll back for the first columns' : 'Scroll sideways for more columns →'}
        </p>
      )}
      <p className="plot-caption">{CAPTION}</p>
      {layout.note && (
        <p className="field-hint" data-testid="xp-fig4-note">
          {layout.note}
        </p>
      )}
      {error && (
        <p className="xp-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Fig. 4's place for results that came in a link: says why it is empty and how to fill it. */
export function Fig4NotInLink() {
  return (
    <section className="xp-fig4 plot-card" data-testid="xp-fig4" data-rows={0} data-cols={0} aria-label="Samples by weight">
      <h3 className="plot-title">Samples by weight (Fig. 4)</h3>
      <p className="field-hint" data-testid="xp-fig4-not-in-link">
        {FIG4_NOT_IN_LINK}
      </p>
    </section>
  );
}
