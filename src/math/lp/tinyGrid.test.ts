// The LP on 3-point grids against a brute-force reference: every vertex of the
// feasible polytope of q (6 free numbers) is enumerated and the best one kept.
// The reference builds its coefficients straight from the joint law of the grid,
// not from restorer.ts / lpModel.ts, so the two paths share only discretizeToy,
// which is itself checked by hand below.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { discretizeToy, type DiscreteToy } from './grid';
import { loadHighs } from './loadHighs';
import { minFeasibleDistortion } from './bounds';
import { ExactToyLp } from './solver';
import type { Perception } from './lpModel';
import { enumerateLp } from './testUtil';
import type { ToyParams } from '../toyParams';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const PAPER: ToyParams = { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 };
// mu1 > mu2: c0 is the mirrored rule (w1 iff x > t*).
const MIRRORED: ToyParams = { p1: 0.6, mu1: 0.5, mu2: -1, sigmaX: 0.8, sigmaN: 0.7 };

describe('discretizeToy on a 3-point grid, by hand', () => {
  it('matches the convention of issue 6 term by term', () => {
    const toy = discretizeToy(PAPER, { n: 3, L: 1 });
    expect(Array.from(toy.x)).toEqual([-1, 0, 1]);
    const e = Math.exp;
    const w1 = [0.7, 0.7 * e(-0.5), 0.7 * e(-2)];
    const w2 = [0.3 * e(-2), 0.3 * e(-0.5), 0.3];
    const z = [...w1, ...w2].reduce((s, v) => s + v, 0);
    for (let i = 0; i < 3; i++) {
      expect(toy.pW1X[i]).toBeCloseTo(w1[i] / z, 15);
      expect(toy.pW2X[i]).toBeCloseTo(w2[i] / z, 15);
    }
    // p(y | x = 0) ∝ [e^-1/2, 1, e^-1/2]; p(y | x = -1) ∝ [1, e^-1/2, e^-2]
    const r0 = 1 + 2 * e(-0.5);
    expect(toy.pYgX[1 * 3 + 0]).toBeCloseTo(e(-0.5) / r0, 15);
    expect(toy.pYgX[1 * 3 + 1]).toBeCloseTo(1 / r0, 15);
    const rm = 1 + e(-0.5) + e(-2);
    expect(toy.pYgX[0 * 3 + 2]).toBeCloseTo(e(-2) / rm, 15);
    // t* = ln(7/3)/2 = 0.42: c0 says w1 at -1 and 0, w2 at 1.
    expect(Array.from(toy.decide)).toEqual([1, 1, 2]);
    expect(Array.from(discretizeToy(MIRRORED, { n: 3, L: 1.5 }).decide)).toEqual([2, 1, 1]);
  });

  it('makes a noiseless channel the identity', () => {
    const toy = discretizeToy({ ...PAPER, sigmaN: 0 }, { n: 5, L: 2 });
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(toy.pYgX[i * 5 + j]).toBe(i === j ? 1 : 0);
  });
});

