import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The architecture's rooms: scripts drive the engine, never the views. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('rooms', () => {
  it('no script imports from src/ui', () => {
    const offenders = tsFiles('scripts').flatMap((f) => importsOf(f).filter((s) => s.includes('src/ui/')).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('src/experiments and src/train import nothing from src/ui', () => {
    const offenders = [...tsFiles('src/experiments'), ...tsFiles('src/train')].flatMap((f) => importsOf(f).filter((s) => /(^|\/)ui\//.test(s)).map((s) => `${f}: ${s}`));
    expect(offenders).toEqual([]);
  });
});
