import { SHIPPED_SWEEPS } from '../../experiments/shipped';

/**
 * The shipped Exp-1 sweep (src/experiments/shipped.ts, public/precomputed/):
 * the tour's last step shows it when this browser has trained nothing, so a
 * lecturer's first projection has a sweep to show.
 */
export const PRECOMPUTED_SWEEP = SHIPPED_SWEEPS.find((s) => s.preset === 'exp1')!;
