import { BuildError } from './errors';

/**
 * Minimal reader for ustar/GNU tar archives (uncompressed bytes), enough for
 * the CIFAR-10 tarball: regular files by path, everything else skipped.
 */
export function readTar(bytes: Uint8Array, what: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (off: number, len: number) => {
    let end = off;
    while (end < off + len && bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(off, end));
  };
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= bytes.length) {
    const header = bytes.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    const stored = parseInt(text(off + 148, 8).trim(), 8);
    if (stored !== sum) throw new BuildError(`${what}: not a tar archive (bad header checksum at byte ${off})`);
    const size = parseInt(text(off + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = text(off + 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(off, 100)}` : text(off, 100));
    longName = undefined;
    const dataStart = off + 512;
    if (dataStart + size > bytes.length) throw new BuildError(`${what}: truncated tar archive (entry ${name})`);
    const data = bytes.subarray(dataStart, dataStart + size);
    if (type === 'L') longName = text(dataStart, size);
    else if (type === '0' || type === '\0') files.set(name.replace(/^\.\//, ''), data);
    off = dataStart + Math.ceil(size / 512) * 512;
  }
  return files;
}
