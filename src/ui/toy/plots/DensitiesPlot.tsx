import { useMemo } from 'react';
import type { ToyParams } from '../../../math';
import { densitiesFigure } from '../../../plots/figures/densities';
import { Plot } from '../../../plots/Plot';
import { usePalette } from '../../usePalette';
import { densitySeries } from '../densitySeries';

export function DensitiesPlot({ params, a }: { params: ToyParams; a: number }) {
  const pal = usePalette();
  const series = useMemo(() => densitySeries(params, a), [params, a]);
  const figure = useMemo(() => densitiesFigure(series, pal), [series, pal]);
  return (
    <Plot
      name="densities"
      title={<>Densities of X, Y and X̂ = aY</>}
      figure={figure}
      caption="Dashed line: the Bayes classifier c₀ of the clean X. X̂ is scaled noise-and-signal: a = 0 collapses it to a point mass."
    />
  );
}
