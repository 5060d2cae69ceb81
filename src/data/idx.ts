/**
 * Reader for the idx format of MNIST and Fashion-MNIST (uncompressed bytes;
 * gunzip first). Layout: 2 zero bytes, a type byte (0x08 = unsigned byte),
 * the number of dimensions, then each dimension as a big-endian uint32, then
 * the data row-major. Images are 3-dimensional (magic 0x00000803), labels
 * 1-dimensional (0x00000801).
 */

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

export interface IdxImages {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** A view into the input, count x height x width. */
  readonly pixels: Uint8Array;
}

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(8, '0');
}

function header(bytes: Uint8Array, what: string, magic: number, dims: number): number[] {
  const need = 4 + 4 * dims;
  if (bytes.length < 4) throw new IdxFormatError(`${what}: ${bytes.length} bytes, shorter than the ${need}-byte idx header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const got = view.getUint32(0, false);
  if (got !== magic) throw new IdxFormatError(`${what}: magic number ${hex(got)}, expected ${hex(magic)}`);
  if (bytes.length < need) throw new IdxFormatError(`${what}: ${bytes.length} bytes, shorter than the ${need}-byte idx header`);
  const out: number[] = [];
  for (let i = 0; i < dims; i++) out.push(view.getUint32(4 + 4 * i, false));
  return out;
}

export function readIdxImages(bytes: Uint8Array, what = 'idx images'): IdxImages {
  const [count, height, width] = header(bytes, what, IDX_IMAGES_MAGIC, 3);
  const start = 16;
  const expected = start + count * height * width;
  if (bytes.length !== expected) {
    throw new IdxFormatError(
      `${what}: header announces ${count} images of ${height}x${width} (${expected} bytes), the file has ${bytes.length} bytes`,
    );
  }
  return { count, height, width, pixels: bytes.subarray(start) };
}

export function readIdxLabels(bytes: Uint8Array, what = 'idx labels', numClasses = 10): Uint8Array {
  const [count] = header(bytes, what, IDX_LABELS_MAGIC, 1);
  const expected = 8 + count;
  if (bytes.length !== expected) {
    throw new IdxFormatError(`${what}: header announces ${count} labels (${expected} bytes), the file has ${bytes.length} bytes`);
  }
  const labels = bytes.subarray(8);
  for (let i = 0; i < count; i++) {
    if (labels[i] >= numClasses) throw new IdxFormatError(`${what}: label ${labels[i]} at index ${i} is outside 0..${numClasses - 1}`);
  }
  return labels;
}
