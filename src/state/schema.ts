import type { z } from 'zod';
import type { Divergence } from '../math/toy';
import { SHIPPED_SWEEP_IDS } from '../experiments/shipped';
import { LINK_NAME_PATTERN, MAX_LINK_NAME, MAX_SELECTED_CHARS, SELECTED_PATTERN } from '../experiments/linkView';
import {
  defaultsFor,
  flag,
  keysWith,
  listOf,
  num,
  oneOf,
  text,
  zodObjectFor,
  type KeyDef,
  type KeysWith,
  type StateOf,
} from './keyTable';

// The single table of every state key. Adding a key is one line here: the
// codec, the store, the zod schemas and the slider ranges all derive from it.

export const VIEWS = ['toy', 'data', 'train', 'experiments'] as const;
export type View = (typeof VIEWS)[number];

/** Perception divergences of the toy: the union src/math defines, listed for the schema. */
export type { Divergence };
export const DIVERGENCES = ['kl', 'kl-reverse', 'tv', 'w1', 'w2'] as const satisfies readonly Divergence[];
// Fails to compile if src/math gains a divergence this list lacks.
const everyDivergenceListed: Exclude<Divergence, (typeof DIVERGENCES)[number]> extends never ? true : false = true;
void everyDivergenceListed;

/** Controls a link can hide (`hide=mu1,mu2`): named by the key they set. */
export const HIDEABLE = ['p1', 'mu1', 'mu2', 'sigmaX', 'sigmaN', 'div', 'a', 'D', 'P', 'p0', 'alpha', 'beta', 'gamma'] as const;
export type Hideable = (typeof HIDEABLE)[number];

/** Guided-tour steps in order (src/ui/tour/steps.ts holds their content); 'off' is no tour. */
export const TOUR_STEPS = ['off', 'pd', 'mmse-map', 'curves', 'surface', 'exact', 'sweep'] as const;
export type TourStepId = Exclude<(typeof TOUR_STEPS)[number], 'off'>;

export const THEMES = ['auto', 'light', 'dark'] as const;
export type ThemeSetting = (typeof THEMES)[number];

export const DIVERGENCE_LABELS: Readonly<Record<Divergence, string>> = {
  kl: 'KL(p_X || p_X^)',
  'kl-reverse': 'KL(p_X^ || p_X)',
  tv: 'Total variation',
  w1: 'Wasserstein-1',
  w2: 'Wasserstein-2',
};

