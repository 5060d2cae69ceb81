// Presets are nothing but permalinks: applying one is opening its link.
// Each hash is complete (every key) so a preset never inherits stray state.

export interface Preset {
  id: string;
  label: string;
  description: string;
  hash: string;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'paper-fig2',
    label: 'Paper Fig. 2',
    description: "The CDP paper's toy: P₁ = 0.7, N(−1, 1) and N(1, 1), σ_N = 1, KL(p_X ‖ p_X̂), a = 0.8",
    hash: 'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=kl&a=0.8&D=1&P=0.1&p0=0.2',
  },
  {
    id: 'blau-fig5',
    label: 'Blau Fig. 5',
    description: 'Blau & Michaeli Example 1: X ~ N(0, 1) (both components equal), σ_N = 1, KL; the perception-distortion tradeoff of X̂ = aY',
    hash: 'v=1&view=toy&p1=0.5&mu1=0&mu2=0&sigmaX=1&sigmaN=1&div=kl&a=0.71&D=0.6&P=0.05&p0=0.2',
  },
  {
    id: 'classifier-friendly',
    label: 'Classifier-friendly',
    description: 'Well separated, balanced classes, N(−2, 0.6²) and N(2, 0.6²): even strong denoising keeps the error low',
    hash: 'v=1&view=toy&p1=0.5&mu1=-2&mu2=2&sigmaX=0.6&sigmaN=1&div=kl&a=0.9&D=1&P=0.1&p0=0.2',
  },
  {
    id: 'heavy-noise',
    label: 'Heavy noise',
    description: "The paper's toy at σ_N = 2: a harsher tradeoff; the linear MMSE gain drops from 2/3 to 1/3",
    hash: 'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=2&div=kl&a=0.5&D=1.5&P=0.1&p0=0.2',
  },
  {
    id: 'wasserstein',
    label: 'Wasserstein-2',
    description: "The paper's toy with perception measured by W2 (closed form in a)",
    hash: 'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=w2&a=0.8&D=1&P=0.3&p0=0.2',
  },
  {
    id: 'total-variation',
    label: 'Total variation',
    description: "The paper's toy with perception measured by the total variation distance",
    hash: 'v=1&view=toy&p1=0.7&mu1=-1&mu2=1&sigmaX=1&sigmaN=1&div=tv&a=0.8&D=1&P=0.15&p0=0.2',
  },
];
