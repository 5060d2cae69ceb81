import { describe, expect, it } from 'vitest';
import { isQuotaError, writeCause, writeFailure } from './writeErrors';

describe('write errors', () => {
  const quota = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }) });

  it('finds the quota error inside dexie’s abort and names it', () => {
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(new Error('no experiment x'))).toBe(false);
    expect(writeFailure('start the sweep', quota)).toBe(
      'Could not start the sweep: storage is full (this browser’s quota for the site is used up). Nothing was changed; free space (export, then delete saved sweeps, or clear other site data) and try again.',
    );
  });

  it('other errors keep the innermost message', () => {
    const e = Object.assign(new Error('Transaction aborted'), { inner: new Error('disk I/O error') });
    expect(writeCause(e)).toBe('disk I/O error');
    expect(writeFailure('delete it', e)).toBe('Could not delete it: disk I/O error.');
  });
});
