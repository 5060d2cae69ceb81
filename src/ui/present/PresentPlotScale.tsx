import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { PlotScaleContext, UNIT_SCALE } from '../../plots/scale';
import { useToyStore } from '../../state/toyStore';
import { presentScale } from './viewportScale';

export { PRESENT_SCALE } from './viewportScale';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}
// One string so that React sees an unchanged snapshot between resizes of equal size.
const viewport = () => `${window.innerWidth}x${window.innerHeight}`;

export function PresentPlotScale({ children }: { children: ReactNode }) {
  const present = useToyStore((s) => s.present);
  const size = useSyncExternalStore(subscribe, viewport, () => '1280x720');
  const scale = useMemo(() => {
    const [w, h] = size.split('x').map(Number);
    return presentScale(w, h);
  }, [size]);
  return <PlotScaleContext value={present ? scale : UNIT_SCALE}>{children}</PlotScaleContext>;
}
