/**
 * Turning dataset images into canvas pixels. Values are read as v * valueScale
 * (1/255 for uint8, 1 for floats) and clipped to [0, 1] for display only: the
 * noisy inputs themselves are not clipped.
 */

export interface ImageRef {
  readonly src: Uint8Array | Float32Array;
  /** Index of the image in src (images of h x w x c each). */
  readonly index: number;
}

/** RGBA pixels of one HWC image, each source pixel drawn as a scale x scale block. */
export function imageToRgba(
  src: Uint8Array | Float32Array,
  index: number,
  h: number,
  w: number,
  c: number,
  scale: number,
): Uint8ClampedArray<ArrayBuffer> {
  const valueScale = src instanceof Uint8Array ? 1 / 255 : 1;
  const W = w * scale;
  const out = new Uint8ClampedArray(h * scale * W * 4);
  const base = index * h * w * c;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = base + (y * w + x) * c;
      const rgb = [0, 0, 0];
      for (let k = 0; k < 3; k++) {
        const v = src[p + (c === 1 ? 0 : k)] * valueScale;
        rgb[k] = Math.round(255 * (v < 0 ? 0 : v > 1 ? 1 : v));
      }
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const o = ((y * scale + dy) * W + x * scale + dx) * 4;
          out[o] = rgb[0];
          out[o + 1] = rgb[1];
          out[o + 2] = rgb[2];
          out[o + 3] = 255;
        }
      }
    }
  }
  return out;
}

/** The first `perClass` indices of each class, in order; fewer where a class is short. */
export function pickSamples(labels: Uint8Array, numClasses: number, perClass: number): number[][] {
  const out: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l < numClasses && out[l].length < perClass) out[l].push(i);
  }
  return out;
}

/** Copies the chosen images into one contiguous batch (for the degradations). */
export function gatherImages(images: Uint8Array, indices: readonly number[], per: number): Uint8Array {
  const out = new Uint8Array(indices.length * per);
  indices.forEach((idx, k) => out.set(images.subarray(idx * per, (idx + 1) * per), k * per));
  return out;
}
