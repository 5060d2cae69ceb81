// Gauss-Legendre quadrature: nodes by Newton on the Legendre recurrence,
// computed once per order and cached; composite rules over panels.

export interface Rule {
  /** Nodes. */
  x: Float64Array;
  /** Weights (sum = interval length). */
  w: Float64Array;
}

const cache = new Map<number, Rule>();

/** [P_n(z), P_n'(z)] by the three-term recurrence (|z| < 1). */
function legendre(n: number, z: number): [number, number] {
  let p0 = 1;
  let p1 = 0;
  for (let j = 1; j <= n; j++) {
    const p2 = p1;
    p1 = p0;
    p0 = ((2 * j - 1) * z * p1 - (j - 1) * p2) / j;
  }
  return [p0, (n * (z * p0 - p1)) / (z * z - 1)];
}

/** n-point Gauss-Legendre rule on [-1, 1] (cached, do not mutate). */
export function gaussLegendre(n: number): Rule {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`gaussLegendre: bad order ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    // Tricomi's initial guess is within a few ulps after 2-3 Newton steps.
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    for (let iter = 0; iter < 100; iter++) {
      const [p, dp] = legendre(n, z);
      const dz = p / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    // P_n' at the converged node, for the weight.
    const dp = legendre(n, z)[1];
    const wt = 2 / ((1 - z * z) * dp * dp);
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = wt;
    w[n - 1 - i] = wt;
  }
  if (n % 2 === 1) x[m - 1] = 0;
  const rule = { x, w };
  cache.set(n, rule);
  return rule;
}

/** Composite rule: n-point Gauss-Legendre on each panel [breaks[i], breaks[i+1]]. */
export function compositeRule(breaks: ArrayLike<number>, n: number): Rule {
  const base = gaussLegendre(n);
  const panels = breaks.length - 1;
  const x = new Float64Array(Math.max(0, panels) * n);
  const w = new Float64Array(x.length);
  let k = 0;
  for (let i = 0; i < panels; i++) {
    const a = breaks[i];
    const b = breaks[i + 1];
    const half = 0.5 * (b - a);
    const mid = 0.5 * (a + b);
    for (let j = 0; j < n; j++) {
      x[k] = mid + half * base.x[j];
      w[k] = half * base.w[j];
      k++;
    }
  }
  return { x, w };
}

/** Breakpoints splitting [a, b] into equal panels no wider than maxWidth. */
export function panelBreaks(a: number, b: number, maxWidth: number): number[] {
  if (!(maxWidth > 0)) throw new RangeError('panelBreaks: maxWidth must be positive');
  const count = Math.max(1, Math.ceil((b - a) / maxWidth - 1e-12));
  const out = [a];
  for (let i = 1; i <= count; i++) out.push(i === count ? b : a + ((b - a) * i) / count);
  return out;
}

/** Composite rule over several disjoint intervals, panels no wider than maxWidth. */
export function ruleOverIntervals(intervals: Array<[number, number]>, maxWidth: number, n: number): Rule {
  const parts: Rule[] = [];
  for (const [a, b] of intervals) parts.push(compositeRule(panelBreaks(a, b, maxWidth), n));
  const total = parts.reduce((s, r) => s + r.x.length, 0);
  const x = new Float64Array(total);
  const w = new Float64Array(total);
  let k = 0;
  for (const r of parts) {
    x.set(r.x, k);
    w.set(r.w, k);
    k += r.x.length;
  }
  return { x, w };
}

/** Integrate f over [a, b] with a composite rule of `panels` equal panels. */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 16, n = 10): number {
  const base = gaussLegendre(n);
  const h = (b - a) / panels;
  let sum = 0;
  for (let i = 0; i < panels; i++) {
    const mid = a + (i + 0.5) * h;
    let s = 0;
    for (let j = 0; j < n; j++) s += base.w[j] * f(mid + 0.5 * h * base.x[j]);
    sum += 0.5 * h * s;
  }
  return sum;
}

/** Merge overlapping intervals (sorted output). */
export function unionIntervals(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = intervals.slice().sort((p, q) => p[0] - q[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
