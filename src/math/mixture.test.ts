import { describe, expect, it } from 'vitest';
import {
  mixtureAbsMean,
  mixtureCdf,
  mixtureCdfIntegral,
  mixtureIsf,
  mixtureLogPdf,
  mixturePdf,
  mixtureQuantile,
  mixtureScore,
  mixtureSf,
  mixtureSfIntegral,
  type Mixture,
} from './mixture';

const MIX: Mixture = { w: [0.3, 0.5, 0.2], m: [-2, 0.5, 3], s: [0.5, 1.5, 0.8] };

// mpmath 1.3 at 40 digits: npdf/ncdf sums, mp.quad (split at the component means) of F / S for
// G(x) = int_{-inf}^x F and H(x) = int_x^inf S, mp.findroot on log F / log S for quantiles.
// Columns: x, pdf, log pdf, cdf, sf, G, H.
const REF: number[][] = [
  [-30.0, 2.215482955572143049e-91, -208.73977304409500466, 1.6304479501104306327e-92, 1.0, 1.19708254331057191e-93, 30.250000000000000056],
  [-6.0, 0.000011123620801577488352, -11.406439710489155501, 3.6717119186339743382e-6, 0.99999632828808136603, 1.1620193268323623365e-6, 6.2500011620193268879],
  [-2.2, 0.24727880368236424008, -1.3972388190769497752, 0.12133863708139760538, 0.87866136291860239462, 0.045272513466285204577, 2.4952725134662854377],
  [0.0, 0.12596285628704851396, -2.0717682068628077889, 0.48472885217537203285, 0.51527114782462796715, 0.79068152245112711104, 1.0406815224511271665],
  [1.7, 0.12319841795344818079, -2.0939590692521142648, 0.70448855659132512501, 0.29551144340867487499, 1.8036604156740118326, 0.35366041567401193251],
  [4.0, 0.054402901045158645503, -2.911337798506124757, 0.97396238095230627421, 0.026037619047693725786, 3.7605834906490251748, 0.010583490649025230354],
  [12.0, 2.2927491303556263122e-14, -31.406439710761669891, 0.99999999999999558691, 4.4130935802267846497e-15, 11.750000000000000781, 8.3627926039352150126e-16],
  [40.0, 3.5013937061804885118e-152, -348.73977304409500466, 1.0, 1.9916009525411670951e-153, 39.749999999999999944, 1.131192148071208877e-154],
];
const QUANTILES: Array<[number, number]> = [
  [1e-200, -44.773994381137908051],
  [1e-12, -9.9057721420535207915],
  [0.01, -3.0455851047526215673],
  [0.3, -1.4899770854904201168],
  [0.5, 0.11975861893087218884],
];
const ISF: Array<[number, number]> = [
  [1e-200, 45.773994381137908051],
  [1e-12, 10.905772142054574824],
  [0.01, 4.4133067356104496108],
  [0.3, 1.6635558673742955504],
];

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Gaussian mixture', () => {
  it('pdf, log pdf, cdf, sf match mpmath in the body and both tails', () => {
    let worst = 0;
    for (const [x, pdf, lpdf, cdf, sf] of REF) {
      worst = Math.max(worst, rel(mixturePdf(MIX, x), pdf), rel(mixtureCdf(MIX, x), cdf), rel(mixtureSf(MIX, x), sf));
      expect(Math.abs(mixtureLogPdf(MIX, x) - lpdf)).toBeLessThan(2e-14 * Math.max(1, Math.abs(lpdf)));
    }
    // At x = -30 the widest component sits at z = -20.3: rounding z alone costs z^2 ulps (~5e-14).
    expect(worst).toBeLessThan(1e-13);
  });

  it('log pdf stays finite where the density underflows', () => {
    expect(mixturePdf(MIX, 500)).toBe(0);
    const lp = mixtureLogPdf(MIX, 500);
    // Dominated by the widest component: log(0.5) - log(1.5) - z^2/2 - log sqrt(2 pi).
    const z = (500 - 0.5) / 1.5;
    expect(rel(lp, Math.log(0.5 / 1.5) - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI))).toBeLessThan(1e-14);
  });

  it('antiderivatives of F and S match mpmath quadrature', () => {
    for (const [x, , , , , g, h] of REF) {
      const G = mixtureCdfIntegral(MIX, x);
      const H = mixtureSfIntegral(MIX, x);
      // Absolute accuracy where the value is O(|x|), relative accuracy in the far tails.
      expect(Math.abs(G - g)).toBeLessThan(Math.max(1e-14 * Math.abs(x), 1e-12 * g));
      expect(Math.abs(H - h)).toBeLessThan(Math.max(1e-14 * Math.abs(x), 1e-12 * h));
    }
  });

  it('score is the derivative of the log density', () => {
    for (const x of [-5, -2, 0.3, 2.9, 7]) {
      const h = 1e-5;
      const fd = (mixtureLogPdf(MIX, x + h) - mixtureLogPdf(MIX, x - h)) / (2 * h);
      expect(Math.abs(mixtureScore(MIX, x) - fd)).toBeLessThan(1e-8 * Math.max(1, Math.abs(fd)));
    }
  });

  it('quantile and inverse survival function match mpmath, tails included', () => {
    for (const [p, ref] of QUANTILES) expect(rel(mixtureQuantile(MIX, p), ref)).toBeLessThan(1e-14);
    for (const [q, ref] of ISF) expect(rel(mixtureIsf(MIX, q), ref)).toBeLessThan(1e-14);
    expect(rel(mixtureQuantile(MIX, 1 - 0.01), 4.4133067356104496108)).toBeLessThan(1e-13);
  });

  it('E|X| matches mpmath', () => {
    expect(rel(mixtureAbsMean(MIX), 1.8313630449022542776)).toBeLessThan(1e-14);
  });

  it('point-mass components are steps', () => {
    const atom: Mixture = { w: [0.7, 0.3], m: [0, 0], s: [0, 0] };
    expect(mixtureCdf(atom, -1e-12)).toBe(0);
    expect(mixtureCdf(atom, 0)).toBe(1);
    expect(mixturePdf(atom, 0)).toBe(Infinity);
    expect(mixturePdf(atom, 0.1)).toBe(0);
    expect(mixtureCdfIntegral(atom, 2)).toBe(2);
  });
});
