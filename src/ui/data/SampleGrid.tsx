import { useEffect, useMemo, useRef } from 'react';
import type { DatasetInfo } from '../../data/catalog';
import { addGaussianNoise } from '../../data/degrade/noise';
import { srDegrade, srOperator } from '../../data/degrade/superResolution';
import type { LoadedDataset } from '../../data/loader';
import { createRng } from '../../data/rng';
import { gatherImages, imageToRgba, pickSamples } from './pixels';

export type Degradation = { kind: 'noise'; sigma: number } | { kind: 'sr' };

export const PER_CLASS = 4;
const GAP = 8;
/** Seed of the displayed noise, so the grid does not flicker between renders. */
const DISPLAY_SEED = 1;

interface Props {
  info: DatasetInfo;
  data: LoadedDataset;
  degradation: Degradation;
}

function scaleFor(h: number): number {
  return h <= 32 ? 2 : 1;
}

/** Clean and degraded test images side by side, one canvas row per class. */
export function SampleGrid({ info, data, degradation }: Props) {
  const [h, w, c] = data.manifest.imageShape;
  const split = data.test.count > 0 ? data.test : data.train;
  const classes = data.manifest.classNames;
  const picks = useMemo(() => pickSamples(split.labels, classes.length, PER_CLASS), [split, classes.length]);
  const flat = useMemo(() => picks.flat(), [picks]);
  const clean = useMemo(() => gatherImages(split.images, flat, h * w * c), [split, flat, h, w, c]);
  const degraded = useMemo(() => {
    if (degradation.kind === 'noise') return addGaussianNoise(clean, degradation.sigma, createRng(DISPLAY_SEED));
    return srDegrade(srOperator(h, w, info.srPad, info.srFactor), clean, flat.length, c);
  }, [clean, degradation, flat.length, h, w, c, info.srPad, info.srFactor]);

  const s = scaleFor(h);
  const pairW = 2 * w * s + 2;
  const width = PER_CLASS * pairW + (PER_CLASS - 1) * GAP;
  const refs = useRef<(HTMLCanvasElement | null)[]>([]);

  useEffect(() => {
    let k = 0;
    picks.forEach((row, cls) => {
      const canvas = refs.current[cls];
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) {
        k += row.length;
        return;
      }
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      row.forEach((_, j) => {
        const x = j * (pairW + GAP);
        ctx.putImageData(new ImageData(imageToRgba(clean, k, h, w, c, s), w * s, h * s), x, 0);
        ctx.putImageData(new ImageData(imageToRgba(degraded, k, h, w, c, s), w * s, h * s), x + w * s + 2, 0);
        k++;
      });
    });
  }, [picks, clean, degraded, h, w, c, s, pairW]);

  const caption =
    degradation.kind === 'noise'
      ? `Left of each pair: clean test image X; right: Y = X + N(0, ${degradation.sigma.toFixed(2)}²), shown clipped to [0, 1] (the data itself is not clipped).`
      : `Left of each pair: clean test image X; right: the super-resolution input (replicate-pad ${info.srPad}, bicubic ÷${info.srFactor} to ${(h + 2 * info.srPad) / info.srFactor}x${(w + 2 * info.srPad) / info.srFactor}, ×${info.srFactor}, crop, clip).`;

  return (
    <figure className="data-samples" data-testid="data-samples">
      <figcaption className="field-hint">{caption}</figcaption>
      <div className="sample-rows">
        {classes.map((name, cls) => (
          <div className="sample-row" key={name} data-testid="sample-row">
            <span className="sample-label" title={name}>
              {name}
            </span>
            <canvas
              ref={(el) => {
                refs.current[cls] = el;
              }}
              width={width}
              height={h * s}
              aria-label={`${name}: ${picks[cls]?.length ?? 0} clean and degraded test images`}
            />
          </div>
        ))}
      </div>
    </figure>
  );
}