export const KEYS = {
  view: oneOf({ label: 'View', storage: 'permalink', values: VIEWS, default: 'toy' }),
  p1: num({ label: 'P1 (prior of w1)', unit: '', storage: 'permalink', min: 0.01, max: 0.99, step: 0.01, default: 0.7 }),
  mu1: num({ label: 'mu1 (mean of w1)', unit: '', storage: 'permalink', min: -4, max: 4, step: 0.05, default: -1 }),
  mu2: num({ label: 'mu2 (mean of w2)', unit: '', storage: 'permalink', min: -4, max: 4, step: 0.05, default: 1 }),
  sigmaX: num({ label: 'sigma_X (component std)', unit: '', storage: 'permalink', min: 0.1, max: 3, step: 0.05, default: 1 }),
  sigmaN: num({ label: 'sigma_N (noise std)', unit: '', storage: 'permalink', min: 0, max: 3, step: 0.05, default: 1 }),
  div: oneOf({ label: 'Perception divergence', storage: 'permalink', values: DIVERGENCES, default: 'kl', valueLabels: DIVERGENCE_LABELS }),
  a: num({ label: 'a (restorer gain)', unit: '', storage: 'permalink', min: -2, max: 2, step: 0.01, default: 0.8 }),
  D: num({ label: 'D (max distortion)', unit: 'MSE', storage: 'permalink', min: 0, max: 10, step: 0.01, default: 1.0 }),
  P: num({ label: 'P (max perception index)', unit: '', storage: 'permalink', min: 0, max: 10, step: 0.005, default: 0.1 }),
  p0: num({ label: 'p0 (Blau discrete, P(X=0))', unit: '', storage: 'permalink', min: 0.01, max: 0.98, step: 0.01, default: 0.2 }),
  // The toy's loss weights (minimise alpha D + beta P + gamma C over the gain a). Sparse:
  // links written before them, and links at the defaults, stay exactly as they were.
  alpha: num({ label: 'alpha (weight of D)', unit: '', storage: 'permalink', min: 0, max: 10, step: 0.05, default: 1, sparse: true }),
  beta: num({ label: 'beta (weight of P)', unit: '', storage: 'permalink', min: 0, max: 10, step: 0.05, default: 0.5, sparse: true }),
  gamma: num({ label: 'gamma (weight of C)', unit: '', storage: 'permalink', min: 0, max: 100, step: 0.5, default: 10, sparse: true }),
  // Experiments slide mode: one conditional restorer for every (alpha, beta, gamma); the slider position.
  slide: flag({ label: 'Slide mode (Experiments)', storage: 'permalink', default: false, sparse: true }),
  sa: num({ label: 'Slide: alpha', unit: '', storage: 'permalink', min: 0.05, max: 1, step: 0.01, default: 1, sparse: true }),
  sb: num({ label: 'Slide: beta', unit: '', storage: 'permalink', min: 0, max: 100, step: 0.001, default: 0, sparse: true }),
  sg: num({ label: 'Slide: gamma', unit: '', storage: 'permalink', min: 0, max: 100, step: 0.001, default: 0, sparse: true }),
  present: flag({ label: 'Presentation mode', storage: 'permalink', default: false, sparse: true }),
  hide: listOf({ label: 'Hidden controls', storage: 'permalink', values: HIDEABLE, default: [], sparse: true }),
  tour: oneOf({ label: 'Guided tour step', storage: 'permalink', values: TOUR_STEPS, default: 'off', sparse: true }),
  xc: text({ label: 'Experiment config (compressed)', storage: 'permalink', pattern: /^[A-Za-z0-9_-]*$/, maxLength: 2000, default: '', sparse: true }),
  xr: text({ label: 'Experiment results (compressed, small sweeps)', storage: 'permalink', pattern: /^[A-Za-z0-9_-]*$/, maxLength: 1500, default: '', sparse: true }),
  // What the Experiments view shows of that experiment (src/experiments/linkView.ts); sparse, so
  // links written before them, and links of views at their defaults, keep their exact text.
  xn: text({ label: 'Experiment name (plain text)', storage: 'permalink', pattern: LINK_NAME_PATTERN, maxLength: MAX_LINK_NAME, default: '', sparse: true }),
  xa: flag({ label: 'Experiments: only admissible points', storage: 'permalink', default: false, sparse: true }),
  xs: text({ label: 'Experiments: selected point (0-based index)', storage: 'permalink', pattern: SELECTED_PATTERN, maxLength: MAX_SELECTED_CHARS, default: '', sparse: true }),
  theme: oneOf({ label: 'Theme', storage: 'local', values: THEMES, default: 'auto' }),
  hiddenSweeps: listOf({ label: 'Shipped sweeps hidden by the visitor', storage: 'local', values: SHIPPED_SWEEP_IDS, default: [] }),
} as const satisfies Record<string, KeyDef>;

export type KeyName = keyof typeof KEYS;

/** Keys the Experiments view owns (its config, results, view choices and slide position): the toy view has no control for them. */
export const EXPERIMENTS_VIEW_KEYS: readonly KeyName[] = ['xc', 'xr', 'xn', 'xa', 'xs', 'slide', 'sa', 'sb', 'sg'];
export type PermalinkKey = KeysWith<typeof KEYS, 'permalink'>;
export type LocalKey = KeysWith<typeof KEYS, 'local'>;

/** Everything the URL hash carries. */
export type ToyState = StateOf<typeof KEYS, 'permalink'>;
/** Everything kept in localStorage. */
export type LocalState = StateOf<typeof KEYS, 'local'>;

export const PERMALINK_KEYS: readonly PermalinkKey[] = keysWith(KEYS, 'permalink');
export const LOCAL_KEYS: readonly LocalKey[] = keysWith(KEYS, 'local');

export const ToyStateSchema: z.ZodType<ToyState> = zodObjectFor(KEYS, 'permalink');
export const LocalStateSchema: z.ZodType<LocalState> = zodObjectFor(KEYS, 'local');

export const DEFAULT_TOY_STATE: Readonly<ToyState> = Object.freeze(defaultsFor(KEYS, 'permalink'));
export const DEFAULT_LOCAL_STATE: Readonly<LocalState> = Object.freeze(defaultsFor(KEYS, 'local'));

/** Unit of the perception index P for a divergence (KL in nats, TV unitless, W in units of x). */
export function perceptionUnit(div: Divergence): string {
  return div === 'kl' || div === 'kl-reverse' ? 'nats' : div === 'tv' ? '' : 'x';
}
