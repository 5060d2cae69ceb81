import type { ProgressBatch } from '../math/lp/session';

/** Key of the progress messages the LP worker posts beside comlink's replies (comlink ignores them: no id). */
export const BATCH_TAG = 'exactLpRun';

export interface BatchMessage {
  [BATCH_TAG]: number;
  batch: ProgressBatch;
}

export function isBatchMessage(data: unknown): data is BatchMessage {
  return typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>)[BATCH_TAG] === 'number';
}
