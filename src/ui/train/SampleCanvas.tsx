import { useEffect, useRef } from 'react';
import type { SampleGrid } from '../../train/evaluate';
import { imageToRgba } from '../data/pixels';

const ROWS = ['clean', 'degraded', 'restored'] as const;
const GAP = 4;

/** Clean / degraded / restored test images, one row each, drawn after every evaluation. */
export function SampleCanvas({ grid }: { grid: SampleGrid | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const scale = grid && grid.height <= 32 ? 3 : 1;
  const cellW = grid ? grid.width * scale : 0;
  const cellH = grid ? grid.height * scale : 0;
  const width = grid ? grid.count * (cellW + GAP) - GAP : 0;
  const height = grid ? 3 * (cellH + GAP) - GAP : 0;

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!grid || !ctx) return;
    ctx.clearRect(0, 0, width, height);
    ROWS.forEach((row, r) => {
      for (let i = 0; i < grid.count; i++) {
        const rgba = imageToRgba(grid[row], i, grid.height, grid.width, grid.channels, scale);
        ctx.putImageData(new ImageData(rgba, cellW, cellH), i * (cellW + GAP), r * (cellH + GAP));
      }
    });
  }, [grid, scale, cellW, cellH, width, height]);

  if (!grid) return <p className="field-hint">Samples appear after the first evaluation.</p>;
  return (
    <figure className="train-samples">
      <div className="train-samples-body">
        <div className="train-samples-labels" aria-hidden="true">
          {ROWS.map((r) => (
            <span key={r} style={{ height: cellH, marginBottom: GAP }}>
              {r}
            </span>
          ))}
        </div>
        <canvas
          ref={ref}
          width={width}
          height={height}
          data-testid="train-samples"
          data-count={grid.count}
          role="img"
          aria-label={`${grid.count} test images: clean, degraded and restored rows`}
        />
      </div>
    </figure>
  );
}
