import { useMemo } from 'react';
import type { ToyParams } from '../../math';
import { useToyStore } from '../../state';

/** The toy's model parameters as one object whose identity changes only with a value. */
export function useToyParams(): ToyParams {
  const p1 = useToyStore((s) => s.p1);
  const mu1 = useToyStore((s) => s.mu1);
  const mu2 = useToyStore((s) => s.mu2);
  const sigmaX = useToyStore((s) => s.sigmaX);
  const sigmaN = useToyStore((s) => s.sigmaN);
  return useMemo(() => ({ p1, mu1, mu2, sigmaX, sigmaN }), [p1, mu1, mu2, sigmaX, sigmaN]);
}
