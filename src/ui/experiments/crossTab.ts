import { liveQuery } from 'dexie';
import type { StoreApi } from 'zustand';
import { heldSweepIds } from '../../experiments/sweep/locks';
import type { SweepRunner } from '../../experiments/sweep/runner';
import { onStopRequest, stoppedHere } from '../../experiments/sweep/tabChannel';
import { HIDDEN_SWEEPS_KEY, loadHiddenSweeps } from '../../state/hiddenSweeps';
import { experimentsDb } from './services';
import type { ExperimentsStore } from './store';

/**
 * Keeps this tab's view of the saved sweeps in step with other tabs: dexie's
 * live queries fire on writes from any tab of the origin, the sweeps' Web
 * Locks say which are running elsewhere, stop requests arrive on a
 * BroadcastChannel, and hidden shipped sweeps on the storage event.
 */

let following = false;
/** Ids this tab deleted itself: their disappearance is not news from another tab. */
const localDeletes = new Set<string>();

export function noteLocalDelete(id: string): void {
  localDeletes.add(id);
}

export function followOtherTabs(store: StoreApi<ExperimentsStore>, runner: () => SweepRunner): void {
  if (following) return;
  following = true;
  const db = experimentsDb();
  liveQuery(async () => {
    await db.experiments.toArray();
    return db.points.count();
  }).subscribe({
    next: () => void afterChange(store, runner),
    // The list stays as last read; refresh() reports read errors.
    error: () => {},
  });
  onStopRequest((r) => {
    const rn = runner();
    if (rn.busy && rn.snapshot().experimentId === r.id) void rn.cancel(stoppedHere(r.why)).then(() => store.getState().refresh());
  });
  globalThis.addEventListener?.('storage', (ev: StorageEvent) => {
    if (ev.key === HIDDEN_SWEEPS_KEY || ev.key === null) store.setState({ hiddenShipped: loadHiddenSweeps() });
  });
}

async function afterChange(store: StoreApi<ExperimentsStore>, runner: () => SweepRunner): Promise<void> {
  const s = store.getState();
  await s.refresh();
  const { openId, bundle, saved } = store.getState();
  if (openId === null || !bundle) return;
  const row = saved.find((x) => x.experiment.id === openId);
  if (!row) {
    if (localDeletes.has(openId) || (runner().busy && runner().snapshot().experimentId === openId)) return;
    await s.open(null);
    store.setState({ message: { kind: 'error', text: `“${bundle.experiment.name}” was deleted in another tab.` } });
    return;
  }
  if (row.experiment.updatedAt !== bundle.experiment.updatedAt || row.done + row.failed !== bundle.points.length || row.experiment.sweep !== bundle.experiment.sweep)
    await s.reloadIf(openId);
}

/** Which saved sweeps other tabs run, and how much this site stores: refreshed with the list. */
export async function tabState(runner: SweepRunner | null): Promise<{ elsewhere: string[]; storage: { usage: number; quota: number } | null }> {
  const held = await heldSweepIds().catch(() => new Set<string>());
  const mine = runner?.busy ? runner.snapshot().experimentId : null;
  // Only a tab that holds a lock it is not waiting for runs the sweep; this tab's own is not "elsewhere".
  const elsewhere = [...held].filter((id) => id !== mine || runner?.snapshot().state === 'waiting');
  let storage: { usage: number; quota: number } | null = null;
  try {
    const e = await globalThis.navigator?.storage?.estimate?.();
    if (e && typeof e.usage === 'number' && typeof e.quota === 'number') storage = { usage: e.usage, quota: e.quota };
  } catch {
    // No estimate in this browser: none shown.
  }
  return { elsewhere, storage };
}

let asked = false;

/** Before the first sweep: ask the browser not to evict saved sweeps under storage pressure. */
export async function askPersistence(): Promise<void> {
  if (asked) return;
  asked = true;
  try {
    const s = globalThis.navigator?.storage;
    if (s?.persisted && !(await s.persisted())) await s.persist?.();
  } catch {
    // Refused or unsupported: sweeps are saved all the same, only evictable.
  }
}
