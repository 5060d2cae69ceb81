import type { z } from 'zod';
import {
  canonicalList,
  defaultsFor,
  keysWith,
  zodFor,
  zodObjectFor,
  type KeyDef,
  type KeyTable,
  type StateOf,
} from './keyTable';

// The hash codec, generic over a key table so tests can drive it with
// synthetic tables (booleans, integers) that the app table has not needed yet.

export const PERMALINK_VERSION = '1';
/** Hashes longer than this are dropped whole: nothing we write comes close. */
export const MAX_HASH_LENGTH = 4096;
/** Longest key name quoted back in a notice, so garbage cannot flood the UI. */
const MAX_QUOTED = 40;

export interface Ignored {
  key: string;
  reason: string;
}

export interface Decoded<S> {
  state: S;
  ignored: Ignored[];
}

export interface Codec<S> {
  encode(state: S): string;
  decode(hash: string): Decoded<S>;
  /** Coerces one value the way decode does (clamp/round/default); for stores and inputs. */
  sanitize<K extends keyof S & string>(key: K, value: unknown): { value: S[K]; reason: string | null };
  schema: z.ZodType<S>;
  defaults: Readonly<S>;
}

// Plain decimal literals only: Number() alone would also accept '', ' 1 ',
// '0x10', '0b1' and 'Infinity', none of which we ever write.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function quote(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > MAX_QUOTED ? `${clean.slice(0, MAX_QUOTED)}…` : clean;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function encodeNumber(x: number): string {
  // String(-0) is "0"; keep the sign so the round trip is exact.
  return Object.is(x, -0) ? '-0' : String(x);
}

type Parsed = { value: unknown; reason: string | null } | { value: undefined; reason: string };

/** Turns one raw string into a typed candidate, or explains why it cannot. */
function parseRaw(def: KeyDef, raw: string): Parsed {
  switch (def.kind) {
    case 'number':
      if (!DECIMAL.test(raw)) return { value: undefined, reason: `not a number` };
      return { value: Number(raw), reason: null };
    case 'boolean':
      if (raw === '1' || raw === 'true') return { value: true, reason: null };
      if (raw === '0' || raw === 'false') return { value: false, reason: null };
      return { value: undefined, reason: 'not 0 or 1' };
    case 'enum':
    case 'text':
      return { value: raw, reason: null };
    case 'list':
      // Blanks around commas are forgiven (links get typed by hand).
      return { value: raw.split(',').map((x) => x.trim()).filter((x) => x !== ''), reason: null };
  }
}

/** Most unknown list names quoted back in one notice. */
const MAX_LIST_QUOTED = 5;

function listText(values: readonly string[]): string {
  // Commas stay literal so a link reads `hide=mu1,mu2`.
  return values.map(encodeURIComponent).join(',');
}

function fmt(x: number): string {
  return encodeNumber(x);
}

/**
 * Validates a candidate with the key's zod schema; numbers outside the range
 * are clamped (and integers rounded), anything else falls back to the default.
 */
function coerce(def: KeyDef, candidate: unknown): { value: unknown; reason: string | null } {
  const schema = zodFor(def);
  if (schema.safeParse(candidate).success) return { value: candidate, reason: null };
  if (def.kind === 'list' && Array.isArray(candidate)) {
    // Order and repeats are spelling, not errors; names outside the list are.
    const { value, unknown } = canonicalList(def.values, candidate);
    if (unknown.length === 0) return { value, reason: null };
    const names = unknown.slice(0, MAX_LIST_QUOTED).map(quote).join(', ');
    const more = unknown.length > MAX_LIST_QUOTED ? ` and ${unknown.length - MAX_LIST_QUOTED} more` : '';
    return { value, reason: `unknown name${unknown.length > 1 ? 's' : ''} ${names}${more} ignored (known: ${def.values.join(', ')})` };
  }
  if (def.kind === 'number' && typeof candidate === 'number' && !Number.isNaN(candidate)) {
    let v = Math.min(def.max, Math.max(def.min, candidate));
    if (def.integer) v = Math.min(def.max, Math.max(def.min, Math.round(v)));
    if (schema.safeParse(v).success) {
      const what = v !== candidate && (candidate < def.min || candidate > def.max) ? 'out of range' : 'not an integer';
      return { value: v, reason: `${what} [${fmt(def.min)}, ${fmt(def.max)}], clamped to ${fmt(v)}` };
    }
  }
  if (def.kind === 'text') return { value: def.default, reason: 'malformed, ignored' };
  const shown = def.kind === 'enum' ? `not one of ${def.values.join(', ')}` : 'invalid';
  return { value: def.default, reason: `${shown}, default ${String(def.default)} used` };
}

