import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { bayesErrorY, createToyModel, errorRate, example1Curve, example1Mmse, mapPmf, mmseDensity, toyPoint } from '../../math';
import { DEFAULT_TOY_STATE, HIDEABLE, TOUR_STEPS, ToyStateSchema, type ToyState } from '../../state/schema';
import { STEPS, type StepState } from './steps';

// The tour states facts; each is checked here against the math module or a
// closed form derived independently, so the story cannot drift from the numbers.

const paramsOf = (s: StepState) => ({ p1: s.p1, mu1: s.mu1, mu2: s.mu2, sigmaX: s.sigmaX, sigmaN: s.sigmaN });
const step = (id: string) => STEPS.find((s) => s.id === id)!;

/** Minimiser of a unimodal f on [lo, hi] by golden-section search. */
function argmin(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 80; i++) {
    const c = b - g * (b - a);
    const d = a + g * (b - a);
    if (f(c) < f(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

describe('tour steps', () => {
  it('cover every step id of the schema once, in order, with valid states and known controls', () => {
    expect(STEPS.map((s) => s.id)).toEqual(TOUR_STEPS.filter((t) => t !== 'off'));
    for (const s of STEPS) {
      const full: ToyState = { ...DEFAULT_TOY_STATE, ...s.state, tour: s.id };
      expect(ToyStateSchema.safeParse(full).success, s.id).toBe(true);
      for (const c of s.controls) expect(HIDEABLE).toContain(c);
      // Toy steps show at least one plot section; a step on another view shows none of them.
      expect(s.sections.length > 0, s.id).toBe(s.state.view === 'toy');
      expect(s.text.length, s.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('typeset without a KaTeX error, in plain printable text', () => {
    for (const s of STEPS) {
      expect(() => katex.renderToString(`\\displaystyle ${s.tex}`, { throwOnError: true }), s.id).not.toThrow();
      for (const t of [s.title, s.tex, ...s.text]) expect(/[\u0000-\u001f]/.test(t), s.id).toBe(false);
    }
  });
});

describe('what the tour says is true', () => {
  it('pd: MMSE at a = 1/(1+s^2), P = 0 from a = 1/sqrt(1+s^2), convex, harsher with more noise', () => {
    for (const s of [0.5, 1, 1.5, 2]) {
      const A = 1 + s * s;
      const mseOf = (a: number) => 1 - 2 * a + a * a * A; // E(X - aY)^2 for X ~ N(0,1)
      expect(example1Mmse(s).d).toBeCloseTo(mseOf(1 / A), 12);
      const dPerfect = mseOf(1 / Math.sqrt(A));
      const at = example1Curve(s, [dPerfect * (1 - 1e-3), dPerfect * (1 + 1e-9), dPerfect + 0.1]).p;
      expect(at[0]).toBeGreaterThan(0);
      expect(at[1]).toBe(0);
      expect(at[2]).toBe(0);
      // Convex and non-increasing between the MMSE point and P = 0.
      const d0 = example1Mmse(s).d;
      const ds = Array.from({ length: 101 }, (_, i) => d0 + ((dPerfect - d0) * i) / 100);
      const p = example1Curve(s, ds).p as number[];
      for (let i = 1; i < p.length - 1; i++) {
        expect(p[i - 1] - 2 * p[i] + p[i + 1]).toBeGreaterThanOrEqual(-1e-12);
        expect(p[i]).toBeLessThanOrEqual(p[i - 1]);
      }
    }
    // Harsher with more noise: where every curve is defined, P grows with sigma_N.
    const ds = [0.81, 0.85, 0.9, 1.0, 1.1];
    const [p1, p15, p2] = [1, 1.5, 2].map((s) => example1Curve(s, ds).p as number[]);
    for (let i = 0; i < ds.length; i++) {
      expect(p15[i]).toBeGreaterThanOrEqual(p1[i]);
      expect(p2[i]).toBeGreaterThan(p15[i]);
    }
    expect(p15[0]).toBeGreaterThan(p1[0]);
    expect(step('pd').state).toMatchObject({ mu1: 0, mu2: 0, sigmaX: 1 }); // X ~ N(0, 1)
  });

  it('mmse-map: MAP never outputs 0 at p0 = 0.2, does above 1/(1 + 2 sqrt(e)); MMSE has a density on (-1, 1)', () => {
    expect(step('mmse-map').state.p0).toBe(0.2);
    expect(mapPmf(0.2)[1]).toBe(0);
    const threshold = 1 / (1 + 2 * Math.sqrt(Math.E));
    expect(threshold).toBeCloseTo(0.233, 3);
    expect(mapPmf(threshold - 1e-6)[1]).toBe(0);
    expect(mapPmf(threshold + 1e-3)[1]).toBeGreaterThan(0);
    // Density of E[X|Y] integrates to 1 over the open interval: no point masses.
    const n = 20000;
    let mass = 0;
    for (let i = 0; i < n; i++) mass += mmseDensity(0.2, -1 + (2 * (i + 0.5)) / n) * (2 / n);
    expect(mass).toBeCloseTo(1, 3);
  });

  it('curves: D least at a = 2/3, KL near 0.81, C at 1/2 equal to the Bayes error of Y (20.4%)', () => {
    const p = paramsOf(step('curves').state);
    expect(argmin((a) => toyPoint(p, a).mse, 0, 1.5)).toBeCloseTo(2 / 3, 6);
    expect(argmin((a) => toyPoint(p, a).klXXhat, 0.5, 1.2)).toBeCloseTo(0.81, 2);
    expect(argmin((a) => errorRate(p, a), 0.2, 1)).toBeCloseTo(0.5, 5);
    expect(errorRate(p, 0.5)).toBeCloseTo(bayesErrorY(p), 12);
    expect(bayesErrorY(p)).toBeCloseTo(0.204, 3);
  });

  it('surface: C_lin never increases; with W2 at sigma_N = 2.5 a midpoint lies about 1e-3 above its chord', () => {
    const m = createToyModel({ p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 2.5 }, 'w2');
    const c = (d: number, p: number) => m.point(d, p).c as number;
    const [d1, p1, d2, p2] = [2.459, 0.8758, 2.495, 0.3065];
    const above = c((d1 + d2) / 2, (p1 + p2) / 2) - (c(d1, p1) + c(d2, p2)) / 2;
    expect(above).toBeGreaterThan(5e-4);
    expect(above).toBeLessThan(2e-3);
    const paper = createToyModel(paramsOf(step('surface').state), 'kl');
    for (const P of [0.02, 0.1]) {
      let last = Infinity;
      for (let d = 0.7; d <= 2.5; d += 0.05) {
        const v = paper.point(d, P).c as number;
        expect(v).toBeLessThanOrEqual(last + 1e-12);
        last = v;
      }
    }
  });
});
