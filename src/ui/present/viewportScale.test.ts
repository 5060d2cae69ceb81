import { describe, expect, it } from 'vitest';
import { presentScale, PRESENT_SCALE, viewportFactor } from './viewportScale';

describe('presentation scale and the viewport', () => {
  it('is the 1280x720 scale at that size and below', () => {
    expect(presentScale(1280, 720)).toEqual(PRESENT_SCALE);
    expect(presentScale(1280, 800)).toEqual(PRESENT_SCALE);
    expect(presentScale(1024, 600)).toEqual(PRESENT_SCALE);
  });

  it('grows 1.5x on a 1920x1080 projector, bounded by the shorter side', () => {
    expect(presentScale(1920, 1080).font / PRESENT_SCALE.font).toBeCloseTo(1.5, 12);
    expect(presentScale(1920, 1080).line / PRESENT_SCALE.line).toBeCloseTo(1.5, 12);
    // A wide but short window: the height decides, so nothing outgrows the screen.
    expect(viewportFactor(2560, 720)).toBe(1);
    expect(viewportFactor(3840, 2160)).toBe(2.5);
    expect(viewportFactor(NaN, 720)).toBe(1);
  });
});
