/**
 * What a failed IndexedDB write tells the user. Dexie wraps the browser's
 * error (an AbortError of the transaction whose `inner` is the
 * QuotaExceededError), so the whole chain is looked at.
 */

function chain(e: unknown): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const o = cur as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown };
    out.push({ name: String(o.name ?? ''), message: String(o.message ?? '') });
    cur = o.inner ?? o.cause;
  }
  return out;
}

/** The browser refused the write because this site's storage quota is used up. */
export function isQuotaError(e: unknown): boolean {
  return chain(e).some((x) => /QuotaExceeded/i.test(x.name) || /quota/i.test(x.message));
}

export const STORAGE_FULL = 'storage is full (this browser’s quota for the site is used up)';
export const FREE_SPACE = 'free space (export, then delete saved sweeps, or clear other site data)';

/** The cause of a failed write, in words: the quota by name, else the browser's message. */
export function writeCause(e: unknown): string {
  if (isQuotaError(e)) return STORAGE_FULL;
  const inner = chain(e).filter((x) => x.message).pop();
  return inner?.message || String(e);
}

/** "Could not <what>: <cause>; nothing was saved" for writes that leave the store as it was. */
export function writeFailure(what: string, e: unknown): string {
  const cause = writeCause(e);
  return isQuotaError(e) ? `Could not ${what}: ${cause}. Nothing was changed; ${FREE_SPACE} and try again.` : `Could not ${what}: ${cause}.`;
}
