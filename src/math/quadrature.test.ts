import { describe, expect, it } from 'vitest';
import { compositeRule, gaussLegendre, integrate, panelBreaks, ruleOverIntervals } from './quadrature';
import { brentRoot, goldenMin, newtonRoot } from './roots';

describe('Gauss-Legendre', () => {
  it('reproduces the tabulated 5-point rule (Abramowitz & Stegun 25.4.30)', () => {
    const r = gaussLegendre(5);
    const x = [-0.906179845938664, -0.538469310105683, 0, 0.538469310105683, 0.906179845938664];
    const w = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189];
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(r.x[i] - x[i])).toBeLessThan(1e-15);
      expect(Math.abs(r.w[i] - w[i])).toBeLessThan(1e-15);
    }
  });

  it('is exact for polynomials of degree 2n - 1', () => {
    for (const n of [3, 8, 10, 20]) {
      const r = gaussLegendre(n);
      for (let deg = 0; deg <= 2 * n - 1; deg++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += r.w[i] * r.x[i] ** deg;
        const exact = deg % 2 === 1 ? 0 : 2 / (deg + 1);
        expect(Math.abs(s - exact)).toBeLessThan(5e-15);
      }
    }
  });

  it('composite rules integrate smooth functions to machine precision', () => {
    expect(Math.abs(integrate(Math.exp, 0, 3) - (Math.exp(3) - 1))).toBeLessThan(1e-13);
    const rule = compositeRule(panelBreaks(-10, 10, 0.5), 8);
    let s = 0;
    for (let i = 0; i < rule.x.length; i++) s += rule.w[i] * Math.exp(-0.5 * rule.x[i] ** 2);
    expect(Math.abs(s - Math.sqrt(2 * Math.PI))).toBeLessThan(1e-13);
    const two = ruleOverIntervals([[0, 1], [2, 4]], 0.3, 8);
    let t = 0;
    for (let i = 0; i < two.x.length; i++) t += two.w[i] * two.x[i];
    expect(Math.abs(t - (0.5 + 6))).toBeLessThan(1e-13);
  });
});

describe('root finders', () => {
  it('Brent and safeguarded Newton find roots to a few ulps', () => {
    const f = (x: number) => Math.cos(x) - x;
    const ref = 0.7390851332151607;
    expect(Math.abs(brentRoot(f, 0, 1) - ref)).toBeLessThan(4e-16);
    const r = newtonRoot((x) => [f(x), -Math.sin(x) - 1], 0, 1, f(0), f(1), 0.2);
    expect(Math.abs(r - ref)).toBeLessThan(4e-16);
  });

  it('tolerate an infinite value at a bracket end', () => {
    // 1/x^2 - 4 on (0, 1]: +Infinity at 0, root at 1/2.
    const f = (x: number) => 1 / (x * x) - 4;
    expect(Math.abs(brentRoot(f, 0, 1, Infinity, -3) - 0.5)).toBeLessThan(1e-15);
    const r = newtonRoot((x) => [f(x), -2 / x ** 3], 0, 1, Infinity, -3, 0.9);
    expect(Math.abs(r - 0.5)).toBeLessThan(1e-15);
  });

  it('reject brackets without a sign change', () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow();
  });

  it('golden section finds a minimum', () => {
    expect(Math.abs(goldenMin((x) => (x - 0.3) ** 2, -1, 2) - 0.3)).toBeLessThan(1e-9);
  });
});
