import { createCodec, type Decoded } from './codec';
import { KEYS, type ToyState } from './schema';

// The app's permalink codec: `v=1&view=toy&p1=0.7&...` in the URL hash.
// Numbers are written with String(x), which round-trips every double exactly.

const codec = createCodec(KEYS);

export type { Decoded, Ignored } from './codec';
export { describeIgnored, MAX_HASH_LENGTH, PERMALINK_VERSION } from './codec';

/** The hash text (without '#') for a state; only keys whose storage is 'permalink'. */
export function encode(state: ToyState): string {
  return codec.encode(state);
}

/**
 * Reads a hash (with or without '#'); never throws. Bad values are clamped or
 * replaced by their default, and every such decision is listed in `ignored`.
 */
export function decode(hash: string): Decoded<ToyState> {
  return codec.decode(hash);
}

/** Coerces one value as decode would (clamp into range, else default). */
export function sanitizeValue<K extends keyof ToyState>(key: K, value: unknown): ToyState[K] {
  return codec.sanitize(key, value).value;
}

/** A full link to `state` on the page at `base` (e.g. location.href). */
export function permalinkUrl(state: ToyState, base: string): string {
  const i = base.indexOf('#');
  return `${i < 0 ? base : base.slice(0, i)}#${encode(state)}`;
}
