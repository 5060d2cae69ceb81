import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBundle } from '../../experiments/fixtures';
import { DEFAULT_PRESET } from '../../experiments/presets';
import { paletteFor } from '../../plots/palette';
import { PAIRS, pairFigure, scatter3dFigure, type PairId, type SweepFigureInput } from './figures';
import { PLOT_LIMIT, plotPoints, sourceFromBundle, sourceFromLink } from './plotData';

// Whatever metrics reach the plots (an old database row, a link from before
// the bounds), no figure receives a coordinate that is not a finite number
// of sane size.

const pal = paletteFor('light');
const config = DEFAULT_PRESET.config;
const wild = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, 1e300, PLOT_LIMIT * 10),
  fc.double(),
);

const coords = (f: { data: unknown[] }): unknown[] =>
  (f.data as { x?: unknown[]; y?: unknown[]; z?: unknown[] }[]).flatMap((t) => [...(t.x ?? []), ...(t.y ?? []), ...(t.z ?? [])]);

describe('plot data', () => {
  it('keeps only points with a drawable D and C; an undrawable P reads as not measured', () => {
    const pts = plotPoints(config, [
      { index: 0, D: 0.1, P: 1, C: 0.2 },
      { index: 1, D: NaN, P: 1, C: 0.2 },
      { index: 2, D: 0.1, P: Infinity, C: 0.2 },
      { index: 3, D: 1e308, P: 1, C: 0.2 },
      { index: 99, D: 0.1, P: 1, C: 0.2 },
      { index: 4, D: 0.2, P: null, C: 0.1, Pse: -1, Cse: Infinity, n: 0 },
    ]);
    expect(pts.map((p) => p.index)).toEqual([0, 2, 4]);
    expect(Number.isNaN(pts[1].P)).toBe(true);
    expect(pts[2]).not.toHaveProperty('Pse');
    expect(pts[2]).not.toHaveProperty('Cse');
    expect(pts[2]).not.toHaveProperty('n');
    // Each point keeps its own values once others are left out before it.
    expect(pts[2]).toMatchObject({ D: 0.2, C: 0.1, admissible: false });
  });

  it('drops a baseline it cannot place', () => {
    const s = sourceFromLink(config, { points: [], identity: [Infinity, 1, 0.5], clean: [0, NaN, 0.1] });
    expect(s.baselines.identity).toBeNull();
    expect(s.baselines.clean).toMatchObject({ D: 0, C: 0.1 });
  });

  it('no figure gets a non-finite or huge coordinate, whatever the metrics (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wild, fc.option(wild, { nil: null }), wild), { minLength: 9, maxLength: 9 }), fc.tuple(wild, wild, wild), (rows, base) => {
        const b = fakeBundle();
        const bundle = {
          experiment: { ...b.experiment, baselines: { identity: { ...b.experiment.baselines.identity!, D: base[0], P: base[1], C: base[2] }, clean: b.experiment.baselines.clean } },
          points: b.points.map((p, i) => ({ ...p, metrics: { ...p.metrics!, D: rows[i][0], P: rows[i][1], C: rows[i][2] } })),
        };
        const src = sourceFromBundle(bundle);
        const inp: SweepFigureInput = { key: 'k', points: src.points, baselines: src.baselines, live: null, onlyAdmissible: false, pinned: [] };
        for (const f of [...(Object.keys(PAIRS) as PairId[]).map((id) => pairFigure(id, inp, pal)), scatter3dFigure(inp, pal)]) {
          for (const v of coords(f)) {
            if (typeof v === 'number') expect(Number.isFinite(v) && Math.abs(v) <= PLOT_LIMIT, `coordinate ${v}`).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
