import { describe, expect, it } from 'vitest';
import { gatherImages, imageToRgba, pickSamples } from './pixels';

describe('imageToRgba', () => {
  it('maps grey uint8 pixels to opaque grey, nearest-neighbour scaled', () => {
    const src = Uint8Array.from([0, 255, 128, 7, /* image 1 */ 10, 20, 30, 40]);
    const rgba = imageToRgba(src, 1, 2, 2, 1, 2);
    expect(rgba.length).toBe(4 * 4 * 4);
    const px = (x: number, y: number) => Array.from(rgba.subarray((y * 4 + x) * 4, (y * 4 + x) * 4 + 4));
    expect(px(0, 0)).toEqual([10, 10, 10, 255]);
    expect(px(1, 1)).toEqual([10, 10, 10, 255]);
    expect(px(2, 0)).toEqual([20, 20, 20, 255]);
    expect(px(3, 3)).toEqual([40, 40, 40, 255]);
  });

  it('reads HWC colour and clips float values to [0, 1] for display', () => {
    const src = Float32Array.from([1.7, 0.5, -0.3, 0, 0.25, 1]);
    const rgba = imageToRgba(src, 0, 1, 2, 3, 1);
    expect(Array.from(rgba)).toEqual([255, 128, 0, 255, 0, 64, 255, 255]);
  });
});

describe('sample picking', () => {
  it('takes the first indices of each class', () => {
    const labels = Uint8Array.from([2, 0, 2, 1, 2, 0, 2]);
    expect(pickSamples(labels, 3, 2)).toEqual([[1, 5], [3], [0, 2]]);
  });
  it('gathers chosen images contiguously', () => {
    const images = Uint8Array.from([1, 1, 2, 2, 3, 3]);
    expect(Array.from(gatherImages(images, [2, 0], 2))).toEqual([3, 3, 1, 1]);
  });
});
