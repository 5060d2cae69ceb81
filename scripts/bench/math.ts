// Benchmarks of src/math: toy point, profile build, C_lin surfaces, curves, Blau & Michaeli.

import { discreteExample, example1Curve } from '../../src/math/blau';
import { clearDivergenceCache, DIVERGENCES, divergenceEvaluator } from '../../src/math/divergence/index';
import { clearToyModelCache, createToyModel, curvesOverA, defaultAxes } from '../../src/math/surface';
import { PAPER_TOY, toyPoint } from '../../src/math/toy';
import { registerBench } from './registry';

const coldCaches = () => {
  clearToyModelCache();
  clearDivergenceCache();
};

registerBench({ name: 'toyPoint a=0.8 (all 5 divergences)', fn: () => toyPoint(PAPER_TOY, 0.8), iterations: 200 });

for (const d of DIVERGENCES) {
  const ev = divergenceEvaluator(PAPER_TOY, d);
  registerBench({ name: `P(a) + dP/da, ${d}`, fn: () => ev(0.8), iterations: 2000 });
}

for (const d of DIVERGENCES) {
  registerBench({ name: `model build (profile table), ${d}`, fn: () => createToyModel(PAPER_TOY, d), iterations: 30, setup: coldCaches });
}

for (const d of DIVERGENCES) {
  const axes = defaultAxes(PAPER_TOY, d, 101);
  registerBench({
    name: `101x101 surface cold (build + levels + cells), ${d}`,
    fn: () => createToyModel(PAPER_TOY, d).surface(axes.d, axes.p),
    iterations: d === 'tv' || d === 'w1' ? 15 : 40,
    setup: coldCaches,
  });
  registerBench({
    name: `101x101 surface warm (model and levels cached), ${d}`,
    fn: () => createToyModel(PAPER_TOY, d).surface(axes.d, axes.p),
    iterations: 100,
  });
}

const a401 = Array.from({ length: 401 }, (_, i) => -1 + (3 * i) / 400);
registerBench({ name: 'curvesOverA 401 a, kl', fn: () => curvesOverA(PAPER_TOY, 'kl', a401), iterations: 30 });
registerBench({ name: 'curvesOverA 401 a, tv', fn: () => curvesOverA(PAPER_TOY, 'tv', a401), iterations: 10 });
registerBench({ name: 'defaultAxes (cold), kl', fn: () => defaultAxes(PAPER_TOY, 'kl'), iterations: 30, setup: coldCaches });

const d201 = Array.from({ length: 201 }, (_, i) => (2 * i) / 200);
registerBench({ name: 'example1Curve 201 D', fn: () => example1Curve(1, d201), iterations: 500 });
registerBench({ name: 'discreteExample nGrid=401', fn: () => discreteExample(0.2, 401), iterations: 200 });
