import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFor } from './loadPlotly';

// The trace types each plotly bundle registers, read from the bundles themselves.
function traces(pkg: string): Set<string> {
  const dir = join(process.cwd(), 'node_modules', pkg);
  const file = readdirSync(dir).find((f) => f.endsWith('.min.js'))!;
  const text = readFileSync(join(dir, file), 'utf8');
  return new Set([...text.matchAll(/moduleType:"trace",name:"([a-z0-9]+)"/g)].map((m) => m[1]));
}
const cartesian = traces('plotly.js-cartesian-dist-min');
const gl3d = traces('plotly.js-gl3d-dist-min');
const full = traces('plotly.js-dist-min');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('which plotly bundle draws a figure', () => {
  it('every trace type only the gl3d bundle has goes to gl3d; every cartesian one to cartesian', () => {
    expect(cartesian.size).toBeGreaterThan(5);
    for (const t of gl3d) if (!cartesian.has(t)) expect(bundleFor([{ type: t } as never]), t).toBe('gl3d');
    for (const t of cartesian) expect(bundleFor([{ type: t } as never]), t).toBe('cartesian');
    // A trace without a type is a scatter; a 2D trace beside a 3D one needs the 3D bundle.
    expect(bundleFor([{ x: [1] }])).toBe('cartesian');
    expect(bundleFor([{ type: 'scatter' }, { type: 'scatter3d' }])).toBe('gl3d');
    expect(bundleFor(null)).toBe('cartesian');
  });

  it('every trace type the app draws is in the bundle it is sent to', () => {
    const used = new Set<string>();
    for (const f of sources(join(process.cwd(), 'src'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/type: '([a-z0-9]+)'/g)) if (full.has(m[1])) used.add(m[1]);
    }
    expect([...used]).toEqual(expect.arrayContaining(['scatter', 'heatmap', 'scatter3d', 'surface']));
    for (const t of used) {
      const b = bundleFor([{ type: t } as never]);
      expect((b === 'gl3d' ? gl3d : cartesian).has(t), `${t} in ${b}`).toBe(true);
    }
  });
});
