/** Runs fn and records a user-timing measure (read by the drag benchmarks in the browser). */
export function timed<T>(name: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  performance.measure(name, { start: t0 });
  return out;
}
