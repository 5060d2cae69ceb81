import { bytesToBase64 } from '../base64';
import { MAX_THUMBS, type Thumbnails } from '../records';

/** A sample grid as the engine draws it: float pixels in [0, 1], HWC, `count` images per row. */
export interface FloatGrid {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly clean: ArrayLike<number>;
  readonly degraded: ArrayLike<number>;
  readonly restored: ArrayLike<number>;
}

/** 8-bit thumbnails (round(255 v), v clipped to [0, 1]; noisy inputs exceed it). */
export function toThumbnails(g: FloatGrid): Thumbnails {
  const count = Math.min(g.count, MAX_THUMBS);
  const n = count * g.height * g.width * g.channels;
  const q = (src: ArrayLike<number>) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = src[i];
      out[i] = Number.isFinite(v) ? Math.round(255 * Math.min(1, Math.max(0, v))) : 0;
    }
    return bytesToBase64(out);
  };
  if (g.channels !== 1 && g.channels !== 3) throw new Error(`thumbnails: ${g.channels} channels`);
  return { count, height: g.height, width: g.width, channels: g.channels, clean: q(g.clean), degraded: q(g.degraded), restored: q(g.restored) };
}
