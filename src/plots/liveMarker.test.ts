import { describe, expect, it } from 'vitest';
import { livePixel, liveTrace } from './liveMarker';

/** A linear axis as plotly draws one: [lo, hi] onto [0, length] pixels, offset within the div. */
function axis(lo: number, hi: number, offset: number, length: number, flip = false, log = false) {
  const d2l = (v: number) => (log ? Math.log10(v) : v);
  const [a, b] = [d2l(lo), d2l(hi)];
  return { _offset: offset, _length: length, d2l, l2p: (l: number) => (flip ? (b - l) / (b - a) : (l - a) / (b - a)) * length };
}

describe('livePixel', () => {
  const fl = { xaxis: axis(0, 10, 50, 200), yaxis: axis(0, 1, 20, 100, true) };

  it('maps data to pixels inside the div through the drawn axes (y grows downward)', () => {
    expect(livePixel(fl, 5, 0.25)).toEqual({ left: 150, top: 95 });
    expect(livePixel(fl, 0, 1)).toEqual({ left: 50, top: 20 });
  });

  it('follows a log axis', () => {
    const p = livePixel({ xaxis: axis(1, 100, 0, 100, false, true), yaxis: fl.yaxis }, 10, 0);
    expect(p!.left).toBeCloseTo(50, 9);
  });

  it('draws nothing outside the axes, before a draw, or for a non-finite value', () => {
    expect(livePixel(fl, 11, 0.5)).toBeNull();
    expect(livePixel(fl, 5, -0.2)).toBeNull();
    expect(livePixel({}, 5, 0.5)).toBeNull();
    expect(livePixel(undefined, 5, 0.5)).toBeNull();
    expect(livePixel(fl, NaN, 0.5)).toBeNull();
  });

  it('exports as a one-point trace', () => {
    expect(liveTrace({ x: 1, y: 2, label: 'Slider', color: '#f00' })).toMatchObject({ x: [1], y: [2], name: 'Slider', type: 'scatter' });
  });
});
