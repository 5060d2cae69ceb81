import { describe, expect, it } from 'vitest';
import { focusKind, matchShortcut, SHORTCUTS, type FocusLike, type KeyContext } from './shortcuts';

const el = (tagName: string, extra: Partial<FocusLike> & { role?: string } = {}): FocusLike => ({
  tagName,
  ...extra,
  getAttribute: (n: string) => (n === 'role' ? (extra.role ?? null) : null),
});
const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});
const ctx = (c: Partial<KeyContext> = {}): KeyContext => ({
  focus: 'none',
  touring: false,
  present: false,
  dialogOpen: false,
  canPlayPause: false,
  views: 2,
  ...c,
});
const id = (k: string, c: Partial<KeyContext> = {}, mods = {}) => matchShortcut(key(k, mods), ctx(c))?.id ?? null;

describe('shortcut table', () => {
  it('gives every key to one shortcut only', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('classifies focus: typing fields, sliders, buttons', () => {
    expect(focusKind(null)).toBe('none');
    expect(focusKind(el('BODY'))).toBe('none');
    expect(focusKind(el('INPUT', { type: 'number' }))).toBe('text');
    expect(focusKind(el('INPUT'))).toBe('text');
    expect(focusKind(el('TEXTAREA'))).toBe('text');
    expect(focusKind(el('SELECT'))).toBe('text');
    expect(focusKind(el('DIV', { isContentEditable: true }))).toBe('text');
    expect(focusKind(el('INPUT', { type: 'range' }))).toBe('widget');
    expect(focusKind(el('DIV', { role: 'slider' }))).toBe('widget');
    expect(focusKind(el('INPUT', { type: 'checkbox' }))).toBe('toggle');
    expect(focusKind(el('INPUT', { type: 'radio' }))).toBe('toggle');
    expect(focusKind(el('DIV', { role: 'switch' }))).toBe('toggle');
    expect(focusKind(el('INPUT', { type: 'submit' }))).toBe('button');
    expect(focusKind(el('BUTTON'))).toBe('button');
    expect(focusKind(el('SUMMARY'))).toBe('button');
    expect(focusKind(el('H2'))).toBe('none');
  });
});

describe('which key does what where', () => {
  it('tour keys act only during the tour', () => {
    for (const k of ['ArrowRight', 'PageDown', 'ArrowLeft', 'PageUp', 'Home', 'End']) {
      expect(id(k)).toBeNull();
      expect(id(k, { touring: true })).not.toBeNull();
    }
    expect(id('ArrowRight', { touring: true })).toBe('next');
    expect(id('PageUp', { touring: true })).toBe('prev');
  });

  it('a focused slider keeps its arrows, page and home/end keys and space; letters still work there', () => {
    const c = { touring: true, focus: 'widget' as const, canPlayPause: true };
    for (const k of ['ArrowRight', 'ArrowLeft', 'PageDown', 'Home', 'End', ' ']) expect(id(k, c)).toBeNull();
    expect(id('t', c)).toBe('tour');
    expect(id('?', c)).toBe('help');
  });

  it('where a view plays and pauses, Space on a focused button plays or pauses (the button still answers Enter); arrows go to the tour', () => {
    const c = { touring: true, focus: 'button' as const, canPlayPause: true };
    expect(id(' ', c)).toBe('playPause');
    expect(id('ArrowRight', c)).toBe('next');
    expect(id(' ', { canPlayPause: true })).toBe('playPause');
  });

  it('without play/pause a focused button keeps Space, and a focused checkbox always does', () => {
    expect(id(' ', { focus: 'button', canPlayPause: false })).toBeNull();
    expect(id(' ', { focus: 'toggle', canPlayPause: true })).toBeNull();
    expect(id('ArrowRight', { focus: 'toggle', touring: true })).toBe('next');
  });

  it('typing, modifier keys and an open dialog turn every shortcut off', () => {
    for (const k of ['t', 'p', '?', 'Escape', '1', 'ArrowRight']) {
      expect(id(k, { focus: 'text', touring: true, present: true })).toBeNull();
      expect(id(k, { dialogOpen: true, touring: true, present: true })).toBeNull();
    }
    expect(id('c', {}, { ctrlKey: true })).toBeNull();
    expect(id('p', {}, { metaKey: true })).toBeNull();
    expect(id('t', {}, { altKey: true })).toBeNull();
  });

  it('Esc leaves the tour or presentation mode, and is left alone otherwise', () => {
    expect(id('Escape')).toBeNull();
    expect(id('Escape', { touring: true })).toBe('leave');
    expect(id('Escape', { present: true })).toBe('leave');
  });

  it('space only when a view offers play/pause; digits only up to the number of views', () => {
    expect(id(' ')).toBeNull();
    expect(id('1')).toBe('view');
    expect(id('2')).toBe('view');
    expect(id('3')).toBeNull();
    expect(id('3', { views: 4 })).toBe('view');
    expect(id('x')).toBeNull();
    expect(id('P')).toBe('present');
    expect(id('d')).toBe('theme');
  });
});
