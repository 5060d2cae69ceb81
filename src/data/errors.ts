/** What went wrong with which file; the message is meant to be shown as is. */
export type DataErrorKind = 'index' | 'manifest' | 'missing' | 'size' | 'hash' | 'format' | 'network';

/**
 * The name a missing-data error carries. Errors cross the worker boundary
 * (comlink) as message and name only, so the name is what tells a sweep to
 * stop and stay continuable rather than fail its points.
 */
export const DATA_MISSING_ERROR = 'DataMissingError';

export class DataLoadError extends Error {
  override name = 'DataLoadError';
  constructor(
    readonly file: string,
    readonly kind: DataErrorKind,
    message: string,
    readonly expected?: string,
    readonly actual?: string,
  ) {
    super(message);
    if (kind === 'missing') this.name = DATA_MISSING_ERROR;
  }
}

/** True for a dataset file that is not there, also after the error crossed from a worker. */
export function isDataMissing(e: unknown): boolean {
  return e instanceof Error && e.name === DATA_MISSING_ERROR;
}

export function formatBytes(n: number): string {
  return n.toLocaleString('en-US') + ' bytes';
}
