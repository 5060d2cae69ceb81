import type { PresetId } from './config';

/**
 * Sweeps shipped with the app (public/precomputed/, README there): real
 * sweeps of the presets at the browser budget, trained once in headless
 * Chromium by `npm run sweep` and exported in the experiment file format.
 * The Experiments view opens on the selected preset's one when nothing else
 * is open, and the tour's last step shows Exp-1's; a visitor who hides one
 * keeps it hidden (the local key `hiddenSweeps`, src/state/schema.ts).
 */
export interface ShippedSweep {
  readonly preset: Exclude<PresetId, 'custom'>;
  /** The experiment id inside the file (fixed, so a re-import is recognised). */
  readonly id: string;
  /** Path under the app's base URL. */
  readonly file: string;
}

export const SHIPPED_SWEEPS = [
  { preset: 'exp1', id: 'precomputed-exp1-mnist', file: 'precomputed/exp1-mnist-denoise.json' },
  { preset: 'exp2', id: 'shipped-exp2-mnist', file: 'precomputed/exp2-mnist-denoise-cnn1.json' },
  { preset: 'exp3', id: 'shipped-exp3-mnist', file: 'precomputed/exp3-mnist-denoise-cnn2.json' },
  { preset: 'exp4', id: 'shipped-exp4-mnist', file: 'precomputed/exp4-mnist-sr-cnn1.json' },
] as const satisfies readonly ShippedSweep[];

export type ShippedSweepId = (typeof SHIPPED_SWEEPS)[number]['id'];
export const SHIPPED_SWEEP_IDS: readonly ShippedSweepId[] = SHIPPED_SWEEPS.map((s) => s.id);

export function shippedSweepFor(preset: PresetId): ShippedSweep | undefined {
  return SHIPPED_SWEEPS.find((s) => s.preset === preset);
}

export function isShippedSweepId(id: string | null | undefined): id is ShippedSweepId {
  return SHIPPED_SWEEP_IDS.includes(id as ShippedSweepId);
}

/** The file's text from this app's own origin (or the offline precache). */
export async function fetchShippedSweep(s: ShippedSweep, base: string): Promise<string> {
  const url = `${base.replace(/\/?$/, '/')}${s.file}`;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the shipped sweep could not be loaded (${url}: HTTP ${r.status})`);
  return r.text();
}
