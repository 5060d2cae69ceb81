export * from './schema';
export { encode, decode, sanitizeValue, permalinkUrl, describeIgnored } from './permalink';
export type { Decoded, Ignored } from './permalink';
export { useToyStore, createToyStore, selectToyState } from './toyStore';
export type { ToyStore, ToyStoreApi } from './toyStore';
export { startUrlSync } from './urlSync';
export { useThemeStore, startTheme, resolveTheme, nextTheme } from './theme';
export type { ResolvedTheme } from './theme';
