import { describe, expect, it } from 'vitest';
import { CIFAR_RECORD_BYTES, readCifarBatch, readCifarMeta } from './cifar';

/** One record as the official files store it: label, R plane, G plane, B plane. */
function record(label: number, r: (p: number) => number, g: (p: number) => number, b: (p: number) => number): number[] {
  const out = [label];
  for (const f of [r, g, b]) for (let p = 0; p < 1024; p++) out.push(f(p));
  return out;
}

describe('CIFAR-10 binary reader', () => {
  it('turns R, G, B planes into HWC pixels', () => {
    const bytes = Uint8Array.from([
      ...record(3, (p) => p % 256, () => 17, (p) => (p >> 5) & 255),
      ...record(9, () => 1, () => 2, () => 3),
    ]);
    const b = readCifarBatch(bytes);
    expect(b.count).toBe(2);
    expect(Array.from(b.labels)).toEqual([3, 9]);
    // Pixel at row 1, column 2 of image 0: plane offset 34.
    const at = (n: number, y: number, x: number) => Array.from(b.images.subarray(n * 3072 + (y * 32 + x) * 3, n * 3072 + (y * 32 + x) * 3 + 3));
    expect(at(0, 1, 2)).toEqual([34, 17, 1]);
    expect(at(0, 31, 31)).toEqual([1023 % 256, 17, 31]);
    expect(at(1, 5, 7)).toEqual([1, 2, 3]);
  });

  it('rejects a length that is not whole records', () => {
    expect(() => readCifarBatch(new Uint8Array(CIFAR_RECORD_BYTES + 5), 'x.bin')).toThrow(
      'x.bin: 3078 bytes is not a whole number of 3073-byte records',
    );
    expect(() => readCifarBatch(new Uint8Array(0), 'x.bin')).toThrow(/not a whole number/);
  });

  it('rejects labels outside 0..9', () => {
    const bytes = Uint8Array.from([...record(1, () => 0, () => 0, () => 0), ...record(10, () => 0, () => 0, () => 0)]);
    expect(() => readCifarBatch(bytes, 'x.bin')).toThrow('x.bin: label 10 in record 1 is outside 0..9');
  });

  it('reads batches.meta.txt', () => {
    expect(readCifarMeta('airplane\nautomobile\r\n\nbird\n\n')).toEqual(['airplane', 'automobile', 'bird']);
  });
});
