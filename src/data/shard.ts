/**
 * Binary shard format (version 1). One shard holds N images of one split.
 *
 *   offset  size        field
 *   0       4           magic "CDPS" (0x43 0x44 0x50 0x53)
 *   4       4           format version, uint32 little-endian (= 1)
 *   8       4           N, number of images, uint32 LE
 *   12      4           H, uint32 LE
 *   16      4           W, uint32 LE
 *   20      4           C, channels, uint32 LE
 *   24      8           reserved, zero
 *   32      N*H*W*C     images, uint8, row-major N x H x W x C (HWC per image)
 *   32+N*H*W*C  N       labels, uint8 (class index)
 *
 * Pixel value v stands for v / 255 in [0, 1]. The 32-byte header keeps the
 * image block aligned so it can be viewed in place, without a copy.
 */

export const SHARD_MAGIC = 'CDPS';
export const SHARD_FORMAT_VERSION = 1;
export const SHARD_HEADER_BYTES = 32;

export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** Images and labels of one shard; both are views into the shard's buffer. */
export interface DecodedShard extends ImageShape {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export class ShardFormatError extends Error {
  override name = 'ShardFormatError';
}

export function imageBytes(shape: ImageShape): number {
  return shape.height * shape.width * shape.channels;
}

export function shardByteLength(count: number, shape: ImageShape): number {
  return SHARD_HEADER_BYTES + count * imageBytes(shape) + count;
}

export function encodeShard(images: Uint8Array, labels: Uint8Array, shape: ImageShape): Uint8Array<ArrayBuffer> {
  const count = labels.length;
  const per = imageBytes(shape);
  if (images.length !== count * per) {
    throw new ShardFormatError(
      `encodeShard: ${images.length} image bytes for ${count} labels of ${shape.height}x${shape.width}x${shape.channels}`,
    );
  }
  const out = new Uint8Array(shardByteLength(count, shape));
  for (let i = 0; i < 4; i++) out[i] = SHARD_MAGIC.charCodeAt(i);
  const view = new DataView(out.buffer);
  view.setUint32(4, SHARD_FORMAT_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, shape.height, true);
  view.setUint32(16, shape.width, true);
  view.setUint32(20, shape.channels, true);
  out.set(images, SHARD_HEADER_BYTES);
  out.set(labels, SHARD_HEADER_BYTES + images.length);
  return out;
}

/** Reads a shard without copying: the returned arrays view `bytes`' buffer. */
export function decodeShard(bytes: Uint8Array, numClasses?: number): DecodedShard {
  if (bytes.length < SHARD_HEADER_BYTES) {
    throw new ShardFormatError(`shard is ${bytes.length} bytes, shorter than its ${SHARD_HEADER_BYTES}-byte header`);
  }
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== SHARD_MAGIC.charCodeAt(i)) throw new ShardFormatError('not a CDP shard (bad magic number)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, SHARD_HEADER_BYTES);
  const version = view.getUint32(4, true);
  if (version !== SHARD_FORMAT_VERSION) {
    throw new ShardFormatError(`shard format version ${version}, expected ${SHARD_FORMAT_VERSION}`);
  }
  const count = view.getUint32(8, true);
  const shape = { height: view.getUint32(12, true), width: view.getUint32(16, true), channels: view.getUint32(20, true) };
  const expected = shardByteLength(count, shape);
  if (bytes.length !== expected) {
    throw new ShardFormatError(`shard header says ${expected} bytes, the shard has ${bytes.length}`);
  }
  const n = count * imageBytes(shape);
  const images = bytes.subarray(SHARD_HEADER_BYTES, SHARD_HEADER_BYTES + n);
  const labels = bytes.subarray(SHARD_HEADER_BYTES + n, SHARD_HEADER_BYTES + n + count);
  if (numClasses !== undefined) {
    for (let i = 0; i < count; i++) {
      if (labels[i] >= numClasses) throw new ShardFormatError(`label ${labels[i]} at index ${i} is not below ${numClasses}`);
    }
  }
  return { count, ...shape, images, labels };
}
