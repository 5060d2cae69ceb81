import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExportText } from '../../experiments/exportFile';
import { matchPreset } from '../../experiments/presets';
import { expandWeights } from '../../experiments/weights';
import { PRECOMPUTED_SWEEP } from './precomputed';

// The file the tour ships (public/precomputed/README.md): it must still be
// what it says it is, the Exp-1 preset of this version, trained in full.
const text = readFileSync(new URL(`../../../public/${PRECOMPUTED_SWEEP.file}`, import.meta.url), 'utf8');

describe('the shipped precomputed sweep', () => {
  const parsed = parseExportText(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  const { experiment, points } = parsed.value;
  const metric = (beta: number, gamma: number) => points.find((p) => p.weights.beta === beta && p.weights.gamma === gamma)!.metrics!;

  it('is the Exp-1 preset at the browser budget, labelled precomputed, every point trained and evaluated', () => {
    expect(experiment.id).toBe(PRECOMPUTED_SWEEP.id);
    expect(experiment.name).toMatch(/^Precomputed: /);
    expect(matchPreset(experiment.config)).toBe('exp1');
    expect(experiment.config.budget).toBe('browser');
    expect(experiment.sweep).toBe('done');
    expect(points.map((p) => p.weights)).toEqual(expandWeights(experiment.config.weights));
    for (const p of points) {
      expect(p.status).toBe('done');
      expect(p.metrics!.iteration).toBe(experiment.config.iterations);
      expect([p.metrics!.D, p.metrics!.P, p.metrics!.C].every(Number.isFinite)).toBe(true);
      expect(p.thumbnails).not.toBeNull();
    }
  });

  it('every restorer beats the identity on D and C', () => {
    const id = experiment.baselines.identity!;
    for (const p of points) {
      expect(p.metrics!.D).toBeLessThan(id.D);
      expect(p.metrics!.C).toBeLessThan(id.C);
    }
  });

  // What the tour's text says of these points (checked here so a re-run
  // that no longer shows it fails): the adversarial weight lowers P at
  // every gamma; the classification weight lowers C at every beta and pays
  // for it in distortion and perceptual quality (Fig. 3: the P-D curve rises).
  it('gamma lowers C and raises P at every beta', () => {
    for (const beta of [0, 0.5, 1]) {
      for (const gamma of [0.25, 0.5]) {
        expect(metric(beta, gamma).C).toBeLessThan(metric(beta, 0).C);
        expect(metric(beta, gamma).P!).toBeGreaterThan(metric(beta, 0).P!);
      }
    }
  });

  it('beta lowers P at every gamma; gamma raises D at every beta', () => {
    for (const gamma of [0, 0.25, 0.5]) {
      expect(metric(0.5, gamma).P!).toBeLessThan(metric(0, gamma).P!);
      expect(metric(1, gamma).P!).toBeLessThan(metric(0, gamma).P!);
    }
    for (const beta of [0, 0.5, 1]) {
      expect(metric(beta, 0.25).D).toBeGreaterThan(metric(beta, 0).D);
      expect(metric(beta, 0.5).D).toBeGreaterThan(metric(beta, 0).D);
    }
  });
});
