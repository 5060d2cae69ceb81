import { create } from 'zustand';
import { DEFAULT_LOCAL_STATE, KEYS, LocalStateSchema, THEMES, type ThemeSetting } from './schema';

export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'cdp-lab:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(setting: ThemeSetting, prefersDark: boolean): ResolvedTheme {
  if (setting === 'auto') return prefersDark ? 'dark' : 'light';
  return setting;
}

/** The next setting for a single toggle button: auto -> light -> dark -> auto. */
export function nextTheme(setting: ThemeSetting): ThemeSetting {
  return THEMES[(THEMES.indexOf(setting) + 1) % THEMES.length];
}

/** Reads the stored setting; anything unreadable or invalid means the default. */
export function loadThemeSetting(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): ThemeSetting {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const parsed = LocalStateSchema.safeParse({ ...DEFAULT_LOCAL_STATE, theme: raw });
    return parsed.success ? parsed.data.theme : KEYS.theme.default;
  } catch {
    return KEYS.theme.default;
  }
}

export function saveThemeSetting(setting: ThemeSetting, storage: Pick<Storage, 'setItem'> | null = safeLocalStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, setting);
  } catch {
    // Private mode or a full quota: the theme just is not remembered.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

interface ThemeStore {
  setting: ThemeSetting;
  resolved: ResolvedTheme;
  setTheme(setting: ThemeSetting): void;
  /** auto -> light -> dark -> auto */
  cycle(): void;
}

export const useThemeStore = create<ThemeStore>()((set, get) => {
  const setting = loadThemeSetting();
  return {
    setting,
    resolved: resolveTheme(setting, prefersDark()),
    setTheme(next) {
      saveThemeSetting(next);
      set({ setting: next, resolved: resolveTheme(next, prefersDark()) });
    },
    cycle() {
      get().setTheme(nextTheme(get().setting));
    },
  };
});

/**
 * Applies the theme as `document.documentElement.dataset.theme` now and on
 * every change (setting or OS preference). Returns a stop function.
 */
export function startTheme(): () => void {
  const root = document.documentElement;
  const apply = () => {
    const { setting } = useThemeStore.getState();
    const resolved = resolveTheme(setting, prefersDark());
    root.dataset.theme = resolved;
    root.style.colorScheme = resolved;
    if (useThemeStore.getState().resolved !== resolved) useThemeStore.setState({ resolved });
  };
  apply();
  const unsubscribe = useThemeStore.subscribe((s, prev) => {
    if (s.setting !== prev.setting || root.dataset.theme !== s.resolved) apply();
  });
  const mq = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
  mq?.addEventListener('change', apply);
  return () => {
    unsubscribe();
    mq?.removeEventListener('change', apply);
  };
}
