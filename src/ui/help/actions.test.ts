import { describe, expect, it } from 'vitest';
import { hasViewAction, registerViewAction, runViewAction } from './actions';

describe('view actions (space = play/pause)', () => {
  it('runs the registered handler while registered, and only the latest one', () => {
    expect(hasViewAction('playPause')).toBe(false);
    expect(runViewAction('playPause')).toBe(false);
    const calls: string[] = [];
    const offA = registerViewAction('playPause', () => calls.push('a'));
    const offB = registerViewAction('playPause', () => calls.push('b'));
    expect(runViewAction('playPause')).toBe(true);
    // A stale unregister (view A unmounting after B mounted) leaves B in place.
    offA();
    expect(runViewAction('playPause')).toBe(true);
    offB();
    expect(hasViewAction('playPause')).toBe(false);
    expect(calls).toEqual(['b', 'b']);
  });
});
