/**
 * Requests between tabs of this app about a sweep one of them runs: the
 * saved list itself follows the database (dexie's live queries see other
 * tabs' writes), but only the running tab can stop its own sweep. Where
 * BroadcastChannel is missing, nothing is sent and nothing arrives.
 */

export type StopWhy = 'deleted' | 'taken-over';

export interface StopRequest {
  readonly kind: 'stop';
  readonly id: string;
  readonly why: StopWhy;
}

const NAME = 'cdp-lab-sweeps';

function parse(data: unknown): StopRequest | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d.kind !== 'stop' || typeof d.id !== 'string' || (d.why !== 'deleted' && d.why !== 'taken-over')) return null;
  return { kind: 'stop', id: d.id, why: d.why };
}

let channel: BroadcastChannel | null | undefined;

function open(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NAME);
  return channel;
}

/** Asks whichever tab runs sweep `id` to stop it. */
export function requestStop(id: string, why: StopWhy): void {
  open()?.postMessage({ kind: 'stop', id, why } satisfies StopRequest);
}

/** Stop requests from other tabs (a channel never hears its own posts); returns the unsubscribe. */
export function onStopRequest(f: (r: StopRequest) => void): () => void {
  const c = open();
  if (!c) return () => {};
  const h = (ev: MessageEvent) => {
    const r = parse(ev.data);
    if (r) f(r);
  };
  c.addEventListener('message', h);
  return () => c.removeEventListener('message', h);
}

/** The message the running tab shows when it stops on a request. */
export function stoppedHere(why: StopWhy): string {
  return why === 'deleted'
    ? 'Sweep stopped: it was deleted in another tab (its saved points went with it).'
    : 'Sweep stopped here: another tab took it over and continues it; the points finished here are saved.';
}
