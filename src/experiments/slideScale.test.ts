import { describe, expect, it } from 'vitest';
import { ratioToSlider, sliderToRatio, SLIDER_STEPS } from './slideScale';

const range = { lo: 1e-3, hi: 2, pZero: 0.15 };
const grid = [0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];

describe('log slider for a loss-weight ratio', () => {
  it('reaches 0 and the top of the range, and is monotone in between', () => {
    expect(sliderToRatio(0, range)).toBe(0);
    expect(sliderToRatio(SLIDER_STEPS, range)).toBe(2);
    let last = -1;
    for (let s = 0; s <= SLIDER_STEPS; s++) {
      const r = sliderToRatio(s, range);
      expect(r).toBeGreaterThan(last);
      last = r;
    }
  });

  it('round-trips positions, and every grid value has a position that lands on it exactly', () => {
    for (let s = 0; s <= SLIDER_STEPS; s += 7) expect(ratioToSlider(sliderToRatio(s, range), range)).toBe(s);
    for (const g of grid) expect(sliderToRatio(ratioToSlider(g, range), range, grid)).toBe(g);
  });

  it('gives each decade about the same travel', () => {
    const travel = (x: number, y: number) => ratioToSlider(y, range) - ratioToSlider(x, range);
    expect(Math.abs(travel(0.01, 0.1) - travel(0.1, 1))).toBeLessThanOrEqual(3);
  });
});
