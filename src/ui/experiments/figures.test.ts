import { describe, expect, it } from 'vitest';
import { fakeBundle } from '../../experiments/fixtures';
import { paletteFor } from '../../plots/palette';
import { pairFigure, scaleColor, scatter3dFigure, type SweepFigureInput } from './figures';
import { plotPoints, sourceFromBundle } from './plotData';

const pal = paletteFor('light');

// The fixture's law makes every grid point a trade-off; point 4 is made
// worse on all three axes so that point 3 dominates it.
function input(over: Partial<SweepFigureInput> = {}): SweepFigureInput {
  const b = fakeBundle();
  const src = sourceFromBundle(b);
  const measured = b.points.map((p) => {
    const m = p.metrics!;
    return p.index === 4 ? { index: 4, D: 2 * m.D, P: 2 * m.P!, C: 2 * m.C } : { index: p.index, D: m.D, P: m.P, C: m.C };
  });
  const points = plotPoints(b.experiment.config, measured);
  return { key: 'k', points, baselines: src.baselines, live: null, onlyAdmissible: false, pinned: [], ...over };
}

type Trace = { name?: string; x: number[]; y: number[]; z?: number[]; customdata?: unknown[][]; marker?: { color?: unknown }; mode?: string; text?: unknown };
const traces = (f: { data: unknown[] }) => f.data as Trace[];
const byName = (f: { data: unknown[] }, name: string) => traces(f).find((t) => t.name === name)!;

