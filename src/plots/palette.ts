import type { Layout } from 'plotly.js-dist-min';

export type ThemeName = 'light' | 'dark';

/** Literal colours for plotly, one set per theme (plotly cannot read CSS variables). */
export interface Palette {
  fg: string;
  muted: string;
  grid: string;
  zero: string;
  /** Series: X, Y, X^ (densities) and D, P, C (the three criteria). */
  x: string;
  y: string;
  xhat: string;
  d: string;
  p: string;
  c: string;
  /** Current-value markers and the feasible set of a. */
  marker: string;
  feasible: string;
  infeasible: string;
  /** A qualitative sequence for families of curves (profiles, sigma_N). */
  family: readonly string[];
  /** Colour scale for C on the surface and contour map. */
  scale: [number, string][];
}

const light: Palette = {
  fg: '#1b1f24',
  muted: '#5a6470',
  grid: '#e3e7ec',
  zero: '#b9c1cb',
  x: '#2458c6',
  y: '#8a8f98',
  xhat: '#d9480f',
  d: '#2458c6',
  p: '#9c36b5',
  c: '#d9480f',
  marker: '#111111',
  feasible: 'rgba(47, 158, 68, 0.16)',
  infeasible: 'rgba(120, 128, 140, 0.55)',
  family: ['#2458c6', '#d9480f', '#2f9e44', '#9c36b5', '#c2255c', '#0b7285'],
  // Plasma up to its middle, then ending at a dark orange instead of plasma's
  // yellow: the iso-curves are drawn in this scale's colours, and on the
  // white panel every one of them must keep 3:1 (palette.test.ts).
  scale: [
    [0, '#0d0887'],
    [0.25, '#6a00a8'],
    [0.5, '#b12a90'],
    [0.75, '#d4436e'],
    [1, '#c85a00'],
  ],
};

const dark: Palette = {
  fg: '#e6e9ee',
  muted: '#9aa4b2',
  grid: '#2c333d',
  zero: '#4a5361',
  x: '#7aa7ff',
  y: '#a3aab5',
  xhat: '#ff8c42',
  d: '#7aa7ff',
  p: '#da77f2',
  c: '#ff8c42',
  marker: '#ffffff',
  feasible: 'rgba(105, 219, 124, 0.16)',
  infeasible: 'rgba(150, 158, 170, 0.45)',
  family: ['#7aa7ff', '#ff8c42', '#69db7c', '#da77f2', '#f783ac', '#66d9e8'],
  // Plasma's hues, lifted: its dark indigo end (1.1:1 on the dark panel) made
  // the low-C dotted iso-curve vanish. Every colour of the scale, stops and
  // what lies between, keeps 3:1 on the dark panel (palette.test.ts).
  scale: [
    [0, '#8f86ff'],
    [0.25, '#b06dff'],
    [0.5, '#e062c8'],
    [0.75, '#f57d6e'],
    [1, '#fcc245'],
  ],
};

export function paletteFor(theme: ThemeName): Palette {
  return theme === 'dark' ? dark : light;
}

/** The layout every figure starts from: transparent so the card's CSS background shows. */
export function baseLayout(pal: Palette): Partial<Layout> {
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: pal.fg, size: 12 },
    margin: { l: 52, r: 16, t: 8, b: 40 },
    showlegend: true,
    legend: {
      orientation: 'h',
      x: 0,
      y: 1.02,
      yanchor: 'bottom',
      bgcolor: 'rgba(0,0,0,0)',
      font: { size: 11 },
    },
    hoverlabel: { font: { size: 12 } },
  };
}

/** Axis defaults; pass title text and any overrides. */
export function axis(pal: Palette, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { text: title, font: { size: 12 }, standoff: 6 },
    gridcolor: pal.grid,
    zerolinecolor: pal.zero,
    linecolor: pal.zero,
    tickfont: { size: 11 },
    automargin: true,
    ...extra,
  };
}
