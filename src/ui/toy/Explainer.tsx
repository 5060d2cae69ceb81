import type { Divergence } from '../../math';
import { Tex } from '../Tex';
import { DIV_TEX } from './divergenceText';

// Our own constant TeX only (see Tex.tsx).

export function ToyIntro({ div }: { div: Divergence }) {
  return (
    <div className="explain">
      <p>
        The toy of the CDP paper (Sec. 2.3): a two-class signal{' '}
        <Tex tex="X \sim P_1\,\mathcal N(\mu_1,\sigma_X^2) + P_2\,\mathcal N(\mu_2,\sigma_X^2)" />, observed as{' '}
        <Tex tex="Y = X + N,\; N\sim\mathcal N(0,\sigma_N^2)" /> and restored by <Tex tex="\hat X = aY" />. A fixed
        classifier <Tex tex="c_0" />, Bayes-optimal on the clean <Tex tex="X" />, judges the restoration. Each{' '}
        <Tex tex="a" /> has a distortion <Tex tex="D(a) = \mathbb E(X-\hat X)^2" />, a perception index{' '}
        <Tex tex={`P(a) = ${DIV_TEX[div]}`} /> and an error rate{' '}
        <Tex tex="C(a) = \Pr[c_0(\hat X) \neq \omega]" />.
      </p>
    </div>
  );
}

export function CdpIntro() {
  return (
    <div className="explain">
      <p>
        The CDP function restricted to linear restorers,{' '}
        <Tex tex="C_{\mathrm{lin}}(D,P) = \min_a C(a)\ \text{s.t.}\ D(a)\le D,\ P(a)\le P" />, solved exactly (the
        feasible set of <Tex tex="a" /> is found as intervals, then <Tex tex="C" /> is minimised on it). It never
        increases with <Tex tex="D" /> or <Tex tex="P" />: a better classification costs distortion and/or perceptual
        quality. Over all randomised restorers it is convex (Theorem 1); over this family it need not be.
      </p>
    </div>
  );
}

export function WeightsIntro() {
  return (
    <div className="explain">
      <p>
        Training uses the paper&rsquo;s loss weights instead of budgets: it minimises{' '}
        <Tex tex="\alpha D + \beta P + \gamma C" /> (sliders α, β, γ on the left), which over this family picks one gain{' '}
        <Tex tex="a" />, the diamond on both maps. A weighted sum can only land on the lower convex hull of what the family
        achieves: where <Tex tex="C_{\mathrm{lin}}" /> rises above that hull (green), no choice of weights gives that point,
        though the CDP function, which fixes <Tex tex="D" /> and <Tex tex="P" /> instead, does. So sweeping weights is not the
        same as computing <Tex tex="C(D,P)" />. For the paper&rsquo;s toy the surface happens to be its own hull; try
        Wasserstein-2 at <Tex tex="\sigma_N = 2.5" />.
      </p>
    </div>
  );
}

export function BlauIntro() {
  return (
    <div className="explain">
      <p>
        Blau &amp; Michaeli’s perception-distortion function{' '}
        <Tex tex="P(D) = \min_{p_{\hat X|Y}} d(p_X, p_{\hat X})\ \text{s.t.}\ \mathbb E\,\Delta(X,\hat X)\le D" />: low
        distortion alone does not give a natural-looking output. Left: its closed form for Example 1; right: their
        discrete example, where neither the MMSE nor the MAP estimate has the law of <Tex tex="X" />.
      </p>
    </div>
  );
}
