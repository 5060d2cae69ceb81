/**
 * A Web Lock per running job: "cdp-lab-sweep:<id>" for sweeps,
 * "cdp-lab-own:<id>" for a conditional model trained here (Train your own).
 * Another tab that opens the app sees the job is alive and does not mark it
 * interrupted. Where the Locks API is missing the functions degrade to no
 * locking.
 */

const PREFIX = 'cdp-lab-sweep:';
export const OWN_LOCK_PREFIX = 'cdp-lab-own:';

interface LockManagerLike {
  request(name: string, cb: () => Promise<void>): Promise<void>;
  request(name: string, options: { signal?: AbortSignal }, cb: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

function locks(): LockManagerLike | null {
  const l = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return l ?? null;
}

/** `signal` gives up waiting (the promise rejects with an AbortError); it does not end fn once it holds the lock. */
export function withNamedLock(prefix: string, id: string, fn: () => Promise<void>, signal?: AbortSignal): Promise<void> {
  const l = locks();
  return l ? (signal ? l.request(prefix + id, { signal }, fn) : l.request(prefix + id, fn)) : fn();
}

/** Ids of the jobs under `prefix` some tab holds the lock of right now. */
export async function heldLockIds(prefix: string): Promise<Set<string>> {
  const l = locks();
  if (!l) return new Set();
  const q = await l.query();
  return new Set((q.held ?? []).map((h) => h.name ?? '').filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)));
}

export function withSweepLock(id: string, fn: () => Promise<void>, signal?: AbortSignal): Promise<void> {
  return withNamedLock(PREFIX, id, fn, signal);
}

/** Ids of sweeps some tab holds the lock of right now. */
export function heldSweepIds(): Promise<Set<string>> {
  return heldLockIds(PREFIX);
}
