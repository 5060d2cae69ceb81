/**
 * Reader for the CIFAR-10 binary version (cifar-10-batches-bin). Each record
 * is 1 label byte followed by 3072 pixel bytes: the 32x32 red plane, then
 * green, then blue, each row-major. The app stores HWC, so the planes are
 * interleaved here.
 */

export const CIFAR_SIDE = 32;
export const CIFAR_PLANE = CIFAR_SIDE * CIFAR_SIDE;
export const CIFAR_RECORD_BYTES = 1 + 3 * CIFAR_PLANE;

export class CifarFormatError extends Error {
  override name = 'CifarFormatError';
}

export interface CifarBatch {
  readonly count: number;
  /** count x 32 x 32 x 3, HWC. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export function readCifarBatch(bytes: Uint8Array, what = 'CIFAR-10 batch', numClasses = 10): CifarBatch {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) {
    throw new CifarFormatError(
      `${what}: ${bytes.length} bytes is not a whole number of ${CIFAR_RECORD_BYTES}-byte records (1 label + 3x32x32 pixels)`,
    );
  }
  const count = bytes.length / CIFAR_RECORD_BYTES;
  const images = new Uint8Array(count * 3 * CIFAR_PLANE);
  const labels = new Uint8Array(count);
  for (let r = 0; r < count; r++) {
    const base = r * CIFAR_RECORD_BYTES;
    const label = bytes[base];
    if (label >= numClasses) throw new CifarFormatError(`${what}: label ${label} in record ${r} is outside 0..${numClasses - 1}`);
    labels[r] = label;
    const out = r * 3 * CIFAR_PLANE;
    for (let p = 0; p < CIFAR_PLANE; p++) {
      images[out + 3 * p] = bytes[base + 1 + p];
      images[out + 3 * p + 1] = bytes[base + 1 + CIFAR_PLANE + p];
      images[out + 3 * p + 2] = bytes[base + 1 + 2 * CIFAR_PLANE + p];
    }
  }
  return { count, images, labels };
}

/** batches.meta.txt: one class name per line (blank lines ignored). */
export function readCifarMeta(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
