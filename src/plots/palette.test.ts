import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scaleColor } from '../ui/experiments/figures';
import { paletteFor, type Palette, type ThemeName } from './palette';

// WCAG 2.1 non-text contrast (1.4.11): lines and markers need 3:1 against
// what they are drawn on, the plot card's --panel, in normal and in
// presentation mode. The panel colours are read from the stylesheets, so a
// change there is checked too.

/** WCAG relative luminance of an sRGB colour, '#rrggbb' or 'rgb(r, g, b)'. */
function luminance(colour: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(colour);
  const rgb = m
    ? [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16))
    : (/^rgb\((\d+), *(\d+), *(\d+)\)$/.exec(colour)?.slice(1).map(Number) ?? null);
  if (!rgb) throw new Error(`not an opaque sRGB colour: ${colour}`);
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The --panel value of the one rule in `css` whose selector is exactly `selector`. */
function panelIn(file: string, selector: string): string {
  const css = readFileSync(new URL(file, import.meta.url), 'utf8');
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`${file}: no rule ${selector}`);
  const body = css.slice(at, css.indexOf('}', at));
  const m = /--panel:\s*(#[0-9a-fA-F]{6})\s*;/.exec(body);
  if (!m) throw new Error(`${file} ${selector}: no --panel`);
  return m[1];
}

const PANELS: Record<ThemeName, { normal: string; present: string }> = {
  light: { normal: panelIn('../styles/theme.css', ':root'), present: panelIn('../ui/present/present.css', ':root[data-present]') },
  dark: {
    normal: panelIn('../styles/theme.css', ":root[data-theme='dark']"),
    present: panelIn('../ui/present/present.css', ":root[data-present][data-theme='dark']"),
  },
};

/** Area fills and axis furniture: not lines or markers that carry data. */
const NOT_LINES = new Set<keyof Palette>(['grid', 'zero', 'feasible', 'infeasible']);

/** Every line and marker colour of a palette, named. */
function lineColours(pal: Palette): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(pal) as [keyof Palette, unknown][]) {
    if (NOT_LINES.has(k) || k === 'scale') continue;
    if (typeof v === 'string') out.push([k, v]);
    else if (Array.isArray(v)) v.forEach((c, i) => out.push([`${k}[${i}]`, String(c)]));
    else throw new Error(`palette key ${k}: not a colour; classify it here`);
  }
  // Iso-curves take any colour of the scale (scaleColor): its stops and 101 points between.
  for (const [t, c] of pal.scale) out.push([`scale stop ${t}`, c]);
  for (let i = 0; i <= 100; i++) out.push([`scale at ${i / 100}`, scaleColor(pal.scale, i / 100)]);
  return out;
}

describe('palette contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    // WebAIM's checker: #777777 on white is 4.48:1.
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The old dark scale's low end, the invisible iso-curve of the issue.
    expect(contrast('#0d0887', PANELS.dark.normal)).toBeLessThan(3);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const mode of ['normal', 'present'] as const) {
      it(`${theme} theme, ${mode} mode: every line and marker colour has 3:1 on the panel`, () => {
        const panel = PANELS[theme][mode];
        const low = lineColours(paletteFor(theme))
          .map(([name, c]) => ({ name, c, ratio: Math.round(contrast(c, panel) * 100) / 100 }))
          .filter((x) => x.ratio < 3);
        expect(low, `against ${panel}`).toEqual([]);
      });
    }
  }
});
