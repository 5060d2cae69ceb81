import { useEffect, useRef, useState } from 'react';

/**
 * `value`, except that changes `sameBase` calls minor (e.g. only a marker
 * moved) are passed on once `value` has stayed put for `ms` (a trailing
 * debounce); major changes (new data) pass at once.
 */
export function useSettled<T>(value: T, ms: number, sameBase: (a: T, b: T) => boolean): T {
  const [settled, setSettled] = useState(value);
  const minor = sameBase(settled, value);
  useEffect(() => {
    if (!minor) {
      setSettled(value);
      return undefined;
    }
    if (Object.is(settled, value)) return undefined;
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, minor, settled, ms]);
  return minor ? settled : value;
}

/** `value` while `hold` is false; the last such value while it is true (null passes through at first). */
export function useHeld<T>(value: T, hold: boolean): T {
  const kept = useRef(value);
  if (!hold || kept.current === null) kept.current = value;
  return kept.current;
}
