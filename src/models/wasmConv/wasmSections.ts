/** The ids of a wasm binary's sections, in order (11: data, 12: data count). */
export function wasmSections(bytes: Uint8Array): number[] {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new Error('not a wasm module');
  const ids: number[] = [];
  let i = 8;
  while (i < bytes.length) {
    const id = bytes[i++];
    let size = 0;
    let shift = 0;
    for (;;) {
      if (i >= bytes.length) throw new Error('truncated wasm section header');
      const b = bytes[i++];
      size += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (i + size > bytes.length) throw new Error('truncated wasm section');
    ids.push(id);
    i += size;
  }
  return ids;
}
