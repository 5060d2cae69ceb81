import { useMemo } from 'react';
import type { toyPoint } from '../../../math';
import { curvesFigure } from '../../../plots/figures/curves';
import { Plot } from '../../../plots/Plot';
import type { ToyModelResult, ToyPointResult } from '../../../workers/toyProtocol';
import { usePalette } from '../../usePalette';

type Point = ReturnType<typeof toyPoint>;

interface Props {
  curves: ToyModelResult['curves'] | null;
  current: { a: number; d: number; p: number; c: number };
  D: number;
  P: number;
  feasible: ToyPointResult['feasible'] | null;
  pTitle: string;
}

export function CurvesPlot({ curves, current, D, P, feasible, pTitle }: Props) {
  const pal = usePalette();
  const figure = useMemo(
    () => (curves ? curvesFigure({ ...curves, current, D, P, feasible, pTitle }, pal) : null),
    [curves, current, D, P, feasible, pTitle, pal],
  );
  return (
    <Plot
      name="curves-vs-a"
      title={<>D(a), P(a) and C(a)</>}
      figure={figure}
      height={320}
      caption="Green band: the a with D(a) ≤ D and P(a) ≤ P (dashed levels). The dot is the current a."
    />
  );
}

/** The criteria of the current a as the curves plot wants them. */
export function currentCriteria(pt: Point, perception: number): { a: number; d: number; p: number; c: number } {
  return { a: pt.a, d: pt.mse, p: perception, c: pt.errorRate };
}
