import { z } from 'zod';

// Generic machinery for a table of state keys. The concrete table lives in
// schema.ts; this file knows nothing about CDP Lab so the codec can be tested
// against small synthetic tables too.

/** Where a key's value lives: the URL hash, localStorage, or only in memory. */
export type Storage = 'permalink' | 'local' | 'transient';

interface KeyBase {
  label: string;
  storage: Storage;
  /** One-line help text for tooltips and the README. */
  help?: string;
  /**
   * Written to links only when it differs from its default, so display keys
   * (presentation mode, hidden controls) leave ordinary links unchanged.
   */
  sparse?: boolean;
}

export interface NumberKey extends KeyBase {
  kind: 'number';
  min: number;
  max: number;
  step: number;
  default: number;
  unit: string;
  /** Integer-valued (counts, seeds): fractional inputs are rounded. */
  integer?: boolean;
}

export interface EnumKey<V extends string = string> extends KeyBase {
  kind: 'enum';
  values: readonly V[];
  default: V;
  /** Human labels per value, e.g. for a <select>. */
  valueLabels?: Readonly<Record<V, string>>;
}

export interface BooleanKey extends KeyBase {
  kind: 'boolean';
  default: boolean;
}

/** A set of names from a fixed list, written comma-separated in table order (`hide=mu1,mu2`). */
export interface ListKey<V extends string = string> extends KeyBase {
  kind: 'list';
  values: readonly V[];
  default: readonly V[];
}

/**
 * Opaque text in a fixed alphabet, e.g. a compressed experiment config
 * (src/experiments/link.ts decodes and validates its content).
 */
export interface TextKey extends KeyBase {
  kind: 'text';
  /** The whole value must match (anchor it). */
  pattern: RegExp;
  maxLength: number;
  default: string;
}

export type KeyDef = NumberKey | EnumKey | BooleanKey | ListKey | TextKey;
export type KeyTable = Readonly<Record<string, KeyDef>>;

/** Value type of one key definition. */
export type ValueOf<D> =
  D extends TextKey
    ? string
    : D extends ListKey<infer V>
      ? readonly V[]
      : D extends EnumKey<infer V>
        ? V
        : D extends BooleanKey
          ? boolean
          : D extends NumberKey
            ? number
            : never;

/** Keys of a table with the given storage class. */
export type KeysWith<T extends KeyTable, S extends Storage> = {
  [K in keyof T]: T[K]['storage'] extends S ? K : never;
}[keyof T] &
  string;

/** The value record for the keys of a table with one storage class. */
export type StateOf<T extends KeyTable, S extends Storage> = {
  [K in KeysWith<T, S>]: ValueOf<T[K]>;
};

// Helpers that keep literal types (storage class, enum values) while reading
// like a table row; the literal storage is what lets StateOf pick keys apart.
export function num<const S extends Storage>(
  def: Omit<NumberKey, 'kind' | 'storage'> & { storage: S },
): NumberKey & { storage: S } {
  return { kind: 'number', ...def };
}
export function oneOf<const V extends string, const S extends Storage>(
  def: Omit<EnumKey<V>, 'kind' | 'storage'> & { storage: S },
): EnumKey<V> & { storage: S } {
  return { kind: 'enum', ...def };
}
export function flag<const S extends Storage>(
  def: Omit<BooleanKey, 'kind' | 'storage'> & { storage: S },
): BooleanKey & { storage: S } {
  return { kind: 'boolean', ...def };
}

export function text<const S extends Storage>(
  def: Omit<TextKey, 'kind' | 'storage'> & { storage: S },
): TextKey & { storage: S } {
  return { kind: 'text', ...def };
}

export function listOf<const V extends string, const S extends Storage>(
  def: Omit<ListKey<V>, 'kind' | 'storage'> & { storage: S },
): ListKey<V> & { storage: S } {
  return { kind: 'list', ...def };
}

/**
 * The canonical form of a list value: known names only, each once, in table
 * order; `unknown` collects what was dropped. One spelling per set keeps the
 * round trip exact and equal sets equal.
 */
export function canonicalList<V extends string>(
  values: readonly V[],
  input: readonly unknown[],
): { value: V[]; unknown: string[] } {
  const wanted = new Set<unknown>(input);
  const unknown: string[] = [];
  for (const x of wanted) if (!(values as readonly unknown[]).includes(x)) unknown.push(String(x));
  return { value: values.filter((v) => wanted.has(v)), unknown };
}

/** The zod schema of one key's value. */
export function zodFor(def: KeyDef): z.ZodType {
  switch (def.kind) {
    case 'number': {
      const base = def.integer ? z.int() : z.number();
      return base.min(def.min).max(def.max);
    }
    case 'enum':
      return z.enum(def.values as [string, ...string[]]);
    case 'boolean':
      return z.boolean();
    case 'text':
      return z.string().max(def.maxLength).regex(def.pattern);
    case 'list': {
      const values = def.values;
      return z
        .array(z.enum(values as [string, ...string[]]))
        .refine((xs) => canonicalList(values, xs).value.join(',') === xs.join(','), 'not in canonical order');
    }
  }
}

/** A strict zod object schema for the keys of `table` with storage class `storage`. */
export function zodObjectFor<T extends KeyTable, S extends Storage>(
  table: T,
  storage: S,
): z.ZodType<StateOf<T, S>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, def] of Object.entries(table)) {
    if (def.storage === storage) shape[key] = zodFor(def);
  }
  return z.strictObject(shape) as unknown as z.ZodType<StateOf<T, S>>;
}

export function keysWith<T extends KeyTable, S extends Storage>(table: T, storage: S): KeysWith<T, S>[] {
  return Object.keys(table).filter((k) => table[k].storage === storage) as KeysWith<T, S>[];
}

export function defaultsFor<T extends KeyTable, S extends Storage>(table: T, storage: S): StateOf<T, S> {
  const out: Record<string, unknown> = {};
  for (const key of keysWith(table, storage)) out[key] = table[key].default;
  return out as StateOf<T, S>;
}
