import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExperimentBundle } from '../../experiments';
import { downloadUrl } from '../../plots/download';
import { useThemeStore } from '../../state';
import { contextMeasure, drawFig4, fig4FileName, fig4Geometry, fig4Layout, FIG4_LIGHT, type Fig4Colors } from './fig4';
import './fig4.css';

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
  const section = useRef<HTMLElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = layout.betas.length;
  const cols = layout.gammas.length;

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx || rows === 0) return;
    const { colors, family } = cssColors(section.current);
    const geo = fig4Geometry(layout, contextMeasure(ctx), family, 2);
    c.width = geo.pixelWidth;
    c.height = geo.pixelHeight;
    c.style.width = `${geo.width}px`;
    c.style.height = `${geo.height}px`;
    drawFig4(ctx, layout, geo, colors);
  }, [layout, theme, rows]);

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
      <div className="xp-fig4-scroll">
        <canvas
          ref={canvas}
          className="xp-fig4-canvas"
          data-testid="xp-fig4-canvas"
          role="img"
          aria-label={`Restored test digits for ${rows} β values (rows) by ${cols} γ values (columns), with D, P and C under each cell`}
        />
      </div>
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
