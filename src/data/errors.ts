/** What went wrong with which file; the message is meant to be shown as is. */
export type DataErrorKind = 'index' | 'manifest' | 'missing' | 'size' | 'hash' | 'format' | 'network';

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
  }
}

export function formatBytes(n: number): string {
  return n.toLocaleString('en-US') + ' bytes';
}