/** A value as written in a link, already percent-encoded. */
function valueText(def: KeyDef, value: unknown): string {
  if (def.kind === 'list') return listText(value as readonly string[]);
  if (typeof value === 'number') return encodeURIComponent(encodeNumber(value));
  if (typeof value === 'boolean') return value ? '1' : '0';
  return encodeURIComponent(String(value));
}

export function createCodec<T extends KeyTable>(table: T): Codec<StateOf<T, 'permalink'>> {
  type S = StateOf<T, 'permalink'>;
  const keys = keysWith(table, 'permalink');
  const keySet = new Set<string>(keys);
  const schema = zodObjectFor(table, 'permalink');
  const defaults = Object.freeze(defaultsFor(table, 'permalink'));

  function encode(state: S): string {
    const parts = [`v=${PERMALINK_VERSION}`];
    for (const key of keys) {
      const def = table[key];
      const text = valueText(def, (state as Record<string, unknown>)[key]);
      if (def.sparse && text === valueText(def, def.default)) continue;
      parts.push(`${encodeURIComponent(key)}=${text}`);
    }
    return parts.join('&');
  }

  function decode(hashIn: string): Decoded<S> {
    const state: Record<string, unknown> = { ...defaults };
    const ignored: Ignored[] = [];
    let hash = typeof hashIn === 'string' ? hashIn : '';
    if (hash.startsWith('#')) hash = hash.slice(1);
    if (hash.length === 0) return { state: state as S, ignored };
    if (hash.length > MAX_HASH_LENGTH) {
      ignored.push({ key: '(link)', reason: `too long (${hash.length} characters); all defaults used` });
      return { state: state as S, ignored };
    }

    const seen = new Set<string>();
    let version: string | null = null;
    for (const pair of hash.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
      const key = safeDecode(rawKey);
      if (key === null) {
        ignored.push({ key: quote(rawKey), reason: 'malformed percent-encoding' });
        continue;
      }
      if (key === 'v') {
        if (version !== null) ignored.push({ key: 'v', reason: 'duplicate key; first value kept' });
        else version = safeDecode(rawValue) ?? rawValue;
        continue;
      }
      if (!keySet.has(key)) {
        const def = Object.hasOwn(table, key) ? table[key] : undefined;
        ignored.push({ key: quote(key), reason: def ? 'not stored in links' : 'unknown key' });
        continue;
      }
      if (seen.has(key)) {
        ignored.push({ key, reason: 'duplicate key; first value kept' });
        continue;
      }
      seen.add(key);
      const def = table[key];
      const value = safeDecode(rawValue);
      if (value === null) {
        state[key] = def.default;
        ignored.push({ key, reason: `malformed percent-encoding, default ${String(def.default)} used` });
        continue;
      }
      const parsed = parseRaw(def, value);
      if (parsed.value === undefined) {
        state[key] = def.default;
        ignored.push({ key, reason: `${parsed.reason}, default ${String(def.default)} used` });
        continue;
      }
      const { value: v, reason } = coerce(def, parsed.value);
      state[key] = v;
      if (reason) ignored.push({ key, reason });
    }

    if (version === null) {
      ignored.unshift({ key: 'v', reason: `missing version; read as v=${PERMALINK_VERSION}` });
    } else if (version !== PERMALINK_VERSION) {
      ignored.unshift({ key: 'v', reason: `unknown version ${quote(version)}; read as v=${PERMALINK_VERSION}` });
    }
    return { state: state as S, ignored };
  }

  function sanitize<K extends keyof S & string>(key: K, value: unknown): { value: S[K]; reason: string | null } {
    const def = table[key];
    return coerce(def, value) as { value: S[K]; reason: string | null };
  }

  return { encode, decode, sanitize, schema, defaults };
}

/** One line naming what a decode ignored, for the notice. */
export function describeIgnored(ignored: readonly Ignored[], max = 12): string {
  const shown = ignored.slice(0, max).map((i) => `${i.key}: ${i.reason}`);
  const more = ignored.length > max ? `; and ${ignored.length - max} more` : '';
  return `Link partly ignored: ${shown.join('; ')}${more}.`;
}
