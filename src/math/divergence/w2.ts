// W2 between p_X and p_X^ = law of aY, closed form in a on each side of 0.
//
// In 1-D the optimal coupling is the quantile coupling. For a > 0,
// F_{X^}^{-1}(u) = a F_Y^{-1}(u), so
//   W2^2(a) = E[X^2] - 2 a rho+ + a^2 E[Y^2],  rho+ = int_0^1 F_X^{-1}(u) F_Y^{-1}(u) du;
// for a < 0 the quantile of aY is a F_Y^{-1}(1 - u), giving rho- with the
// antitone pairing. Substituting u = F_Y(y):
//   rho+ = int y p_Y(y) F_X^{-1}(F_Y(y)) dy,  rho- = int y p_Y(y) F_X^{-1}(1 - F_Y(y)) dy,
// computed once per params by Gauss-Legendre over the support of p_Y, with the
// X quantile taken from whichever tail keeps F_Y (or 1 - F_Y) exact.

import { mixtureCdf, mixtureIsf, mixtureMinScale, mixturePdf, mixtureQuantile, mixtureSf, mixtureSupport } from '../mixture';
import { ruleOverIntervals } from '../quadrature';
import { mixtureX, mixtureY, secondMomentX, secondMomentY, type ToyParams } from '../toyParams';

export interface W2Coefficients {
  e2: number;
  ey2: number;
  rhoPlus: number;
  rhoMinus: number;
}

export function w2Coefficients(params: ToyParams): W2Coefficients {
  const x = mixtureX(params);
  const y = mixtureY(params);
  const rule = ruleOverIntervals(mixtureSupport(y, 9), 0.5 * mixtureMinScale(y), 10);
  let rhoPlus = 0;
  let rhoMinus = 0;
  let prevPlus: number | undefined;
  let prevMinus: number | undefined;
  for (let i = 0; i < rule.x.length; i++) {
    const yi = rule.x[i];
    const F = mixtureCdf(y, yi);
    const S = mixtureSf(y, yi);
    // X quantile at level F (comonotone) and at level S = 1 - F (antitone), warm-started.
    const tPlus = F <= 0.5 ? mixtureQuantile(x, F, prevPlus) : mixtureIsf(x, S, prevPlus);
    const tMinus = S <= 0.5 ? mixtureQuantile(x, S, prevMinus) : mixtureIsf(x, F, prevMinus);
    prevPlus = tPlus;
    prevMinus = tMinus;
    const wy = rule.w[i] * yi * mixturePdf(y, yi);
    rhoPlus += wy * tPlus;
    rhoMinus += wy * tMinus;
  }
  return { e2: secondMomentX(params), ey2: secondMomentY(params), rhoPlus, rhoMinus };
}

/** [W2(a), dW2/da] from the coefficients (a = 0 gives sqrt(E[X^2]) and a one-sided-free NaN slope). */
export function w2FromCoefficients(c: W2Coefficients, a: number): [number, number] {
  if (a === 0) return [Math.sqrt(c.e2), NaN];
  const rho = a > 0 ? c.rhoPlus : c.rhoMinus;
  const v = Math.max(0, c.e2 - 2 * a * rho + a * a * c.ey2);
  const w = Math.sqrt(v);
  return [w, w > 0 ? (a * c.ey2 - rho) / w : 0];
}

/** {a : W2(a) <= level} in closed form: one interval per side of 0, merged when both touch 0. */
export function w2Sublevel(c: W2Coefficients, level: number): Array<[number, number]> {
  if (level === Infinity) return [[-Infinity, Infinity]];
  const out: Array<[number, number]> = [];
  const L2 = level * level;
  for (const side of [-1, 1] as const) {
    const rho = side > 0 ? c.rhoPlus : c.rhoMinus;
    const disc = rho * rho - c.ey2 * (c.e2 - L2);
    if (disc < 0) continue;
    const sq = Math.sqrt(disc);
    // Roots of ey2 a^2 - 2 rho a + (e2 - L2); product of roots = (e2 - L2)/ey2 avoids cancellation.
    const big = (rho + (rho >= 0 ? sq : -sq)) / c.ey2;
    const small = big !== 0 ? (c.e2 - L2) / (c.ey2 * big) : 0;
    let lo = Math.min(big, small);
    let hi = Math.max(big, small);
    if (side > 0) lo = Math.max(lo, 0);
    else hi = Math.min(hi, 0);
    if (lo <= hi) out.push([lo, hi]);
  }
  if (out.length === 2 && out[0][1] === 0 && out[1][0] === 0) return [[out[0][0], out[1][1]]];
  return out;
}
