import { bytesToBase64Url } from './base64';

/** A random experiment id: 96 bits, base64url (16 characters). */
export function newExperimentId(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return bytesToBase64Url(b);
}

/**
 * A 64-bit FNV-1a digest of a text as 16 hex digits: content-derived ids (an
 * older file imported twice gets the same id both times, so the second
 * import is refused instead of duplicating it). Not a security hash.
 */
export function fnv1a64(text: string): string {
  // Two 32-bit halves of the 64-bit FNV state, multiplied by the 64-bit prime
  // 0x100000001b3 = 2^40 + 0x1b3 with carries done by hand.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const loMul = lo * 0x1b3;
    const newLo = loMul >>> 0;
    const carry = Math.floor(loMul / 0x100000000);
    hi = (Math.imul(hi, 0x1b3) + (lo << 8) + carry) >>> 0;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
