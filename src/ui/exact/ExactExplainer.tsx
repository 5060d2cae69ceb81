import { Tex } from '../Tex';

// Our own constant TeX only (see Tex.tsx).
export function ExactExplainer() {
  return (
    <div className="explain">
      <p>
        Theorem 1 speaks of <em>all</em> randomized restorers <Tex tex="q(\hat x\mid y)" />, not only{' '}
        <Tex tex="\hat X = aY" />. On a grid of <Tex tex="n" /> points in <Tex tex="[-L, L]" /> shared by{' '}
        <Tex tex="X, Y, \hat X" />, distortion, error rate and total variation are linear in <Tex tex="q" />, so{' '}
        <Tex tex="C(D,P) = \min_q \Pr[c_0(\hat X)\ne\omega]\ \text{s.t.}\ \mathbb E(X-\hat X)^2\le D,\ \mathrm{TV}(p_X,p_{\hat X})\le P" />{' '}
        is a linear program (W1 too, through the CDF difference). HiGHS solves it in a worker. Its value is the true
        bound of the discretized toy: never above the linear family on the same grid (dashed), non-increasing and
        convex, and at <Tex tex="D,P\to\infty" /> it reaches the Bayes error of <Tex tex="Y" />.
      </p>
    </div>
  );
}
