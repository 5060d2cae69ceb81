import { useMemo } from 'react';
import { profilesFigure, type ProfileSeries } from '../../../plots/figures/profiles';
import { Plot } from '../../../plots/Plot';
import type { ToyModelResult } from '../../../workers/toyProtocol';
import { usePalette } from '../../usePalette';
import { HeldNote, useDragHold } from './dragHold';

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
  // Held while a slider is dragged, like the surface: each new grid redraws
  // both charts whole, and on a busy machine those redraws queue behind the
  // drag (seconds of lag) and block it. Each chart holds on what it shows, so
  // a P drag leaves the C-against-D chart live and unmarked.
  const inD = useMemo(() => (surface ? { surface, at: D, pTitle } : null), [surface, D, pTitle]);
  const inP = useMemo(() => (surface ? { surface, at: P, pTitle } : null), [surface, P, pTitle]);
  const d = useDragHold(inD);
  const p = useDragHold(inP);
  // Series depend on the grid only, so moving D or P moves just the guide line.
  const gridD = d.shown?.surface ?? null;
  const gridP = p.shown?.surface ?? null;
  const titleD = d.shown?.pTitle ?? pTitle;
  const titleP = p.shown?.pTitle ?? pTitle;
  const byD = useMemo(() => (gridD ? profileSeries(gridD, 'd', titleD) : null), [gridD, titleD]);
  const byP = useMemo(() => (gridP ? profileSeries(gridP, 'p', titleP) : null), [gridP, titleP]);
  const dAt = d.shown?.at ?? D;
  const pAt = p.shown?.at ?? P;
  const figD = useMemo(() => (byD ? profilesFigure(byD, dAt, pal, 'profiles-d') : null), [byD, dAt, pal]);
  const figP = useMemo(() => (byP ? profilesFigure(byP, pAt, pal, 'profiles-p') : null), [byP, pAt, pal]);
  return (
    <>
      <Plot
        name="profiles-d"
        title={
          <>
            C_lin against D, several P
            <HeldNote name="profiles-d" held={d.held} />
          </>
        }
        figure={figD}
      />
      <Plot
        name="profiles-p"
        title={
          <>
            C_lin against P, several D
            <HeldNote name="profiles-p" held={p.held} />
          </>
        }
        figure={figP}
      />
    </>
  );
}
