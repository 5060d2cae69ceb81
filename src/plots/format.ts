/** A short human number: `digits` significant digits, ∞ for infinities, – for NaN. */
export function fmt(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (v === 0) return '0';
  return Number(v.toPrecision(digits)).toString();
}

/** Non-finite numbers become null so plotly leaves a gap instead of failing. */
export function finiteOrNull(v: number | null | undefined): number | null {
  return v !== null && v !== undefined && Number.isFinite(v) ? v : null;
}

const finiteCache = new WeakMap<object, (number | null)[]>();

/**
 * Non-finite entries as null. The result is cached per input array: the same
 * input gives the same output array, so Plotly.react (which compares data
 * arrays by reference) skips traces whose numbers did not change.
 */
export function finiteArray(v: ArrayLike<number | null>): (number | null)[] {
  let out = finiteCache.get(v);
  if (!out) {
    out = Array.from(v, finiteOrNull);
    finiteCache.set(v, out);
  }
  return out;
}

/**
 * A y range around the finite values with 6% padding. A (near-)constant set
 * gets a small fixed span instead: plotly's autorange on a span of 1e-17
 * lays out ticks at Infinity.
 */
export function paddedRange(series: readonly ArrayLike<number | null>[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of series) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && Number.isFinite(x)) {
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
  }
  if (!Number.isFinite(lo)) return undefined;
  const minSpan = 1e-4 * Math.max(1e-3, Math.abs(hi));
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    return [mid - minSpan, mid + minSpan];
  }
  const pad = 0.06 * (hi - lo);
  return [lo - pad, hi + pad];
}
