import { create } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { sanitizeValue } from './permalink';
import { DEFAULT_TOY_STATE, PERMALINK_KEYS, type ToyState } from './schema';

/** Notices shown at most at once; older ones drop off so a looping hash cannot grow the list. */
const MAX_NOTICES = 5;

export interface ToyActions {
  /** Sets one key; the value is clamped into its range like a decoded link would be. */
  set<K extends keyof ToyState>(key: K, value: ToyState[K]): void;
  /** Replaces the whole permalinked state (presets, decoded links). */
  replaceAll(state: ToyState): void;
  reset(): void;
  /** Transient messages (what a link ignored); never stored in the link. */
  notices: string[];
  pushNotice(message: string): void;
  dismissNotice(index: number): void;
}

export type ToyStore = ToyState & ToyActions;
export type ToyStoreApi = StoreApi<ToyStore>;

/** The permalinked part of the store, as a plain object. */
export function selectToyState(s: ToyState): ToyState {
  const out: Record<string, unknown> = {};
  for (const key of PERMALINK_KEYS) out[key] = s[key];
  return out as ToyState;
}

function sanitizeAll(state: ToyState): ToyState {
  const out: Record<string, unknown> = {};
  for (const key of PERMALINK_KEYS) out[key] = sanitizeValue(key, state[key]);
  return out as ToyState;
}

function initializer(
  set: StoreApi<ToyStore>['setState'],
  get: StoreApi<ToyStore>['getState'],
): ToyStore {
  return {
    ...DEFAULT_TOY_STATE,
    notices: [],
    set(key, value) {
      const v = sanitizeValue(key, value);
      if (Object.is(get()[key], v)) return;
      set({ [key]: v } as Partial<ToyStore>);
    },
    replaceAll(state) {
      set(sanitizeAll(state));
    },
    reset() {
      set({ ...DEFAULT_TOY_STATE });
    },
    pushNotice(message) {
      set({ notices: [...get().notices, message].slice(-MAX_NOTICES) });
    },
    dismissNotice(index) {
      set({ notices: get().notices.filter((_, i) => i !== index) });
    },
  };
}

/** A fresh, independent store (tests, embedding). */
export function createToyStore(): ToyStoreApi {
  return createStore<ToyStore>()((set, get) => initializer(set, get));
}

/** The app's explorer store. */
export const useToyStore = create<ToyStore>()((set, get) => initializer(set, get));
