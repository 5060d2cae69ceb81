/**
 * A Web Lock per running sweep ("cdp-lab-sweep:<id>"): another tab that
 * opens the app sees the sweep is alive and does not mark it interrupted.
 * Where the Locks API is missing the functions degrade to no locking.
 */

const PREFIX = 'cdp-lab-sweep:';

interface LockManagerLike {
  request(name: string, cb: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function locks(): LockManagerLike | null {
  const l = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return l ?? null;
}

export function withSweepLock(id: string, fn: () => Promise<void>): Promise<void> {
  const l = locks();
  return l ? l.request(PREFIX + id, fn) : fn();
}

/** Ids of sweeps some tab holds the lock of right now. */
export async function heldSweepIds(): Promise<Set<string>> {
  const l = locks();
  if (!l) return new Set();
  const q = await l.query();
  return new Set((q.held ?? []).map((h) => h.name ?? '').filter((n) => n.startsWith(PREFIX)).map((n) => n.slice(PREFIX.length)));
}
