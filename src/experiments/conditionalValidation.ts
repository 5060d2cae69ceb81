import type { Metrics } from './records';
import type { Weights } from './weights';
import { weightsKey } from './weights';

/**
 * The honest test of a loss-conditional restorer: at every point of the
 * preset's shipped fixed-weight sweep, the conditional model evaluated the
 * same way (same test images and noise, same evaluation critic budget and
 * seed) must agree with the point trained at those weights:
 *   - D within 5% of the fixed point's D;
 *   - C and P within 2 standard errors of their difference,
 *     sqrt(SE_cond^2 + SE_fixed^2), each SE including the spread between
 *     training seeds (TRAINING_SEED_SD) as well as the test sampling;
 *   - the same ordering along beta and along gamma, wherever the fixed sweep
 *     itself orders two neighbouring points by more than 2 SE of their
 *     difference (a difference within the noise claims no order).
 */

export const D_TOLERANCE = 0.05;
export const SE_TOLERANCE = 2;

export interface SeedSd {
  readonly D: number;
  readonly P: number;
  readonly C: number;
}

export interface ValidationRow {
  readonly weights: Weights;
  readonly fixed: { D: number; P: number; C: number; Pse: number; Cse: number };
  readonly cond: { D: number; P: number; C: number; Pse: number; Cse: number };
  readonly dRel: number;
  /** |difference| in units of the SE of the difference. */
  readonly pZ: number;
  readonly cZ: number;
  readonly ok: boolean;
}

export interface OrderCheck {
  readonly axis: 'beta' | 'gamma';
  readonly metric: 'D' | 'P' | 'C';
  readonly from: Weights;
  readonly to: Weights;
  readonly fixedSign: number;
  readonly condSign: number;
  readonly ok: boolean;
}

export interface ValidationReport {
  readonly rows: readonly ValidationRow[];
  readonly orders: readonly OrderCheck[];
  /** Points whose D, P or C misses. */
  readonly misses: number;
  readonly orderMisses: number;
}

const hyp = (a: number, b: number) => Math.sqrt(a * a + b * b);

/** A stored SE (sample part) with the seed spread added; stored SEs that already include it pass seedSd 0. */
function withSeed(m: Metrics, seed: SeedSd): { D: number; P: number; C: number; Pse: number; Cse: number } {
  return { D: m.D, P: m.P ?? NaN, C: m.C, Pse: hyp(m.Pse ?? 0, seed.P), Cse: hyp(m.Cse ?? 0, seed.C) };
}

export function validateConditional(
  fixed: readonly { weights: Weights; metrics: Metrics }[],
  cond: readonly { weights: Weights; metrics: Metrics }[],
  seed: { fixed: SeedSd; cond: SeedSd },
): ValidationReport {
  const byKey = new Map(cond.map((p) => [weightsKey(p.weights), p.metrics]));
  const rows: ValidationRow[] = fixed.map((f) => {
    const cm = byKey.get(weightsKey(f.weights));
    if (!cm) throw new Error(`the conditional grid has no point at alpha ${f.weights.alpha} beta ${f.weights.beta} gamma ${f.weights.gamma}`);
    const a = withSeed(f.metrics, seed.fixed);
    const b = withSeed(cm, seed.cond);
    const dRel = Math.abs(b.D - a.D) / a.D;
    const pZ = Math.abs(b.P - a.P) / hyp(a.Pse, b.Pse);
    const cZ = Math.abs(b.C - a.C) / hyp(a.Cse, b.Cse);
    return { weights: f.weights, fixed: a, cond: b, dRel, pZ, cZ, ok: dRel <= D_TOLERANCE && pZ <= SE_TOLERANCE && cZ <= SE_TOLERANCE };
  });
  const orders: OrderCheck[] = [];
  for (const axis of ['beta', 'gamma'] as const) {
    const other = axis === 'beta' ? 'gamma' : 'beta';
    const lines = new Map<string, ValidationRow[]>();
    for (const r of rows) {
      const k = `${r.weights.alpha}|${r.weights[other]}`;
      lines.set(k, [...(lines.get(k) ?? []), r]);
    }
    for (const line of lines.values()) {
      const sorted = [...line].sort((x, y) => x.weights[axis] - y.weights[axis]);
      for (let i = 1; i < sorted.length; i++) {
        const [u, v] = [sorted[i - 1], sorted[i]];
        for (const metric of ['D', 'P', 'C'] as const) {
          const se = metric === 'D' ? hyp(seed.fixed.D, seed.fixed.D) : metric === 'P' ? hyp(u.fixed.Pse, v.fixed.Pse) : hyp(u.fixed.Cse, v.fixed.Cse);
          const df = v.fixed[metric] - u.fixed[metric];
          if (!(Math.abs(df) > SE_TOLERANCE * se)) continue;
          const dc = v.cond[metric] - u.cond[metric];
          orders.push({ axis, metric, from: u.weights, to: v.weights, fixedSign: Math.sign(df), condSign: Math.sign(dc), ok: Math.sign(df) === Math.sign(dc) });
        }
      }
    }
  }
  return { rows, orders, misses: rows.filter((r) => !r.ok).length, orderMisses: orders.filter((o) => !o.ok).length };
}

const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** The validation table as markdown (model cards, README, closing notes). */
export function validationMarkdown(r: ValidationReport): string[] {
  const lines = [
    '| alpha | beta | gamma | D fixed | D cond | ΔD | P fixed ± SE | P cond ± SE | ΔP/SE | C fixed ± SE | C cond ± SE | ΔC/SE | ok |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|',
  ];
  for (const x of r.rows) {
    lines.push(
      `| ${x.weights.alpha} | ${x.weights.beta} | ${x.weights.gamma} | ${f(x.fixed.D, 4)} | ${f(x.cond.D, 4)} | ${(100 * x.dRel).toFixed(1)}% | ` +
        `${f(x.fixed.P, 3)} ± ${f(x.fixed.Pse, 3)} | ${f(x.cond.P, 3)} ± ${f(x.cond.Pse, 3)} | ${f(x.pZ, 2)} | ` +
        `${f(x.fixed.C, 4)} ± ${f(x.fixed.Cse, 4)} | ${f(x.cond.C, 4)} ± ${f(x.cond.Cse, 4)} | ${f(x.cZ, 2)} | ${x.ok ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('');
  const sig = r.orders.length;
  lines.push(
    `Orderings: ${sig} neighbouring pairs along beta or gamma that the fixed sweep orders by more than 2 SE; the conditional model orders ${sig - r.orderMisses} of them the same way` +
      (r.orderMisses ? ` (differs: ${r.orders
        .filter((o) => !o.ok)
        .map((o) => `${o.metric} along ${o.axis} from beta ${o.from.beta} gamma ${o.from.gamma} to beta ${o.to.beta} gamma ${o.to.gamma}`)
        .join('; ')})` : '') +
      '.',
  );
  return lines;
}
