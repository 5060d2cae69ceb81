import { useMemo } from 'react';
import { profilesFigure, type ProfileSeries } from '../../../plots/figures/profiles';
import { Plot } from '../../../plots/Plot';
import type { ToyModelResult } from '../../../workers/toyProtocol';
import { usePalette } from '../../usePalette';

/** How many levels of the fixed constraint each profile plot shows. */
const LEVELS = 5;

/**
 * Grid indices of the levels, quadratically spaced: the profiles change most
 * near the small end of each axis (close to the infeasible edge) and are
 * often identical near the large end.
 */
function levelIndices(n: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= LEVELS; k++) out.push(Math.round((n - 1) * (k / LEVELS) ** 2));
  return out;
}

/** The profiles are rows and columns of the exact C_lin grid, so no extra solve is needed. */
export function profileSeries(
  surface: ToyModelResult['surface'],
  along: 'd' | 'p',
  pTitle: string,
): ProfileSeries {
  const { d, p, c } = surface;
  if (along === 'd') {
    const idx = levelIndices(p.length);
    return {
      x: d,
      levels: idx.map((j) => p[j]),
      c: idx.map((j) => d.map((_, i) => c[i][j])),
      xTitle: 'D (max MSE)',
      levelName: 'P',
    };
  }
  const idx = levelIndices(d.length);
  return {
    x: p,
    levels: idx.map((i) => d[i]),
    c: idx.map((i) => Array.from(c[i])),
    xTitle: pTitle,
    levelName: 'D',
  };
}

interface Props {
  surface: ToyModelResult['surface'] | null;
  D: number;
  P: number;
  pTitle: string;
}

export function ProfilesPlots({ surface, D, P, pTitle }: Props) {
  const pal = usePalette();
  // Series depend on the grid only, so moving D or P moves just the guide line.
  const byD = useMemo(() => (surface ? profileSeries(surface, 'd', pTitle) : null), [surface, pTitle]);
  const byP = useMemo(() => (surface ? profileSeries(surface, 'p', pTitle) : null), [surface, pTitle]);
  const figD = useMemo(() => (byD ? profilesFigure(byD, D, pal, 'profiles-d') : null), [byD, D, pal]);
  const figP = useMemo(() => (byP ? profilesFigure(byP, P, pal, 'profiles-p') : null), [byP, P, pal]);
  return (
    <>
      <Plot name="profiles-d" title={<>C_lin against D, several P</>} figure={figD} />
      <Plot name="profiles-p" title={<>C_lin against P, several D</>} figure={figP} />
    </>
  );
}
