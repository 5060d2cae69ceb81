import { createRng, type Rng } from '../rng';

/**
 * Denoising task of the paper: Y = X + N(0, sigma^2) with X in [0, 1] and no
 * clipping of Y. Training draws fresh noise for every batch from a running
 * Rng; evaluation uses one fixed noisy copy of the test split made from a
 * fixed seed, so D/P/C are comparable across runs.
 */

export const TEST_NOISE_SEED = 0x5eed_7e57;

/** uint8 pixels to floats in [0, 1]. */
export function toUnit(pixels: Uint8Array, out: Float32Array = new Float32Array(pixels.length)): Float32Array {
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

/** out = x + sigma * z with z standard normal; x may be uint8 (read as v/255) or unit floats. */
export function addGaussianNoise(
  x: Float32Array | Uint8Array,
  sigma: number,
  rng: Rng,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  const scale = x instanceof Uint8Array ? 1 / 255 : 1;
  for (let i = 0; i < x.length; i++) out[i] = x[i] * scale + sigma * rng.normal();
  return out;
}

/** The fixed noisy copy of a test split: same seed, same numbers, every run. */
export function noisyTestCopy(images: Uint8Array, sigma: number, seed: number = TEST_NOISE_SEED): Float32Array {
  return addGaussianNoise(images, sigma, createRng(seed));
}
