import { describe, expect, it } from 'vitest';
import { PAPER_TOY } from '../../math';
import { densitySeries } from './densitySeries';

function trapezoid(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += 0.5 * (x[i] - x[i - 1]) * (y[i] + y[i - 1]);
  return s;
}

describe('densitySeries', () => {
  it('samples X and Y densities that integrate to ~1 and the paper threshold ln(P1/P2)/2', () => {
    const s = densitySeries(PAPER_TOY, 0.8);
    expect(trapezoid(s.x, s.pX)).toBeCloseTo(1, 3);
    expect(trapezoid(s.x, s.pY)).toBeCloseTo(1, 3);
    expect(trapezoid(s.x, s.pXhat!)).toBeCloseTo(1, 3);
    const th = s.threshold as { t: number; w1Below: boolean };
    expect(th.w1Below).toBe(true);
    expect(th.t).toBeCloseTo(Math.log(0.7 / 0.3) / 2, 14);
    for (let i = 1; i < s.x.length; i++) expect(s.x[i]).toBeGreaterThanOrEqual(s.x[i - 1]);
  });

  it('refines the grid around a narrow X^ so its mass is not missed between samples', () => {
    // a = 0.01: X^ components have sd 0.01 * sqrt(2) ~ 0.014, far below the base spacing (~0.02).
    const s = densitySeries(PAPER_TOY, 0.01);
    expect(trapezoid(s.x, s.pXhat!)).toBeCloseTo(1, 2);
  });

  it('reports a point mass (no density) at a = 0 and a constant classifier when the means coincide', () => {
    expect(densitySeries(PAPER_TOY, 0).pXhat).toBeNull();
    expect(densitySeries({ ...PAPER_TOY, mu1: 0.5, mu2: 0.5 }, 0.8).threshold).toEqual({ constant: 1 });
  });
});
