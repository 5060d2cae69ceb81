import { useMemo } from 'react';
import { denseCells, readDense } from '../../../experiments/denseGrid';
import { lossRatios } from '../../../models/conditioning';
import { useToyStore } from '../../../state';
import type { SlideOverlay } from '../figures';
import { useSlide } from './slideStore';

/** What slide mode adds to the Fig. 3 plots: the dense family (stable while dragging) and the slider's point. */
export function useSlideOverlay(): SlideOverlay | null {
  const on = useToyStore((s) => s.slide);
  const grid = useSlide((s) => s.grid);
  const pos = useSlide((s) => s.pos);
  const family = useMemo(
    () =>
      grid
        ? denseCells(grid).map((c) => ({ weights: { alpha: 1, beta: c.beta, gamma: c.gamma }, D: c.value.D, P: c.value.P ?? NaN, C: c.value.C, Dse: c.value.Dse, Pse: c.value.Pse, Cse: c.value.Cse }))
        : null,
    [grid],
  );
  return useMemo(() => {
    if (!on || !grid || !family) return null;
    const r = readDense(grid, lossRatios(pos));
    const how = r?.outside ? ' (grid edge)' : r?.kind === 'interpolated' ? ' (interpolated)' : r?.kind === 'nearest' ? ' (nearest evaluated)' : '';
    const label = `α=${pos.alpha} β=${pos.beta} γ=${pos.gamma}${how}`;
    return { family, marker: r ? { D: r.value.D, P: r.value.P ?? NaN, C: r.value.C, label } : null };
  }, [on, grid, family, pos]);
}
