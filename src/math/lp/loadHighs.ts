// One HiGHS runtime per JavaScript realm (compiling the 3.5 MB wasm takes a while).
// In Node the loader finds highs.wasm beside itself; the browser worker passes
// locateFile pointing at the URL the bundler served it under.

import loadHighsModule, { type Highs } from 'highs';

let runtime: Promise<Highs> | undefined;

export function loadHighs(locateFile?: (file: string) => string): Promise<Highs> {
  runtime ??= loadHighsModule(locateFile ? { locateFile } : undefined).catch((e: unknown) => {
    runtime = undefined;
    throw e;
  });
  return runtime;
}
