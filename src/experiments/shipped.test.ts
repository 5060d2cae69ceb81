import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compactForShipping } from './compact';
import { parseExportText } from './exportFile';
import { matchPreset, presetById } from './presets';
import { SHIPPED_SWEEPS } from './shipped';
import { expandWeights } from './weights';

// Every sweep shipped in public/precomputed/ against its preset, its card
// (public/precomputed/README.md) and the size budget; the claims the README
// and the tour make of each are checked per preset (the Exp-1 ones also in
// src/ui/tour/precomputed.test.ts).

const readme = readFileSync(new URL('../../public/precomputed/README.md', import.meta.url), 'utf8');

interface Row {
  alpha: number;
  beta: number;
  gamma: number;
  D: number;
  P: number | null;
  C: number;
  Pse?: number | null;
  Cse?: number | null;
}

const at = (rows: Row[], beta: number, gamma: number) => rows.find((r) => r.beta === beta && r.gamma === gamma)!;
/** a's value is below b's by more than two standard errors of the two. */
const below2se = (a: number, b: number, sa: number, sb: number) => b - a > 2 * Math.max(sa, sb);

/** What public/precomputed/README.md, the README and the tour say of each sweep. */
const CLAIMS: Partial<Record<string, { text: string; check(rows: Row[]): void }>> = {
  exp1: {
    text: 'Exp-1: gamma 2 lowers C by more than 2 SE at every beta; beta 1 lowers P by more than 2 SE at every gamma',
    check(rows) {
      for (const beta of [0, 0.5, 1]) expect(below2se(at(rows, beta, 2).C, at(rows, beta, 0).C, at(rows, beta, 2).Cse!, at(rows, beta, 0).Cse!), `beta ${beta}`).toBe(true);
      for (const gamma of [0, 1, 2]) expect(below2se(at(rows, 1, gamma).P!, at(rows, 0, gamma).P!, at(rows, 1, gamma).Pse!, at(rows, 0, gamma).Pse!), `gamma ${gamma}`).toBe(true);
    },
  },
  exp2: {
    text: 'Exp-2: beta 1 has a lower P than beta 0.5 by more than 2 SE, at no cost in C beyond its SE',
    check(rows) {
      const lo = at(rows, 0.5, 0.5);
      const hi = at(rows, 1, 0.5);
      expect(below2se(hi.P!, lo.P!, hi.Pse!, lo.Pse!)).toBe(true);
      expect(Math.abs(hi.C - lo.C)).toBeLessThanOrEqual(2 * Math.max(hi.Cse!, lo.Cse!));
    },
  },
  exp3: {
    text: 'Exp-3 (CNN-2 c0): gamma 2 lowers C by more than 2 SE at beta 0.5 and 1 but not at beta 0; gamma raises P at every beta; beta lowers P at gamma 0 only',
    check(rows) {
      for (const beta of [0.5, 1]) expect(below2se(at(rows, beta, 2).C, at(rows, beta, 0).C, at(rows, beta, 2).Cse!, at(rows, beta, 0).Cse!), `beta ${beta}`).toBe(true);
      expect(Math.abs(at(rows, 0, 2).C - at(rows, 0, 0).C)).toBeLessThanOrEqual(2 * at(rows, 0, 0).Cse!);
      for (const beta of [0, 0.5, 1]) expect(below2se(at(rows, beta, 0).P!, at(rows, beta, 2).P!, at(rows, beta, 0).Pse!, at(rows, beta, 2).Pse!)).toBe(true);
      expect(below2se(at(rows, 1, 0).P!, at(rows, 0, 0).P!, at(rows, 1, 0).Pse!, at(rows, 0, 0).Pse!)).toBe(true);
      expect(at(rows, 1, 2).P!).toBeGreaterThan(at(rows, 0, 2).P!);
    },
  },
  exp4: {
    text: 'Exp-4: gamma 0.02 lowers C by more than 2 SE at every beta and raises D; beta lowers P at every gamma (by more than 2 SE at gamma 0)',
    check(rows) {
      for (const beta of [0, 0.1, 0.2]) {
        const lo = at(rows, beta, 0);
        const hi = at(rows, beta, 0.02);
        expect(below2se(hi.C, lo.C, hi.Cse!, lo.Cse!), `beta ${beta}`).toBe(true);
        expect(hi.D).toBeGreaterThan(lo.D);
      }
      for (const gamma of [0, 0.01, 0.02]) {
        expect(at(rows, 0.1, gamma).P!).toBeLessThan(at(rows, 0, gamma).P!);
        expect(at(rows, 0.2, gamma).P!).toBeLessThan(at(rows, 0.1, gamma).P!);
      }
      expect(below2se(at(rows, 0.2, 0).P!, at(rows, 0, 0).P!, at(rows, 0.2, 0).Pse!, at(rows, 0, 0).Pse!)).toBe(true);
    },
  },
};

describe('shipped sweeps', () => {
  it('cover Exp-1 to Exp-4, one file each (Exp-5 needs CIFAR-10, which no machine here has)', () => {
    expect(SHIPPED_SWEEPS.map((s) => s.preset).sort()).toEqual(['exp1', 'exp2', 'exp3', 'exp4']);
    expect(new Set(SHIPPED_SWEEPS.map((s) => s.id)).size).toBe(SHIPPED_SWEEPS.length);
  });

  for (const s of SHIPPED_SWEEPS) {
    describe(s.preset, () => {
      const path = new URL(`../../public/${s.file}`, import.meta.url);
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      const parsed = parseExportText(text);

      it('validates, is its preset at the browser budget with every point trained and evaluated, and carries its standard errors', () => {
        if (!parsed.ok) throw new Error(`${s.file}: ${parsed.reason}`);
        const { experiment, points } = parsed.value;
        expect(experiment.id).toBe(s.id);
        expect(matchPreset(experiment.config)).toBe(s.preset);
        expect(experiment.config.budget).toBe('browser');
        expect(experiment.sweep).toBe('done');
        expect(points.map((p) => p.weights)).toEqual(expandWeights(presetById(s.preset)!.config.weights));
        for (const p of points) {
          expect(p.status).toBe('done');
          expect(p.metrics!.iteration).toBe(experiment.config.iterations);
          expect(p.thumbnails).not.toBeNull();
          expect(p.metrics!.n).toBe(experiment.config.evalCount);
          expect(p.metrics!.Cse!).toBeCloseTo(Math.sqrt((p.metrics!.C * (1 - p.metrics!.C)) / p.metrics!.n!), 10);
          expect(p.metrics!.Pse!).toBeGreaterThan(0);
          // Every restorer beats the degraded input on D and C.
          expect(p.metrics!.D).toBeLessThan(experiment.baselines.identity!.D);
          expect(p.metrics!.C).toBeLessThan(experiment.baselines.identity!.C);
        }
      });

      const claim = CLAIMS[s.preset];
      if (claim) {
        it(claim.text, () => {
          if (!parsed.ok) throw new Error(parsed.reason);
          claim.check(parsed.value.points.map((p) => ({ ...p.weights, ...p.metrics! })));
        });
      }

      it('is compacted, at most 150 KB gzipped, and has its line in public/precomputed/README.md', () => {
        if (!parsed.ok) throw new Error(parsed.reason);
        expect(compactForShipping(parsed.value).points.map((p) => p.history)).toEqual(parsed.value.points.map((p) => p.history));
        expect(gzipSync(text).length).toBeLessThanOrEqual(150_000);
        expect(readme).toContain(s.file.replace('precomputed/', ''));
      });
    });
  }
});
