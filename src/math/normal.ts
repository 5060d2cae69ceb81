// Standard normal distribution with full double precision in both tails.
//
// erfc follows W. J. Cody, "Rational Chebyshev approximations for the error
// function", Math. Comp. 23 (1969) 631-638 (the CALERF routine of SPECFUN).
// Cody's approximants are accurate to ~1e-18 relative; what limits us is the
// exp(-x^2) factor, which CALERF evaluates by splitting x^2 so that the
// rounding of x*x never enters the exponent. The normal tail functions reuse
// the same rational part but split x^2/2 directly: going through erfc(x/sqrt2)
// would round the argument and cost ~x^2 ulps in the far tail.

const SQRT_PI_INV = 0.56418958354775628695; // 1/sqrt(pi)
const SQRT2 = Math.SQRT2;
const SQRT_2PI = 2.5066282746310005024;
const LOG_SQRT_2PI = 0.91893853320467274178;
const ERF_SMALL = 0.46875;

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [
  0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978,
];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** erf(y) for |y| <= 0.46875 (Cody's first interval). */
function erfSmall(y: number): number {
  const ysq = y * y;
  let num = A[4] * ysq;
  let den = ysq;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * ysq;
    den = (den + B[i]) * ysq;
  }
  return (y * (num + A[3])) / (den + B[3]);
}

/** R(y) = erfc(y) * exp(y^2) for y > 0.46875 (Cody's second and third intervals). */
function erfcScaledLarge(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  const ysq = 1 / (y * y);
  let num = P[5] * ysq;
  let den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * ysq;
    den = (den + Q[i]) * ysq;
  }
  const r = (ysq * (num + P[4])) / (den + Q[4]);
  return (SQRT_PI_INV - r) / y;
}

/** exp(-v * v * k) with v*v split into an exact part and a small remainder (CALERF trick). */
function expNegSquare(v: number, k: number): number {
  const vr = Math.trunc(v * 16) / 16;
  const del = (v - vr) * (v + vr);
  return Math.exp(-vr * vr * k) * Math.exp(-del * k);
}

/** Complementary error function, ~1e-16 relative accuracy over the whole line. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let r: number;
  if (y <= ERF_SMALL) {
    r = 1 - erfSmall(y);
  } else if (y >= 27.3) {
    r = 0; // erfc underflows below the smallest subnormal here
  } else {
    r = erfcScaledLarge(y) * expNegSquare(y, 1);
  }
  return x < 0 ? 2 - r : r;
}

/** Error function; near 0 it is computed directly so tiny arguments keep full relative accuracy. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= ERF_SMALL) return erfSmall(x);
  const r = y >= 6 ? 0 : erfcScaledLarge(y) * expNegSquare(y, 1);
  const v = 0.5 - r + 0.5;
  return x < 0 ? -v : v;
}

/** Upper tail of the standard normal for x >= 0, relative accuracy ~1e-15. */
function upperTail(x: number): number {
  const y = x / SQRT2;
  if (y <= ERF_SMALL) return 0.5 * (1 - erfSmall(y));
  if (x >= 38.5) return 0; // below the smallest subnormal
  // exp(-x^2/2) split on x itself; R only needs y to relative accuracy.
  return 0.5 * erfcScaledLarge(y) * expNegSquare(x, 0.5);
}

/** Standard normal CDF Phi(x), accurate relative to its value in the lower tail. */
export function normCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

/** Survival function 1 - Phi(x), accurate relative to its value in the upper tail. */
export function normSf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? upperTail(x) : 1 - upperTail(-x);
}

/** Alias kept for formulas that read better with the usual symbol. */
export const Phi = normCdf;

/** Standard normal density. */
export function normPdf(x: number): number {
  const ax = Math.abs(x);
  if (ax > 38.6) return 0;
  return expNegSquare(ax, 0.5) / SQRT_2PI;
}

/** log of the standard normal density (finite for every finite x). */
export function normLogPdf(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/** log Phi(x), finite far into the lower tail (asymptotic series below -38). */
export function normLogCdf(x: number): number {
  if (x > -38) return Math.log(normCdf(x));
  // Phi(x) = phi(x)/|x| * (1 - 1/x^2 + 3/x^4 - 15/x^6 ...): four terms suffice past |x| = 38.
  const t = 1 / (x * x);
  return normLogPdf(x) - Math.log(-x) + Math.log1p(t * (-1 + t * (3 - 15 * t)));
}

// Acklam's rational approximation to the normal quantile (|rel err| < 1.15e-9),
// refined below by one Halley step on the accurate CDF.
const QA = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const QB = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const QC = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const QD = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Quantile for p in (0, 0.5]: the lower half, where p itself carries full precision. */
function lowerQuantile(p: number): number {
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((QC[0] * q + QC[1]) * q + QC[2]) * q + QC[3]) * q + QC[4]) * q + QC[5]) /
      ((((QD[0] * q + QD[1]) * q + QD[2]) * q + QD[3]) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((QA[0] * r + QA[1]) * r + QA[2]) * r + QA[3]) * r + QA[4]) * r + QA[5]) * q) /
      (((((QB[0] * r + QB[1]) * r + QB[2]) * r + QB[3]) * r + QB[4]) * r + 1);
  }
  // Halley step: e/phi(x) is the Newton correction; phi underflows only past x ~ -38.6.
  const dens = normPdf(x);
  if (dens > 0) {
    const u = (normCdf(x) - p) / dens;
    x = x - u / (1 + (x * u) / 2);
  }
  return x;
}

/** Normal quantile Phi^{-1}(p). For p near 1 prefer normIsf(1 - p) computed without rounding. */
export function normQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 - p is exact for p in [0.5, 1] (Sterbenz), so the upper half loses nothing here.
  return p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

/** Inverse survival function: x with 1 - Phi(x) = q, accurate for tiny q. */
export function normIsf(q: number): number {
  if (Number.isNaN(q) || q < 0 || q > 1) return NaN;
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  return q <= 0.5 ? -lowerQuantile(q) : lowerQuantile(1 - q);
}
