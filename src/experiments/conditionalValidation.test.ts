import { describe, expect, it } from 'vitest';
import { validateConditional, validationMarkdown } from './conditionalValidation';
import type { Metrics } from './records';

const m = (D: number, P: number, C: number, Pse = 0.1, Cse = 0.01): Metrics => ({ D, P, C, Ptrain: null, iteration: 300, seconds: 1, Pse, Cse, n: 2000 });
const at = (beta: number, gamma: number, metrics: Metrics) => ({ weights: { alpha: 1, beta, gamma }, metrics });
const none = { D: 0, P: 0, C: 0 };

describe('conditional vs fixed-weight validation', () => {
  const fixed = [at(0, 0, m(0.032, 1.4, 0.3)), at(0, 1, m(0.039, 2.0, 0.26)), at(1, 0, m(0.04, 0.3, 0.29))];

  it('passes a model that agrees within the tolerances, and counts the orderings the fixed sweep makes', () => {
    const cond = [at(0, 0, m(0.0325, 1.45, 0.305)), at(0, 1, m(0.0395, 2.1, 0.262)), at(1, 0, m(0.0401, 0.35, 0.288))];
    const r = validateConditional(fixed, cond, { fixed: none, cond: none });
    expect(r.misses).toBe(0);
    expect(r.rows[0].dRel).toBeCloseTo(0.5 / 32, 6);
    // gamma raises P (0.6 > 2 x 0.141) and lowers C (0.04 > 2 x 0.0141); beta lowers P; D moves by more than 0 with no seed SD.
    expect(r.orders.map((o) => `${o.axis}:${o.metric}`).sort()).toEqual(['beta:D', 'beta:P', 'gamma:C', 'gamma:D', 'gamma:P']);
    expect(r.orderMisses).toBe(0);
    expect(validationMarkdown(r).join('\n')).toContain('orders 5 of them the same way');
  });

  it('fails D beyond 5%, C beyond 2 SE of the difference, a reversed ordering; seed spread widens the SEs', () => {
    const cond = [at(0, 0, m(0.0345, 1.4, 0.3)), at(0, 1, m(0.039, 2.0, 0.31)), at(1, 0, m(0.04, 2.5, 0.29))];
    const r = validateConditional(fixed, cond, { fixed: none, cond: none });
    expect(r.rows.map((x) => x.ok)).toEqual([false, false, false]);
    expect(r.rows[1].cZ).toBeCloseTo(0.05 / Math.hypot(0.01, 0.01), 6);
    expect(r.orderMisses).toBeGreaterThan(0);
    const wide = validateConditional(fixed, cond, { fixed: { D: 0, P: 0, C: 0.03 }, cond: none });
    expect(wide.rows[1].cZ).toBeLessThan(2);
    expect(() => validateConditional(fixed, cond.slice(1), { fixed: none, cond: none })).toThrow(/no point at alpha 1 beta 0 gamma 0/);
  });
});
