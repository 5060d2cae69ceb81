import { useEffect, useRef } from 'react';
import { base64ToBytes } from '../../experiments/base64';
import type { Thumbnails } from '../../experiments';
import { imageToRgba } from '../data/pixels';

const ROWS = [
  ['clean', 'Clean X'],
  ['degraded', 'Degraded Y'],
  ['restored', 'Restored X̂'],
] as const;

/** Fig. 4 style: clean, degraded and restored samples, one row each. */
export function ThumbGrid({ t, testId }: { t: Thumbnails; testId?: string }) {
  const refs = useRef<(HTMLCanvasElement | null)[]>([]);
  const scale = t.height <= 32 ? 2 : 1;
  const gap = 2;
  const width = t.count * (t.width * scale + gap) - gap;
  useEffect(() => {
    ROWS.forEach(([key], r) => {
      const canvas = refs.current[r];
      const ctx = canvas?.getContext('2d');
      if (!ctx || !canvas) return;
      let bytes: Uint8Array;
      try {
        bytes = base64ToBytes(t[key]);
      } catch {
        return;
      }
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < t.count; i++) {
        const img = new ImageData(imageToRgba(bytes, i, t.height, t.width, t.channels, scale), t.width * scale, t.height * scale);
        ctx.putImageData(img, i * (t.width * scale + gap), 0);
      }
    });
  }, [t, scale]);
  return (
    <div className="xp-thumbs" data-testid={testId}>
      {ROWS.map(([key, label], r) => (
        <div className="xp-thumb-row" key={key}>
          <span className="xp-thumb-label">{label}</span>
          <canvas
            ref={(el) => {
              refs.current[r] = el;
            }}
            width={width}
            height={t.height * scale}
            aria-label={`${label}: ${t.count} sample images`}
            role="img"
          />
        </div>
      ))}
    </div>
  );
}
