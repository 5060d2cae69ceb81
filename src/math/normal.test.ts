import { describe, expect, it } from 'vitest';
import { erf, erfc, normCdf, normIsf, normLogCdf, normLogPdf, normPdf, normQuantile, normSf } from './normal';

// Independent reference values: mpmath 1.3 at 50 digits (mp.erfc, mp.ncdf, and
// mp.findroot on log ncdf for the quantiles), printed to 20 significant digits.
const ERFC_REF: Array<[number, number]> = [
  [-5, 1.9999999999984625402],
  [-1.5, 1.9661051464753107271],
  [-0.3, 1.3286267594591274162],
  [0, 1.0],
  [1e-10, 0.99999999988716208329],
  [0.1, 0.8875370839817151016],
  [0.46875, 0.50738652678206200841],
  [0.5, 0.47950012218695346232],
  [1, 0.15729920705028513066],
  [2, 0.0046777349810472658379],
  [3.9, 3.4792248597231767129e-8],
  [4, 1.5417257900280018852e-8],
  [4.1, 6.7000276540849184417e-9],
  [6, 2.1519736712498913117e-17],
  [10, 2.088487583762544757e-45],
  [15, 7.2129941724512066666e-100],
  [20, 5.3958656116079009289e-176],
  [26, 5.6631924088561428465e-296],
];

// [x, Phi(x), 1 - Phi(x)]
const CDF_REF: Array<[number, number, number]> = [
  [-37, 5.7255712225245768227e-300, 1.0],
  [-30, 4.9067139271481870595e-198, 1.0],
  [-20, 2.7536241186062336951e-89, 1.0],
  [-10, 7.619853024160526066e-24, 1.0],
  [-8.3, 5.2055697448902540246e-17, 0.99999999999999994794],
  [-5, 2.8665157187919391167e-7, 0.99999971334842812081],
  [-3, 0.0013498980316300945267, 0.99865010196836990547],
  [-1.96, 0.024997895148220436213, 0.97500210485177956379],
  [-1, 0.15865525393145705141, 0.84134474606854294859],
  [-0.5, 0.30853753872598689636, 0.69146246127401310364],
  [-1e-8, 0.49999999601057719599, 0.50000000398942280401],
  [0, 0.5, 0.5],
  [0.3, 0.61791142218895263307, 0.38208857781104736693],
  [1, 0.84134474606854294859, 0.15865525393145705141],
  [2.5, 0.99379033467422386483, 0.006209665325776135167],
  [5, 0.99999971334842812081, 2.8665157187919391167e-7],
  [8, 0.9999999999999993779, 6.2209605742717841235e-16],
  [9, 0.99999999999999999989, 1.1285884059538406477e-19],
  [12, 1.0, 1.7764821120776789978e-33],
];

const QUANTILE_REF: Array<[number, number]> = [
  [1e-300, -37.047096299361199237],
  [1e-100, -21.273453560965324294],
  [1e-20, -9.2623400897984075796],
  [1e-10, -6.3613409024040561991],
  [1e-5, -4.2648907939228246102],
  [0.001, -3.0902323061678135354],
  [0.02, -2.0537489106318230443],
  [0.02425, -1.9729610513118848376],
  [0.05, -1.644853626951472688],
  [0.2, -0.84162123357291416552],
  [0.7, 0.52440051270804065631],
  [0.975, 1.9599639845400538556],
  [0.999, 3.0902323061678132778],
];

const ISF_REF: Array<[number, number]> = [
  [1e-300, 37.047096299361199237],
  [1e-50, 14.933337534788488981],
  [1e-17, 8.4937932241095980661],
];

const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('erfc (Cody)', () => {
  it('matches mpmath to ~1e-15 relative, tails included', () => {
    let worst = 0;
    for (const [x, ref] of ERFC_REF) worst = Math.max(worst, rel(erfc(x), ref));
    expect(worst).toBeLessThan(1e-15); // measured max 3.7e-16
  });
  it('erf keeps relative accuracy near zero and is odd', () => {
    expect(rel(erf(1e-10), 1.1283791670955125739e-10)).toBeLessThan(1e-15);
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(rel(erf(1), 1 - 0.15729920705028513066)).toBeLessThan(1e-15);
  });
  it('handles special inputs', () => {
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(30)).toBe(0);
    expect(Number.isNaN(erfc(NaN))).toBe(true);
  });
});

describe('normal CDF and survival function', () => {
  it('match mpmath relative to the value in both tails', () => {
    let worst = 0;
    for (const [x, cdf, sf] of CDF_REF) {
      worst = Math.max(worst, rel(normCdf(x), cdf), rel(normSf(x), sf));
    }
    expect(worst).toBeLessThan(1e-15); // measured max 3.6e-16
  });
  it('are complementary and symmetric', () => {
    for (const x of [-7, -2, -0.1, 0, 0.4, 3]) {
      expect(Math.abs(normCdf(x) + normSf(x) - 1)).toBeLessThan(2e-16);
      expect(normCdf(x)).toBe(normSf(-x));
    }
  });
  it('pdf and log pdf agree with the textbook formula', () => {
    for (const x of [-30, -5, -1, 0, 0.5, 2, 9]) {
      const ref = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      expect(rel(normPdf(x), ref)).toBeLessThan(3e-14);
      expect(Math.abs(normLogPdf(x) - Math.log(ref))).toBeLessThan(1e-13);
    }
    expect(normPdf(50)).toBe(0);
  });
  it('log CDF is finite far into the lower tail', () => {
    expect(Math.abs(normLogCdf(-37) - Math.log(5.7255712225245768227e-300))).toBeLessThan(1e-12);
    // Asymptotic branch vs the direct form just past the switch (Phi(-38.01) is still a subnormal).
    expect(Math.abs(normLogCdf(-38.01) - Math.log(normCdf(-38.01)))).toBeLessThan(1e-6);
    expect(Number.isFinite(normLogCdf(-1000))).toBe(true);
  });
});

describe('normal quantile (Acklam + Halley)', () => {
  it('matches mpmath to ~1e-15 relative', () => {
    let worst = 0;
    for (const [p, ref] of QUANTILE_REF) worst = Math.max(worst, rel(normQuantile(p), ref));
    for (const [q, ref] of ISF_REF) worst = Math.max(worst, rel(normIsf(q), ref));
    expect(worst).toBeLessThan(1e-15); // measured max 1.3e-16
  });
  it('inverts the CDF over a dense sweep', () => {
    let worst = 0;
    for (let i = 1; i < 2000; i++) {
      const p = i / 2000;
      worst = Math.max(worst, Math.abs(normCdf(normQuantile(p)) - p) / p);
    }
    expect(worst).toBeLessThan(1e-14);
  });
  it('has the right edge behaviour', () => {
    expect(normQuantile(0)).toBe(-Infinity);
    expect(normQuantile(1)).toBe(Infinity);
    expect(normQuantile(0.5)).toBe(0);
    expect(Number.isNaN(normQuantile(1.5))).toBe(true);
    expect(normIsf(0)).toBe(Infinity);
  });
});
