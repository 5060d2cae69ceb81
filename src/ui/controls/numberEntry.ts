/**
 * What a number box's text means, kept apart from the component so it can be
 * tested without a DOM. The box never rewrites the text while it is typed:
 * it only classifies it, and commits a value when the text is valid.
 */

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Only whole numbers are valid (iterations, seeds, counts). */
  readonly integer?: boolean;
}

export type Entry =
  | { readonly kind: 'valid'; readonly value: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'not-a-number' }
  | { readonly kind: 'out-of-range'; readonly value: number }
  | { readonly kind: 'not-integer'; readonly value: number };

export function parseEntry(text: string, r: NumberRange): Entry {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  // Number('0x10') and Number('1e3') both parse; only the second is a way people write numbers.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { kind: 'not-a-number' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { kind: 'not-a-number' };
  if (value < r.min || value > r.max) return { kind: 'out-of-range', value };
  if (r.integer && !Number.isInteger(value)) return { kind: 'not-integer', value };
  return { kind: 'valid', value };
}

const num = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** The allowed values, short enough for the hint under a narrow box. */
export function rangeText(r: NumberRange): string {
  return `${r.integer ? 'whole numbers ' : ''}${num(r.min)} to ${num(r.max)}`;
}

/** Why the text is not accepted (naming the allowed range), or null when it is. */
export function entryProblem(e: Entry, r: NumberRange): string | null {
  return e.kind === 'valid' ? null : `Allowed: ${rangeText(r)}`;
}

/**
 * The value to hand to the owner when the box commits (blur, Enter), or null
 * to commit nothing: invalid text, or the value it already has.
 */
export function commitValue(text: string, current: number, r: NumberRange): number | null {
  const e = parseEntry(text, r);
  return e.kind === 'valid' && e.value !== current ? e.value : null;
}

/** The text a box shows for a value it did not get from typing. */
export function formatValue(v: number): string {
  return String(v);
}
