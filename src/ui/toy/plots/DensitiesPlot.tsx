import { useMemo } from 'react';
import type { ToyParams } from '../../../math';
import { densitiesFigure } from '../../../plots/figures/densities';
import { Plot } from '../../../plots/Plot';
import { timed } from '../../timing';
import { usePalette } from '../../usePalette';
import { densitySeries } from '../densitySeries';

export function DensitiesPlot({ params, a }: { params: ToyParams; a: number }) {
  const pal = usePalette();
  const series = useMemo(() => timed('toy:densities', () => densitySeries(params, a)), [params, a]);
  const figure = useMemo(() => densitiesFigure(series, pal), [series, pal]);
  return (
    <Plot
      name="densities"
      title={<>Densities of X, Y and X̂ = aY</>}
      figure={figure}
      height={320}
      caption="Dashed line: the threshold of c₀, the Bayes classifier of the clean X. At a = 0, X̂ is a point mass at 0."
    />
  );
}
