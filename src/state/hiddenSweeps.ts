import type { ShippedSweepId } from '../experiments/shipped';
import { DEFAULT_LOCAL_STATE, KEYS, LocalStateSchema } from './schema';

/**
 * The shipped sweeps this visitor hid (deleted from the saved list): kept in
 * localStorage so a reload does not bring them back; restorable from the
 * Experiments view. Anything unreadable reads as none hidden.
 */
export const HIDDEN_SWEEPS_KEY = 'cdp-lab:hidden-sweeps';
const STORAGE_KEY = HIDDEN_SWEEPS_KEY;

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function safeLocalStorage(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadHiddenSweeps(storage: Store | null = safeLocalStorage()): ShippedSweepId[] {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return [...KEYS.hiddenSweeps.default];
    const list = (JSON.parse(raw) as unknown[]).filter((x) => KEYS.hiddenSweeps.values.includes(x as ShippedSweepId));
    // Table order, no duplicates: what the schema calls canonical.
    const canonical = KEYS.hiddenSweeps.values.filter((v) => list.includes(v));
    const parsed = LocalStateSchema.safeParse({ ...DEFAULT_LOCAL_STATE, hiddenSweeps: canonical });
    return parsed.success ? [...parsed.data.hiddenSweeps] : [];
  } catch {
    return [];
  }
}

export function saveHiddenSweeps(ids: readonly ShippedSweepId[], storage: Store | null = safeLocalStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(KEYS.hiddenSweeps.values.filter((v) => ids.includes(v))));
  } catch {
    // Private mode or a full quota: the choice holds until the tab closes.
  }
}

/**
 * Reads the list as stored now, changes it and writes it back: another tab's
 * hide or restore since this tab loaded survives (per id, not last write
 * wins on the whole list). Returns the list now stored.
 */
export function updateHiddenSweeps(
  change: (current: ShippedSweepId[]) => readonly ShippedSweepId[],
  storage: Store | null = safeLocalStorage(),
): ShippedSweepId[] {
  const next = KEYS.hiddenSweeps.values.filter((v) => change(loadHiddenSweeps(storage)).includes(v));
  saveHiddenSweeps(next, storage);
  return next;
}