/** The LP of a 3-point grid written out directly: v = [q(0|j), q(1|j)]_j, q(2|j) = 1 - both. */
function referenceLp(toy: DiscreteToy, perception: Perception, objective: 'error' | 'perception', d: number, p: number) {
  const n = 3;
  const pXY = (i: number, j: number) => toy.pX[i] * toy.pYgX[i * n + j];
  const pWXY = (k: number, i: number, j: number) => (k === 1 ? toy.pW1X[i] : toy.pW2X[i]) * toy.pYgX[i * n + j];
  const pY = [0, 1, 2].map((j) => pXY(0, j) + pXY(1, j) + pXY(2, j));
  // A functional sum_jl F[j][l] q(l|j) as [coefficients over v, constant].
  const lin = (F: (j: number, l: number) => number): [number[], number] => {
    const c: number[] = [];
    let c0 = 0;
    for (let j = 0; j < n; j++) {
      c.push(F(j, 0) - F(j, 2), F(j, 1) - F(j, 2));
      c0 += F(j, 2);
    }
    return [c, c0];
  };
  const err = lin((j, l) => {
    let s = 0;
    for (let i = 0; i < n; i++) for (const k of [1, 2]) if (toy.decide[l] !== k) s += pWXY(k, i, j);
    return s;
  });
  const mse = lin((j, l) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += pXY(i, j) * (toy.x[i] - toy.x[l]) ** 2;
    return s;
  });
  const pXhat = [0, 1, 2].map((m) => lin((j, l) => (l === m ? pY[j] : 0)));
  // Perception as the max of linear pieces: TV = max over signs of 1/2 sum s_l (pX - pXhat)_l,
  // W1 = max over signs of h sum_k s_k (F_X - F_Xhat)_k, k < 2.
  const pieces: Array<[number[], number]> = [];
  const signs = perception === 'tv' ? 3 : 2;
  for (let mask = 0; mask < 1 << signs; mask++) {
    const s = Array.from({ length: signs }, (_, k) => ((mask >> k) & 1 ? 1 : -1));
    const c = new Array(6).fill(0);
    let c0 = 0;
    for (let k = 0; k < signs; k++) {
      const ls = perception === 'tv' ? [k] : Array.from({ length: k + 1 }, (_, u) => u);
      const w = perception === 'tv' ? 0.5 * s[k] : toy.h * s[k];
      for (const l of ls) {
        c0 += w * toy.pX[l];
        for (let v = 0; v < 6; v++) c[v] -= w * pXhat[l][0][v];
        c0 -= w * pXhat[l][1];
      }
    }
    pieces.push([c, c0]);
  }
  const A: number[][] = [];
  const b: number[] = [];
  const dimExtra = objective === 'perception' ? 1 : 0; // epigraph variable tau
  const pad = (c: number[], tau = 0) => (dimExtra ? [...c, tau] : c);
  for (let v = 0; v < 6; v++) {
    const r = new Array(6).fill(0);
    r[v] = -1;
    A.push(pad(r));
    b.push(0);
  }
  for (let j = 0; j < n; j++) {
    const r = new Array(6).fill(0);
    r[2 * j] = 1;
    r[2 * j + 1] = 1;
    A.push(pad(r));
    b.push(1);
  }
  if (Number.isFinite(d)) {
    A.push(pad(mse[0]));
    b.push(d - mse[1]);
  }
  if (objective === 'error') {
    if (Number.isFinite(p)) for (const [c, c0] of pieces) {
      A.push(c);
      b.push(p - c0);
    }
    const res = enumerateLp(err[0], A, b);
    return res && res.value + err[1];
  }
  for (const [c, c0] of pieces) {
    A.push([...c, -1]);
    b.push(-c0);
  }
  A.push([...new Array(6).fill(0), 1]);
  b.push(10); // tau is bounded above so the polytope has vertices only
  return enumerateLp([...new Array(6).fill(0), 1], A, b)?.value ?? null;
}

describe('exact LP on 3-point grids = vertex enumeration', () => {
  const cases: Array<[string, ToyParams, number]> = [
    ['paper toy', PAPER, 1],
    ['mirrored toy', MIRRORED, 1.5],
  ];
  const lps: ExactToyLp[] = [];
  afterAll(() => lps.forEach((lp) => lp.dispose()));

  for (const [name, params, L] of cases) {
    for (const perception of ['tv', 'w1'] as const) {
      it(`${name}, ${perception}: C(D, P) and P(D)`, () => {
        const toy = discretizeToy(params, { n: 3, L });
        const lp = new ExactToyLp(highs, toy, perception);
        lps.push(lp);
        const dMin = minFeasibleDistortion(toy).d;
        const ds = [dMin * 0.999, dMin * 1.001, dMin * 1.05, dMin * 1.3, dMin * 2, Infinity];
        const ps = [0, 0.01, 0.05, 0.15, Infinity];
        let feasible = 0;
        for (const d of ds) {
          for (const p of ps) {
            const ref = referenceLp(toy, perception, 'error', d, p);
            const got = lp.cdp(d, p).value;
            if (ref === null) expect(got).toBeNull();
            else {
              feasible++;
              expect(got).not.toBeNull();
              expect(got!).toBeCloseTo(ref, 8);
            }
          }
          const refPd = referenceLp(toy, perception, 'perception', d, Infinity);
          const gotPd = lp.pd(d).value;
          if (refPd === null) expect(gotPd).toBeNull();
          else expect(gotPd!).toBeCloseTo(refPd, 8);
        }
        // The cases must exercise both outcomes, or the comparison proves little.
        expect(feasible).toBeGreaterThan(5);
        expect(feasible).toBeLessThan(ds.length * ps.length);
      });
    }
  }
});
