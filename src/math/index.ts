// Public API of the numerics used by the UI, the CLI and the benchmarks.
// src/math/lp (the exact LP bound) is exported from its own index.

export * from './toy';
export type { Mixture } from './mixture';
export {
  mixtureAbsMean,
  mixtureCdf,
  mixtureCdfIntegral,
  mixtureIsf,
  mixtureLogPdf,
  mixtureMean,
  mixturePdf,
  mixtureQuantile,
  mixtureSecondMoment,
  mixtureSf,
  mixtureSfIntegral,
  isPointMass,
} from './mixture';
export { erf, erfc, normCdf, normIsf, normLogCdf, normLogPdf, normPdf, normQuantile, normSf, Phi } from './normal';
export {
  clearToyModelCache,
  createToyModel,
  curvesOverA,
  defaultAxes,
  defaultDMax,
  type ClinPoint,
  type ClinSurface,
  type Interval,
  type ToyModel,
} from './surface';
export { divergenceAtZero, divergenceEvaluator, clearDivergenceCache, type DivergenceEvaluator } from './divergence/index';
export {
  discreteExample,
  example1Curve,
  example1Mmse,
  mapEstimate,
  mapPmf,
  mmseDensity,
  mmseEstimate,
} from './blau';
