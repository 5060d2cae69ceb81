import type { Divergence, toyPoint } from '../../math';

type Point = ReturnType<typeof toyPoint>;

/** TeX of each perception index (KaTeX). */
export const DIV_TEX: Readonly<Record<Divergence, string>> = {
  kl: 'D_{\\mathrm{KL}}(p_X\\,\\|\\,p_{\\hat X})',
  'kl-reverse': 'D_{\\mathrm{KL}}(p_{\\hat X}\\,\\|\\,p_X)',
  tv: '\\mathrm{TV}(p_X, p_{\\hat X})',
  w1: 'W_1(p_X, p_{\\hat X})',
  w2: 'W_2(p_X, p_{\\hat X})',
};

/** Plotly text (its HTML subset) of each perception index. */
export const DIV_PLOT: Readonly<Record<Divergence, string>> = {
  kl: 'KL(p<sub>X</sub> ‖ p<sub>X̂</sub>)',
  'kl-reverse': 'KL(p<sub>X̂</sub> ‖ p<sub>X</sub>)',
  tv: 'TV(p<sub>X</sub>, p<sub>X̂</sub>)',
  w1: 'W<sub>1</sub>(p<sub>X</sub>, p<sub>X̂</sub>)',
  w2: 'W<sub>2</sub>(p<sub>X</sub>, p<sub>X̂</sub>)',
};

/** Option text of the divergence selector. */
export const DIV_OPTION: Readonly<Record<Divergence, string>> = {
  kl: 'KL(p_X ‖ p_X̂), the paper’s',
  'kl-reverse': 'KL(p_X̂ ‖ p_X), reverse',
  tv: 'Total variation',
  w1: 'Wasserstein-1',
  w2: 'Wasserstein-2',
};

/** The perception index of a toy point under the chosen divergence. */
export function perceptionOf(pt: Point, div: Divergence): number {
  switch (div) {
    case 'kl':
      return pt.klXXhat;
    case 'kl-reverse':
      return pt.klXhatX;
    case 'tv':
      return pt.tv;
    case 'w1':
      return pt.w1;
    case 'w2':
      return pt.w2;
  }
}
