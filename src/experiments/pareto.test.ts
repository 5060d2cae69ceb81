import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admissibleIndices, admissibleMask, dominates, dominatorOf, type DPC } from './pareto';

const p = (D: number, P: number, C: number): DPC => ({ D, P, C });

/** The classic 2-D staircase: sort by D (then P) and keep points that lower the running minimum of P. */
function staircase2d(points: readonly DPC[]): number[] {
  const order = points.map((_, i) => i).sort((a, b) => points[a].D - points[b].D || points[a].P - points[b].P);
  const out: number[] = [];
  let best = Infinity;
  let k = 0;
  while (k < order.length) {
    // Points sharing one D: only those with the group's smallest P can survive.
    let j = k;
    while (j < order.length && points[order[j]].D === points[order[k]].D) j++;
    const minP = points[order[k]].P;
    if (minP < best) {
      for (let t = k; t < j && points[order[t]].P === minP; t++) out.push(order[t]);
      best = minP;
    }
    k = j;
  }
  return out.sort((a, b) => a - b);
}

const coord = fc.integer({ min: 0, max: 6 }).map((v) => v / 2); // small grid: many ties
const pointArb = fc.record({ D: coord, P: coord, C: coord });

describe('dominance (Blau & Michaeli Def. 2, with C as third axis)', () => {
  it('a point better on every axis dominates; a trade-off does not', () => {
    expect(dominates(p(1, 1, 0.1), p(2, 2, 0.2))).toBe(true);
    expect(dominates(p(2, 2, 0.2), p(1, 1, 0.1))).toBe(false);
    // Better D and P, worse C: the CDP tradeoff, no dominance either way.
    expect(dominates(p(1, 1, 0.3), p(2, 2, 0.2))).toBe(false);
    expect(dominates(p(2, 2, 0.2), p(1, 1, 0.3))).toBe(false);
  });

  it('ties: Pareto needs one strict improvement; the literal Def. 2 needs all three', () => {
    expect(dominates(p(1, 1, 0.2), p(2, 2, 0.2), 'pareto')).toBe(true);
    expect(dominates(p(1, 1, 0.2), p(2, 2, 0.2), 'strict')).toBe(false);
    expect(dominates(p(1, 1, 0.2), p(1, 1, 0.2), 'pareto')).toBe(false);
    expect(dominates(p(1, 1, 0.1), p(2, 2, 0.2), 'strict')).toBe(true);
  });

  it('points with an unmeasured metric neither dominate nor are dominated', () => {
    expect(dominates(p(0, NaN, 0), p(1, 1, 1))).toBe(false);
    expect(dominates(p(0, 0, 0), p(1, NaN, 1))).toBe(false);
  });
});

describe('admissible set (Def. 3)', () => {
  it('known points: the hand-worked example', () => {
    const pts = [
      p(0.02, 9.0, 0.12), // 0 MSE-like: low D, bad P
      p(0.04, 3.0, 0.1), // 1 admissible: trade-off
      p(0.05, 3.5, 0.11), // 2 dominated by 1
      p(0.06, 1.0, 0.2), // 3 admissible: best P
      p(0.07, 4.0, 0.05), // 4 admissible: best C
      p(0.08, 4.0, 0.06), // 5 dominated by 4
      p(0.03, 9.5, 0.13), // 6 dominated by 0
    ];
    expect(admissibleIndices(pts)).toEqual([0, 1, 3, 4]);
    expect(dominatorOf(pts)).toEqual([-1, -1, 1, -1, -1, 4, 0]);
  });

  it('with C equal everywhere it is the 2-D perception-distortion staircase (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ D: coord, P: coord }), { minLength: 1, maxLength: 30 }), (xs) => {
        const pts = xs.map((x) => p(x.D, x.P, 0.1));
        expect(admissibleIndices(pts)).toEqual(staircase2d(pts));
      }),
      { numRuns: 2000 },
    );
  });

  it('is nonempty, mutually non-dominated, and every other point has an admissible dominator (property)', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { minLength: 1, maxLength: 40 }), fc.constantFrom('pareto' as const, 'strict' as const), (pts, mode) => {
        const mask = admissibleMask(pts, mode);
        expect(mask.some(Boolean)).toBe(true);
        for (let i = 0; i < pts.length; i++) {
          for (let j = 0; j < pts.length; j++) {
            if (i !== j && mask[i] && mask[j]) expect(dominates(pts[i], pts[j], mode)).toBe(false);
          }
          if (!mask[i]) expect(pts.some((q, j) => mask[j] && dominates(q, pts[i], mode))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the order of the points, and a dominated newcomer changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(pointArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 1000 }), (pts, shift) => {
        const base = admissibleMask(pts);
        const rot = pts.map((_, i) => pts[(i + shift) % pts.length]);
        const rotMask = admissibleMask(rot);
        rot.forEach((_, i) => expect(rotMask[i]).toBe(base[(i + shift) % pts.length]));
        const worst = pts[shift % pts.length];
        const newcomer = p(worst.D + 1, worst.P + 1, worst.C + 1);
        expect(admissibleMask([...pts, newcomer]).slice(0, pts.length)).toEqual(base);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves out points with a missing metric', () => {
    expect(admissibleMask([p(0.1, NaN, 0.1), p(0.2, 1, 0.2)])).toEqual([false, true]);
  });
});
