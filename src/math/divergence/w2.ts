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
  /**
   * Vertex form per side: W2^2(a) = floor + ey2 (a - vertex)^2. The floor is
   * summed directly as a non-negative quadrature of (q_X - vertex q_Y)^2, so W2
   * stays accurate near its minimum instead of being the square root of a
   * cancellation residue (sigmaN = 0 gives W2(1) ~ 1e-14, not ~1e-7).
   */
  plus: { vertex: number; floor: number };
  minus: { vertex: number; floor: number };
}

export function w2Coefficients(params: ToyParams): W2Coefficients {
  const x = mixtureX(params);
  const y = mixtureY(params);
  const rule = ruleOverIntervals(mixtureSupport(y, 9), 0.5 * mixtureMinScale(y), 10);
  const n = rule.x.length;
  const mass = new Float64Array(n);
  const qPlus = new Float64Array(n);
  const qMinus = new Float64Array(n);
  let rhoPlus = 0;
  let rhoMinus = 0;
  let prevPlus: number | undefined;
  let prevMinus: number | undefined;
  for (let i = 0; i < n; i++) {
    const yi = rule.x[i];
    const F = mixtureCdf(y, yi);
    const S = mixtureSf(y, yi);
    // X quantile at level F (comonotone) and at level S = 1 - F (antitone), warm-started.
    const tPlus = F <= 0.5 ? mixtureQuantile(x, F, prevPlus) : mixtureIsf(x, S, prevPlus);
    const tMinus = S <= 0.5 ? mixtureQuantile(x, S, prevMinus) : mixtureIsf(x, F, prevMinus);
    prevPlus = tPlus;
    prevMinus = tMinus;
    mass[i] = rule.w[i] * mixturePdf(y, yi);
    qPlus[i] = tPlus;
    qMinus[i] = tMinus;
    rhoPlus += mass[i] * yi * tPlus;
    rhoMinus += mass[i] * yi * tMinus;
  }
  const ey2 = secondMomentY(params);
  const side = (q: Float64Array, rho: number) => {
    const vertex = rho / ey2;
    let floor = 0;
    for (let i = 0; i < n; i++) floor += mass[i] * (q[i] - vertex * rule.x[i]) ** 2;
    return { vertex, floor };
  };
  return {
    e2: secondMomentX(params),
    ey2,
    rhoPlus,
    rhoMinus,
    plus: side(qPlus, rhoPlus),
    minus: side(qMinus, rhoMinus),
  };
}

/** [W2(a), dW2/da] from the coefficients (a = 0 gives sqrt(E[X^2]) and a one-sided-free NaN slope). */
export function w2FromCoefficients(c: W2Coefficients, a: number): [number, number] {
  if (a === 0) return [Math.sqrt(c.e2), NaN];
  const { vertex, floor } = a > 0 ? c.plus : c.minus;
  const w = Math.sqrt(floor + c.ey2 * (a - vertex) ** 2);
  return [w, w > 0 ? (c.ey2 * (a - vertex)) / w : 0];
}

/** {a : W2(a) <= level} in closed form: one interval per side of 0, merged when both touch 0. */
export function w2Sublevel(c: W2Coefficients, level: number): Array<[number, number]> {
  if (level === Infinity) return [[-Infinity, Infinity]];
  const out: Array<[number, number]> = [];
  for (const sign of [-1, 1] as const) {
    const { vertex, floor } = sign > 0 ? c.plus : c.minus;
    const slack = level * level - floor;
    if (slack < 0) continue;
    const half = Math.sqrt(slack / c.ey2);
    let lo = vertex - half;
    let hi = vertex + half;
    if (sign > 0) lo = Math.max(lo, 0);
    else hi = Math.min(hi, 0);
    if (lo <= hi) out.push([lo, hi]);
  }
  if (out.length === 2 && out[0][1] === 0 && out[1][0] === 0) return [[out[0][0], out[1][1]]];
  return out;
}
