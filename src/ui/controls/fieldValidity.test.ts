import { describe, expect, it } from 'vitest';
import { anyInvalid, reportValidity, useFieldValidity } from './fieldValidity';

describe('field validity', () => {
  it('holds a form back while any of its boxes is invalid, and only that form', () => {
    reportValidity('xp-batch')(false);
    reportValidity('train-batch')(true);
    expect(anyInvalid(useFieldValidity.getState().invalid, 'xp-')).toBe(true);
    expect(anyInvalid(useFieldValidity.getState().invalid, 'train-')).toBe(false);
    reportValidity('xp-batch')(true);
    expect(anyInvalid(useFieldValidity.getState().invalid, 'xp-')).toBe(false);
  });
});
