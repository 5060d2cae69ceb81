import { describe, expect, it } from 'vitest';
import { nextDragging, type DragInput } from './dragState';

const run = (events: DragInput[], from = false) => events.reduce(nextDragging, from);

describe('nextDragging', () => {
  it('a pointer held on a range input is a drag until it is released or cancelled', () => {
    expect(run([{ type: 'pointerdown', onRange: true }])).toBe(true);
    expect(run([{ type: 'pointerdown', onRange: true }, { type: 'pointerup', onRange: false }])).toBe(false);
    expect(run([{ type: 'pointerdown', onRange: true }, { type: 'pointercancel', onRange: true }])).toBe(false);
    expect(run([{ type: 'pointerdown', onRange: true }, { type: 'blur', onRange: false }])).toBe(false);
  });

  it('a pointer pressed anywhere else is not a drag, and ends one the window missed the end of', () => {
    expect(run([{ type: 'pointerdown', onRange: false }])).toBe(false);
    expect(run([{ type: 'pointerdown', onRange: false }], true)).toBe(false);
  });

  it('a single key press steps without starting a drag', () => {
    expect(run([{ type: 'keydown', onRange: true, repeat: false }])).toBe(false);
    expect(run([{ type: 'keydown', onRange: true, repeat: false }, { type: 'keyup', onRange: true }])).toBe(false);
  });

  it('a held key that repeats on a range input is a drag until any key goes up', () => {
    const held: DragInput[] = [
      { type: 'keydown', onRange: true, repeat: false },
      { type: 'keydown', onRange: true, repeat: true },
    ];
    expect(run(held)).toBe(true);
    expect(run([...held, { type: 'keydown', onRange: true, repeat: true }])).toBe(true);
    expect(run([...held, { type: 'keyup', onRange: true }])).toBe(false);
    expect(run([...held, { type: 'blur', onRange: false }])).toBe(false);
  });

  it('keys repeating outside a range input (typing in a box) are no drag', () => {
    expect(run([{ type: 'keydown', onRange: false, repeat: true }])).toBe(false);
  });

  it('a key press during a pointer drag does not end it; other events change nothing', () => {
    expect(run([{ type: 'keydown', onRange: true, repeat: false }], true)).toBe(true);
    expect(run([{ type: 'pointermove', onRange: true }], true)).toBe(true);
    expect(run([{ type: 'pointermove', onRange: true }], false)).toBe(false);
  });
});
