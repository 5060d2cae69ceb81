// Bracketed root finders. Both keep a sign-change bracket at every step, so
// they cannot wander off; both accept +-Infinity values at the bracket ends
// (KL is infinite at a = 0) and fall back to bisection whenever an
// interpolation step is not trustworthy.

export interface RootOptions {
  /** Absolute x tolerance (default: a few ulps of the root). */
  xtol?: number;
  maxIter?: number;
}

const EPS = 2.220446049250313e-16;

/** Brent's method (Brent 1973, as in Numerical Recipes zbrent) on a sign-change bracket. */
export function brentRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  flo = f(lo),
  fhi = f(hi),
  opts: RootOptions = {},
): number {
  const maxIter = opts.maxIter ?? 200;
  let a = lo;
  let b = hi;
  let fa = flo;
  let fb = fhi;
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) throw new RangeError('brentRoot: no sign change on the bracket');
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * EPS * Math.abs(b) + 0.5 * (opts.xtol ?? 0);
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    const interpolate = Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb) && Number.isFinite(fa) && Number.isFinite(fc);
    if (interpolate) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * Safeguarded Newton on a bracket (Numerical Recipes' rtsafe), starting from x0.
 * fdf(x) returns [f(x), f'(x)]. Stops without a further evaluation once a Newton
 * step is below `acceptStep`: convergence is quadratic, so the error left after
 * that step is O(step^2).
 */
export function newtonRoot(
  fdf: (x: number) => [number, number],
  lo: number,
  hi: number,
  flo: number,
  fhi: number,
  x0: number,
  opts: RootOptions & { acceptStep?: number } = {},
): number {
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (!(Math.sign(flo) !== Math.sign(fhi))) throw new RangeError('newtonRoot: no sign change on the bracket');
  let xl = flo < 0 ? lo : hi; // f < 0 side
  let xh = flo < 0 ? hi : lo; // f > 0 side
  const maxIter = opts.maxIter ?? 100;
  const accept = opts.acceptStep ?? 0;
  let x = x0 > Math.min(lo, hi) && x0 < Math.max(lo, hi) ? x0 : 0.5 * (lo + hi);
  let dxOld = Math.abs(hi - lo);
  let dx = dxOld;
  for (let iter = 0; iter < maxIter; iter++) {
    const [f, df] = fdf(x);
    if (f === 0) return x;
    if (f < 0) xl = x;
    else xh = x;
    const left = Math.min(xl, xh);
    const right = Math.max(xl, xh);
    const xtol = (opts.xtol ?? 0) + 4 * EPS * Math.abs(x);
    if (right - left <= xtol) return 0.5 * (left + right);
    const newton = x - f / df;
    // Bisect when Newton leaves the bracket or is not halving the previous step.
    if (!Number.isFinite(newton) || newton <= left || newton >= right || Math.abs(2 * f) > Math.abs(dxOld * df)) {
      dxOld = dx;
      dx = 0.5 * (right - left);
      x = left + dx;
      continue;
    }
    dxOld = dx;
    dx = f / df;
    x = newton;
    if (Math.abs(dx) <= accept || Math.abs(dx) <= xtol) return x;
  }
  return x;
}

/** Golden-section search for a minimum of a unimodal f on [a, b]. */
export function goldenMin(f: (x: number) => number, a: number, b: number, xtol = 1e-10): number {
  const g = 0.5 * (Math.sqrt(5) - 1);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (Math.abs(b - a) > xtol) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return 0.5 * (a + b);
}
