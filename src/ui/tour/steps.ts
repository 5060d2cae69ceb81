import type { Hideable, TourStepId, ToyState } from '../../state/schema';

/** What a step sets: every key of the toy explorer, so a step never inherits stray state. */
export type StepState = Pick<ToyState, 'view' | 'p1' | 'mu1' | 'mu2' | 'sigmaX' | 'sigmaN' | 'div' | 'a' | 'D' | 'P' | 'p0'>;

/** The plot sections of the toy view, by the id of their heading. */
export type SectionId = 'toy-sec-1' | 'toy-sec-2' | 'exact-sec' | 'toy-sec-3';

export interface TourStep {
  id: TourStepId;
  title: string;
  /** A few sentences, one paragraph each (plain text). */
  text: readonly string[];
  /** Our own constant TeX, typeset by KaTeX. */
  tex: string;
  state: StepState;
  /** The only controls shown during the step (a link's hide= list still applies on top). */
  controls: readonly Hideable[];
  /** The only plot sections of the toy view shown during the step (none for other views). */
  sections: readonly SectionId[];
}

const PAPER: StepState = { view: 'toy', p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1, div: 'kl', a: 0.8, D: 1, P: 0.1, p0: 0.2 };

// The claims in these texts are checked against src/math in steps.test.ts.
export const STEPS: readonly TourStep[] = [
  {
    id: 'pd',
    title: 'The perception-distortion tradeoff',
    text: [
      'X ~ N(0, 1) is seen in Gaussian noise, Y = X + N, and restored by X̂ = aY (Blau & Michaeli, Example 1).',
      'The least MSE (squares) comes at a = 1/(1 + σ_N²), but that X̂ is too narrow to look like X; matching its law (P = 0) needs a = 1/√(1 + σ_N²). In between, less distortion costs ever more perceptual quality: the curve is convex. More noise, harsher tradeoff.',
    ],
    tex: String.raw`P(D)=\min_{a}\ \mathrm{KL}\big(\mathcal N(0,1)\,\big\|\,\mathcal N(0,a^2(1+\sigma_N^2))\big)\ \ \text{s.t.}\ \ 1-2a+a^2(1+\sigma_N^2)\le D`,
    state: { ...PAPER, p1: 0.5, mu1: 0, mu2: 0, a: 0.71, D: 0.6, P: 0.05 },
    controls: [],
    sections: ['toy-sec-3'],
  },
  {
    id: 'mmse-map',
    title: 'MMSE and MAP: neither looks like X',
    text: [
      'X is −1, 0 or 1 with P(X = 0) = p₀, and Y = X + N(0, 1).',
      'The MMSE estimate E[X | Y] spreads continuously over (−1, 1), with no mass on the three values X takes. MAP outputs only −1, 0 or 1, yet at p₀ = 0.2 never 0, though X is 0 a fifth of the time. Move p₀: MAP outputs 0 only above 1/(1 + 2√e) ≈ 0.233.',
    ],
    tex: String.raw`\hat x_{\mathrm{MMSE}}(y)=\frac{2p_1\sinh y}{p_0\,e^{1/2}+2p_1\cosh y},\qquad p_1=\tfrac{1-p_0}{2}`,
    state: { ...PAPER, p1: 0.5, mu1: 0, mu2: 0, a: 0.71, D: 0.6, P: 0.05, p0: 0.2 },
    controls: ['p0'],
    sections: ['toy-sec-3'],
  },
  {
    id: 'curves',
    title: 'The CDP toy: three criteria, three different best gains',
    text: [
      'The CDP toy: P₁ = 0.7 at N(−1, 1), 0.3 at N(1, 1), σ_N = 1, restored by X̂ = aY and judged by c₀, the Bayes classifier of the clean X.',
      'D is least at a = 2/3, KL perception near a = 0.81, the error rate at a = 1/2, where it equals the Bayes error of Y (20.4%). No gain is best for all three: drag a.',
    ],
    tex: String.raw`D(a)=\mathbb E(X-aY)^2,\quad P(a)=d(p_X,p_{aY}),\quad C(a)=\Pr[c_0(aY)\neq\omega]`,
    state: PAPER,
    controls: ['a', 'sigmaN'],
    sections: ['toy-sec-1'],
  },
  {
    id: 'surface',
    title: 'The CDP function C(D, P) and its convexity',
    text: [
      'C_lin(D, P) is the least error rate among gains with D(a) ≤ D and P(a) ≤ P; grey where no gain meets both budgets.',
      'More budget never hurts: the surface never rises with D or P. Theorem 1 makes the CDP function convex over all randomised restorers; this family need not be (W₂ at σ_N = 2.5: a midpoint 10⁻³ above its chord).',
    ],
    tex: String.raw`C(D,P)=\min_{p_{\hat X|Y}}\ \Pr[c_0(\hat X)\neq\omega]\ \ \text{s.t.}\ \ \mathbb E(X-\hat X)^2\le D,\ \ d(p_X,p_{\hat X})\le P`,
    state: PAPER,
    controls: ['D', 'P'],
    sections: ['toy-sec-2'],
  },
  {
    id: 'exact',
    title: 'The exact bound over all restorers',
    text: [
      'On a grid any restorer is a law q(x̂ | y). Error rate, MSE and total variation are linear in q, so the true C(D, P) is a linear program.',
      'It never exceeds C_lin (the gap is what randomisation buys) and it is convex, as the theorem says.',
    ],
    tex: String.raw`C(D,P)=\min_{q(\hat x\mid y)}\ \varepsilon(q)\ \ \text{s.t.}\ \ \mathrm{MSE}(q)\le D,\ \ \mathrm{TV}(p_X,p^q_{\hat X})\le P\qquad\Longrightarrow\qquad C\le C_{\mathrm{lin}}`,
    state: PAPER,
    controls: ['sigmaN'],
    sections: ['exact-sec'],
  },
  {
    id: 'sweep',
    title: 'Trained restorers: the tradeoff on MNIST',
    text: [
      'Each point is a denoiser trained on MNIST with the loss α·MSE + β·adversarial + γ·classification, then measured on test images: D (MSE), P (a Wasserstein estimate from an independent critic) and C (the error of the fixed classifier c₀).',
      'The panels plot them in pairs, colour giving the third, with iso-C curves. What the paper saw: once C gets smaller the P-D curve rises; better classification costs distortion, perceptual quality, or both.',
      'At the browser budget (every point starts from one restorer trained on MSE alone, then trains 300 iterations; the paper trains 40,000 from scratch) the adversarial weight β lowers P at every γ, and the classification weight γ lowers C at every β (by about 0.03, three standard errors) at the price of a higher P: the P-D curve rises as C falls.',
    ],
    tex: String.raw`\min_{G}\ \alpha\,\mathbb E\|X-G(Y)\|^2+\beta\,\ell_{\mathrm{adv}}(G)+\gamma\,\mathrm{CE}\big(c_0(G(Y)),\,\omega\big)`,
    state: { ...PAPER, view: 'experiments' },
    controls: [],
    sections: [],
  },
];

export function stepById(id: TourStepId | 'off'): TourStep | null {
  return STEPS.find((s) => s.id === id) ?? null;
}

export function stepIndex(id: TourStepId | 'off'): number {
  return STEPS.findIndex((s) => s.id === id);
}
