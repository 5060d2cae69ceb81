import { describe, expect, it } from 'vitest';
import { readIdxImages, readIdxLabels } from './idx';

// Hand-written files in the official layout (http://yann.lecun.com/exdb/mnist/):
// big-endian magic 0x00000803 / 0x00000801, big-endian dimensions, then data.
const images2x2x3 = Uint8Array.from([
  0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
  1, 2, 3, 4, 5, 6,
  250, 251, 252, 253, 254, 255,
]);
const labels2 = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 9, 4]);

describe('idx reader', () => {
  it('reads images and labels of hand-written files', () => {
    const img = readIdxImages(images2x2x3);
    expect([img.count, img.height, img.width]).toEqual([2, 2, 3]);
    expect(Array.from(img.pixels)).toEqual([1, 2, 3, 4, 5, 6, 250, 251, 252, 253, 254, 255]);
    expect(img.pixels.buffer).toBe(images2x2x3.buffer);
    expect(Array.from(readIdxLabels(labels2))).toEqual([9, 4]);
  });

  it('reads counts above 255 (big-endian dimensions)', () => {
    const n = 300;
    const bytes = new Uint8Array(8 + n);
    bytes.set([0, 0, 8, 1, 0, 0, 0x01, 0x2c]);
    expect(readIdxLabels(bytes).length).toBe(300);
  });

  it('rejects wrong magic numbers', () => {
    expect(() => readIdxImages(labels2, 'f')).toThrow('f: magic number 0x00000801, expected 0x00000803');
    expect(() => readIdxLabels(images2x2x3, 'g')).toThrow('g: magic number 0x00000803, expected 0x00000801');
  });

  it('rejects counts that do not match the file length', () => {
    expect(() => readIdxImages(images2x2x3.subarray(0, 27), 'f')).toThrow(
      'f: header announces 2 images of 2x3 (28 bytes), the file has 27 bytes',
    );
    const extra = Uint8Array.from([...labels2, 1]);
    expect(() => readIdxLabels(extra, 'g')).toThrow('header announces 2 labels (10 bytes), the file has 11 bytes');
    expect(() => readIdxImages(images2x2x3.subarray(0, 10), 'f')).toThrow(/shorter than the 16-byte idx header/);
  });

  it('rejects labels out of range', () => {
    const bad = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 3, 10]);
    expect(() => readIdxLabels(bad, 'g')).toThrow('g: label 10 at index 1 is outside 0..9');
  });
});
