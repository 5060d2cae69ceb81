import { create } from 'zustand';

/**
 * Which number boxes of a form hold text they cannot commit (out of range or
 * empty), by test id: the form's run button is held back while any of its
 * boxes is invalid, so nothing runs with a value the panel does not show.
 */
interface FieldValidity {
  readonly invalid: ReadonlySet<string>;
  mark(id: string, valid: boolean): void;
}

export const useFieldValidity = create<FieldValidity>()((set, get) => ({
  invalid: new Set<string>(),
  mark(id, valid) {
    if (get().invalid.has(id) === !valid) return;
    const next = new Set(get().invalid);
    if (valid) next.delete(id);
    else next.add(id);
    set({ invalid: next });
  },
}));

/** The onValidity callback of a box with this test id. */
export const reportValidity = (id: string) => (valid: boolean) => useFieldValidity.getState().mark(id, valid);

/** Whether any box whose test id starts with `prefix` is invalid. */
export function anyInvalid(invalid: ReadonlySet<string>, prefix: string): boolean {
  for (const id of invalid) if (id.startsWith(prefix)) return true;
  return false;
}
