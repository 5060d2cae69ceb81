/**
 * Loss-weight points of a sweep: (alpha, beta, gamma) for
 * loss = alpha*MSE + beta*adv + gamma*CE. A sweep names them either as a grid
 * (a range and a number of steps per weight) or as an explicit list.
 */

export interface Weights {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export const WEIGHT_NAMES = ['alpha', 'beta', 'gamma'] as const;
export type WeightName = (typeof WEIGHT_NAMES)[number];

/** `steps` evenly spaced values from `from` to `to`, both included; steps = 1 is `from` alone. */
export interface WeightRange {
  readonly from: number;
  readonly to: number;
  readonly steps: number;
}

export interface WeightGrid {
  readonly kind: 'grid';
  readonly alpha: WeightRange;
  readonly beta: WeightRange;
  readonly gamma: WeightRange;
}

export interface WeightList {
  readonly kind: 'list';
  readonly points: readonly Weights[];
}

export type WeightSet = WeightGrid | WeightList;

/**
 * Values of a range: from + i*(to - from)/(steps - 1), each rounded to 12
 * significant digits where that moves it by less than a millionth of a step,
 * so 0.1-steps print as 0.3 rather than 0.30000000000000004 in hovers, CSV
 * and links while tiny steps stay exact; the last value is `to` itself.
 */
export function rangeValues(r: WeightRange): number[] {
  if (r.steps <= 1) return [r.from];
  const out: number[] = [];
  for (let i = 0; i < r.steps; i++) {
    const h = (r.to - r.from) / (r.steps - 1);
    const v = r.from + i * h;
    const rounded = roundSig(v);
    out.push(i === r.steps - 1 ? r.to : Math.abs(rounded - v) <= 1e-6 * Math.abs(h) ? rounded : v);
  }
  return out;
}

export function roundSig(v: number, digits = 12): number {
  // Subnormals do not survive a trip through toPrecision unchanged; no weight is that small.
  if (Math.abs(v) < 1e-290 || !Number.isFinite(v)) return v;
  return Number(v.toPrecision(digits));
}

/** Number of points a set expands to (without building them). */
export function pointCount(w: WeightSet): number {
  if (w.kind === 'list') return w.points.length;
  return Math.max(1, w.alpha.steps) * Math.max(1, w.beta.steps) * Math.max(1, w.gamma.steps);
}

/**
 * The points in run order: alpha outermost, gamma innermost, so a
 * beta x gamma grid at fixed alpha runs one beta row after another (the
 * layout of the paper's Fig. 4).
 */
export function expandWeights(w: WeightSet): Weights[] {
  if (w.kind === 'list') return w.points.map((p) => ({ alpha: p.alpha, beta: p.beta, gamma: p.gamma }));
  const out: Weights[] = [];
  for (const alpha of rangeValues(w.alpha)) {
    for (const beta of rangeValues(w.beta)) {
      for (const gamma of rangeValues(w.gamma)) out.push({ alpha, beta, gamma });
    }
  }
  return out;
}

/** A stable text key of a point's weights, for matching results to points. */
export function weightsKey(w: Weights): string {
  return `${w.alpha}|${w.beta}|${w.gamma}`;
}

/** "α=1 β=0.5 γ=0.02" for hovers and lists. */
export function formatWeights(w: Weights): string {
  return `α=${w.alpha} β=${w.beta} γ=${w.gamma}`;
}