describe('Fig. 3 trio', () => {
  it('P-D: D on x, P on y, colour C; click data carries the point index', () => {
    const inp = input();
    const f = pairFigure('pd', inp, pal);
    const pts = byName(f, 'Finished points');
    expect(pts.x).toEqual(inp.points.map((p) => p.D));
    expect(pts.y).toEqual(inp.points.map((p) => p.P));
    expect(pts.marker!.color).toEqual(inp.points.map((p) => p.C));
    expect(pts.customdata!.map((c) => c[0])).toEqual(inp.points.map((p) => p.index));
  });

  it('C-P and C-D put C on y with D and P as colour', () => {
    const inp = input();
    const cp = byName(pairFigure('cp', inp, pal), 'Finished points');
    expect([cp.x, cp.y, cp.marker!.color]).toEqual([inp.points.map((p) => p.P), inp.points.map((p) => p.C), inp.points.map((p) => p.D)]);
    const cd = byName(pairFigure('cd', inp, pal), 'Finished points');
    expect([cd.x, cd.y, cd.marker!.color]).toEqual([inp.points.map((p) => p.D), inp.points.map((p) => p.C), inp.points.map((p) => p.P)]);
  });

  it('iso-C curves join the points of each gamma level (C depends on gamma in the fixture) along D', () => {
    const inp = input({ points: sourceFromBundle(fakeBundle()).points });
    const f = pairFigure('pd', inp, pal);
    const iso = traces(f).filter((t) => t.mode === 'lines' && t.name?.startsWith('C ≈'));
    // fixture: C = 0.2 - 0.2 gamma + 0.01 beta; gamma in {0, .25, .5}: three levels of three points.
    expect(iso.length).toBe(3);
    for (const t of iso) {
      expect(t.x.length).toBe(3);
      expect([...t.x].sort((a, b) => a - b)).toEqual(t.x);
    }
  });

  it('admissible points get a ring; "only admissible" drops the rest from every plot', () => {
    const inp = input();
    const adm = inp.points.filter((p) => p.admissible);
    expect(inp.points.filter((p) => !p.admissible).map((p) => p.index)).toEqual([4]);
    expect(byName(pairFigure('pd', inp, pal), 'Admissible (not dominated)').x).toEqual(adm.map((p) => p.D));
    const only = pairFigure('pd', { ...inp, onlyAdmissible: true }, pal);
    expect(byName(only, 'Admissible points').x).toEqual(adm.map((p) => p.D));
    const s3 = scatter3dFigure({ ...inp, onlyAdmissible: true }, pal);
    expect(traces(s3).filter((t) => t.name === 'Dominated')).toEqual([]);
    expect(only.csv().trim().split('\r\n').filter((l) => l.startsWith('point,')).length).toBe(adm.length);
  });

  it('a baseline far outside the sweep becomes an edge arrow; one inside is a marker', () => {
    const inp = input();
    const f = pairFigure('pd', inp, pal);
    // Fixture identity: D = 1, P = 5, far from points with D ~ 0.03-0.07.
    const ann = (f.layout.annotations ?? []) as { text: string; name: string; x: number; hovertext: string }[];
    // Arrows without labels at the edge; the values go to the legend, which sits below the plot.
    expect(ann.map((a) => [a.name, a.text])).toEqual([
      ['identity', ''],
      ['clean', ''],
    ]);
    const xr = (f.layout.xaxis as { range: number[] }).range;
    expect(ann[0].x).toBe(xr[1]);
    expect(ann[0].hovertext).toMatch(/^Identity restorer \(degraded input\): D 1/);
    expect(traces(f).map((t) => t.name).filter((n) => n?.includes('off scale'))).toEqual([
      expect.stringMatching(/^identity \(off scale, arrow at the edge\): D 1/),
      expect.stringMatching(/^clean \(off scale, arrow at the edge\): D 0/),
    ]);
    expect((f.layout.legend as { y: number; yanchor: string }).y).toBeLessThan(0);
    const near = { ...inp, baselines: { identity: { D: 0.05, P: 1.5, C: 0.3 }, clean: null } };
    const g = pairFigure('pd', near, pal);
    expect(byName(g, 'Identity restorer (degraded input)').x).toEqual([0.05]);
    expect(g.layout.annotations).toEqual([]);
  });

  it('the point in training moves with a faint trail; entries without P are skipped where P is an axis', () => {
    const live = {
      index: 4,
      weights: { alpha: 1, beta: 0.5, gamma: 0.25 },
      trail: [
        { iteration: 50, D: 0.09, P: null, C: 0.3 },
        { iteration: 100, D: 0.07, P: 3, C: 0.25 },
        { iteration: 150, D: 0.06, P: 2.5, C: 0.2 },
      ],
    };
    const f = pairFigure('pd', input({ live }), pal);
    expect(byName(f, 'Training trail').x).toEqual([0.07, 0.06]);
    expect(byName(f, 'In training').x).toEqual([0.06]);
    const cd = pairFigure('cd', input({ live }), pal);
    expect(byName(cd, 'Training trail').x).toEqual([0.09, 0.07, 0.06]);
    expect(f.csv()).toContain('training,4,1,0.5,0.25,0.06,2.5,0.2,,150');
  });

  it('CSV carries P_se, C_se and n where the evaluation recorded them, empty cells where not', () => {
    const b = fakeBundle();
    const withSe = {
      ...b,
      points: b.points.map((p) => (p.index === 0 ? { ...p, metrics: { ...p.metrics!, Pse: 0.05, Cse: 0.014, n: 1000 } } : p)),
    };
    const src = sourceFromBundle(withSe);
    const csv = pairFigure('pd', { key: 'k', points: src.points, baselines: src.baselines, live: null, onlyAdmissible: false, pinned: [] }, pal).csv();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('kind,index,alpha,beta,gamma,D,P,C,admissible,iteration,P_se,C_se,n,D_se');
    const p0 = lines.find((l) => l.startsWith('point,0,'))!;
    expect(p0.endsWith(',0.05,0.014,1000,')).toBe(true);
    const p1 = lines.find((l) => l.startsWith('point,1,'))!;
    expect(p1.endsWith(',,,,')).toBe(true);
  });

  it('draws ± 1 SE whiskers on the axes that have SEs, and names every iso curve in the legend', () => {
    const b = fakeBundle();
    const withSe = { ...b, points: b.points.map((p) => ({ ...p, metrics: { ...p.metrics!, Pse: 0.05 + p.index / 100, Cse: 0.01 } })) };
    const src = sourceFromBundle(withSe);
    const inp = { key: 'k', points: src.points, baselines: src.baselines, live: null, onlyAdmissible: false, pinned: [] };
    const pd = pairFigure('pd', inp, pal);
    const pts = pd.data.find((t) => (t as { name?: string }).name === 'Finished points') as { error_x?: unknown; error_y?: { array: number[] } };
    // P against D: whiskers on P (y) only; D has no SE in a sweep file.
    expect(pts.error_x).toBeUndefined();
    expect(pts.error_y!.array).toEqual(src.points.map((p) => p.Pse));
    const iso = pd.data.filter((t) => (t as { legendgroup?: string }).legendgroup === 'iso') as { showlegend?: boolean }[];
    expect(iso.length).toBeGreaterThan(1);
    expect(iso.every((t) => t.showlegend)).toBe(true);
  });

  it('slide mode: the dense family as dots and the slider’s ring, in 2-D, 3-D and the CSV', () => {
    const fam = [0, 0.5, 1].map((beta, i) => ({ weights: { alpha: 1, beta, gamma: 0 }, D: 0.03 + i / 1000, P: 2 - i, C: 0.3, Dse: 0.001, Pse: 0.1, Cse: 0.01 }));
    const slide = { family: fam, marker: { D: 0.031, P: 1.2, C: 0.3, label: 'α=1 β=0.4 γ=0 (interpolated)' } };
    const pd = pairFigure('pd', input({ slide }), pal);
    expect(byName(pd, 'Conditional model, dense grid').x).toEqual(fam.map((f) => f.D));
    expect(byName(pd, 'Slider: α=1 β=0.4 γ=0 (interpolated)').y).toEqual([1.2]);
    const d3 = scatter3dFigure(input({ slide }), pal);
    expect(byName(d3, 'Slider: α=1 β=0.4 γ=0 (interpolated)').z).toEqual([0.3]);
    expect(pd.csv()).toContain('conditional,,1,0.5,0,0.031,1,0.3,,,0.1,0.01,,0.001');
    expect(pd.csv()).toContain('slider,,,,,0.031,1.2,0.3');
  });

  it('slide mode with a live marker: no ring trace (the plot draws it over the chart), and the CSV reads the marker when exported', () => {
    const fam = [0, 1].map((beta) => ({ weights: { alpha: 1, beta, gamma: 0 }, D: 0.03, P: 2 - beta, C: 0.3, Dse: 0.001, Pse: 0.1, Cse: 0.01 }));
    const ref: { current: { D: number; P: number; C: number; label: string } | null } = { current: null };
    const pd = pairFigure('pd', input({ slide: { family: fam, marker: null, liveMarker: ref } }), pal);
    expect(pd.data.some((t) => String(t.name ?? '').startsWith('Slider'))).toBe(false);
    expect(pd.csv()).not.toContain('slider');
    ref.current = { D: 0.032, P: 1.5, C: 0.29, label: 'x' };
    expect(pd.csv()).toContain('slider,,,,,0.032,1.5,0.29');
  });

  it('pinned points are labelled A and B', () => {
    const f = pairFigure('pd', input({ pinned: [2, 5] }), pal);
    expect(byName(f, 'Pinned').text).toEqual(['A', 'B']);
  });

  it('3-D: D, P, C on x, y, z', () => {
    const inp = input();
    const f = scatter3dFigure(inp, pal);
    const all = traces(f).filter((t) => t.name === 'Admissible' || t.name === 'Dominated');
    expect(all.reduce((s, t) => s + t.x.length, 0)).toBe(inp.points.length);
    const a = byName(f, 'Admissible');
    const want = inp.points.filter((p) => p.admissible);
    expect([a.x, a.y, a.z]).toEqual([want.map((p) => p.D), want.map((p) => p.P), want.map((p) => p.C)]);
  });
});

describe('scaleColor', () => {
  it('hits the stops and interpolates between them', () => {
    const s: [number, string][] = [
      [0, '#000000'],
      [1, '#ffffff'],
    ];
    expect(scaleColor(s, 0)).toBe('rgb(0, 0, 0)');
    expect(scaleColor(s, 1)).toBe('rgb(255, 255, 255)');
    expect(scaleColor(s, 0.5)).toBe('rgb(128, 128, 128)');
    expect(scaleColor(s, 7)).toBe('rgb(255, 255, 255)');
  });
});
