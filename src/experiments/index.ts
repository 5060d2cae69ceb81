// Pure experiment logic: configs, presets, weight grids, dominance, iso-C
// curves, export files and link parameters. No React, no DOM, no tfjs.
export * from './config';
export * from './weights';
export * from './presets';
export * from './pareto';
export * from './isoCurves';
export * from './records';
export * from './exportFile';
export * from './link';
export { canonicalJson } from './canonical';
export { newExperimentId, fnv1a64 } from './ids';
