import type { Rng } from '../data/rng';

/**
 * Host-side batch assembly: picking images out of a uint8 split, scaling to
 * [0, 1], and the random-shift augmentation used for classifier training.
 */

export interface ImageSet {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** count x H x W x C, uint8 (v/255) or floats in [0, 1]. */
  readonly images: Uint8Array | Float32Array;
  readonly labels: Uint8Array;
}

export function pixelsPer(s: { height: number; width: number; channels: number }): number {
  return s.height * s.width * s.channels;
}

/** Copies the listed images into one float batch in [0, 1]. */
export function gather(set: ImageSet, indices: ArrayLike<number>, out?: Float32Array): Float32Array {
  const per = pixelsPer(set);
  const dst = out ?? new Float32Array(indices.length * per);
  const scale = set.images instanceof Uint8Array ? 1 / 255 : 1;
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * per;
    const o = i * per;
    for (let j = 0; j < per; j++) dst[o + j] = set.images[src + j] * scale;
  }
  return dst;
}

export function gatherLabels(set: ImageSet, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = set.labels[indices[i]];
  return out;
}

/** Shifts every image of a batch in place by up to +-maxShift pixels, zero fill. */
export function randomShift(batch: Float32Array, count: number, h: number, w: number, c: number, maxShift: number, rng: Rng): void {
  if (maxShift <= 0) return;
  const per = h * w * c;
  const tmp = new Float32Array(per);
  for (let n = 0; n < count; n++) {
    const dy = Math.floor(rng.uniform() * (2 * maxShift + 1)) - maxShift;
    const dx = Math.floor(rng.uniform() * (2 * maxShift + 1)) - maxShift;
    if (dy === 0 && dx === 0) continue;
    const base = n * per;
    tmp.fill(0);
    for (let y = 0; y < h; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < w; x++) {
        const sx = x - dx;
        if (sx < 0 || sx >= w) continue;
        for (let k = 0; k < c; k++) tmp[(y * w + x) * c + k] = batch[base + (sy * w + sx) * c + k];
      }
    }
    batch.set(tmp, base);
  }
}
