import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeShard, encodeShard, ShardFormatError, shardByteLength } from './shard';

describe('shard codec', () => {
  it('writes the documented layout byte for byte', () => {
    // 2 images of 1x2x3 (HWC) and their labels.
    const images = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const labels = Uint8Array.from([7, 0]);
    const bytes = encodeShard(images, labels, { height: 1, width: 2, channels: 3 });
    const expected = [
      0x43, 0x44, 0x50, 0x53, // "CDPS"
      1, 0, 0, 0, // version
      2, 0, 0, 0, // N
      1, 0, 0, 0, // H
      2, 0, 0, 0, // W
      3, 0, 0, 0, // C
      0, 0, 0, 0, 0, 0, 0, 0, // reserved
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      7, 0,
    ];
    expect(Array.from(bytes)).toEqual(expected);
    expect(bytes.length).toBe(shardByteLength(2, { height: 1, width: 2, channels: 3 }));
  });

  it('decodes to views of the input buffer (no copy)', () => {
    const images = new Uint8Array(3 * 4).map((_, i) => i * 9);
    const bytes = encodeShard(images, Uint8Array.from([1, 2, 3]), { height: 2, width: 2, channels: 1 });
    const d = decodeShard(bytes);
    expect(d.images.buffer).toBe(bytes.buffer);
    expect(d.labels.buffer).toBe(bytes.buffer);
    expect(Array.from(d.images)).toEqual(Array.from(images));
    expect(Array.from(d.labels)).toEqual([1, 2, 3]);
    expect([d.count, d.height, d.width, d.channels]).toEqual([3, 2, 2, 1]);
  });

  it('round-trips any content', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 3),
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        (h, w, c, n, seed) => {
          const images = new Uint8Array(n * h * w * c).map((_, i) => (i * 31 + seed) & 255);
          const labels = new Uint8Array(n).map((_, i) => (i + seed) & 7);
          const d = decodeShard(encodeShard(images, labels, { height: h, width: w, channels: c }));
          expect(Array.from(d.images)).toEqual(Array.from(images));
          expect(Array.from(d.labels)).toEqual(Array.from(labels));
        },
      ),
    );
  });

  it('rejects bad magic, version, length and labels', () => {
    const good = encodeShard(new Uint8Array(4), Uint8Array.from([9]), { height: 2, width: 2, channels: 1 });
    const badMagic = good.slice();
    badMagic[0] = 0x58;
    expect(() => decodeShard(badMagic)).toThrow(/bad magic/);
    const badVersion = good.slice();
    badVersion[4] = 2;
    expect(() => decodeShard(badVersion)).toThrow(/version 2/);
    expect(() => decodeShard(good.subarray(0, good.length - 1))).toThrow(/says 37 bytes, the shard has 36/);
    expect(() => decodeShard(good.subarray(0, 10))).toThrow(ShardFormatError);
    expect(() => decodeShard(good, 5)).toThrow(/label 9 at index 0 is not below 5/);
    expect(() => encodeShard(new Uint8Array(3), Uint8Array.from([0]), { height: 2, width: 2, channels: 1 })).toThrow();
  });
});
