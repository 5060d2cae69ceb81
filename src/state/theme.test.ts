import { describe, expect, it } from 'vitest';
import { loadThemeSetting, nextTheme, resolveTheme, saveThemeSetting } from './theme';

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('theme', () => {
  it('resolves auto from the OS preference and keeps explicit choices', () => {
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('cycles auto -> light -> dark -> auto', () => {
    expect([nextTheme('auto'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'auto']);
  });

  it('persists and validates the stored setting', () => {
    const s = memoryStorage();
    expect(loadThemeSetting(s)).toBe('auto');
    saveThemeSetting('dark', s);
    expect(loadThemeSetting(s)).toBe('dark');
    expect(loadThemeSetting(memoryStorage({ 'cdp-lab:theme': 'neon' }))).toBe('auto');
    expect(loadThemeSetting({ getItem: () => { throw new Error('denied'); } })).toBe('auto');
    expect(() => saveThemeSetting('light', { setItem: () => { throw new Error('quota'); } })).not.toThrow();
    expect(loadThemeSetting(null)).toBe('auto');
  });
});
