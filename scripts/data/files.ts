import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BuildError } from './errors';

/** Reads a file, gunzipping it when it starts with the gzip magic bytes. */
export function readMaybeGzip(path: string): Uint8Array {
  const raw = new Uint8Array(readFileSync(path));
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return new Uint8Array(gunzipSync(raw));
    } catch (e) {
      throw new BuildError(`${path}: gzip data is corrupt (${(e as Error).message})`);
    }
  }
  return raw;
}

/**
 * Finds `base` in dir as distributed: plain or .gz, and with the dot spelling
 * some mirrors use (train-images.idx3-ubyte).
 */
export function findIdxFile(dir: string, base: string): string | undefined {
  const dotted = base.replace(/-idx(\d)-ubyte$/, '.idx$1-ubyte');
  for (const name of [base, `${base}.gz`, dotted, `${dotted}.gz`]) {
    const p = join(dir, name);
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

export function requireDir(path: string, flag: string): void {
  if (!existsSync(path)) throw new BuildError(`${flag} ${path}: no such file or directory`);
}
