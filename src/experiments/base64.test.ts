import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ByteLength, base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url } from './base64';
import { fnv1a64 } from './ids';

describe('base64', () => {
  it('agrees with Node’s Buffer both ways, standard and url-safe (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const std = Buffer.from(bytes).toString('base64');
        const url = Buffer.from(bytes).toString('base64url');
        expect(bytesToBase64(bytes)).toBe(std);
        expect(bytesToBase64Url(bytes)).toBe(url);
        expect(base64ToBytes(std)).toEqual(bytes);
        expect(base64UrlToBytes(url)).toEqual(bytes);
        expect(base64ByteLength(std)).toBe(bytes.length);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses text outside the alphabet or of impossible length', () => {
    for (const bad of ['a', 'ab=c', 'ab!c', 'abc==', '====']) expect(() => base64ToBytes(bad)).toThrow();
    for (const bad of ['a', 'ab+c', 'ab/c', 'abcde', 'ab=']) expect(() => base64UrlToBytes(bad)).toThrow();
  });
});

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
