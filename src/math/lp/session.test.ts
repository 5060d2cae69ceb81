import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Highs } from 'highs';
import { loadHighs } from './loadHighs';
import { ExactSession, type ExactSpec, type ProgressBatch } from './session';
import { ExactToyLp } from './solver';
import { discretizeToy } from './grid';
import { linearCdp, linearFamily } from './linearFamily';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});
const sessions: ExactSession[] = [];
afterAll(() => sessions.forEach((s) => s.dispose()));

const SPEC: ExactSpec = {
  params: { p1: 0.7, mu1: -1, mu2: 1, sigmaX: 1, sigmaN: 1 },
  grid: { n: 21, L: 4 },
  perception: 'tv',
  size: 6,
};

describe('ExactSession', () => {
  it('fills the surface and the P(D) curve with the same values as direct solves', async () => {
    const s = new ExactSession(highs);
    sessions.push(s);
    const sum = s.configure(SPEC);
    const { d, p } = sum.axes;
    expect(d.length).toBe(6);
    expect(d[0]).toBeLessThan(sum.dMin);
    expect(p[0]).toBe(0);
    const c: (number | null)[][] = d.map(() => p.map(() => NaN));
    const pd: (number | null)[] = d.map(() => NaN);
    const batches: ProgressBatch[] = [];
    const res = await s.run(d, p, d, (b) => {
      batches.push(b);
      for (const cell of b.cells) c[cell.i][cell.j] = cell.c;
      for (const pt of b.pd) pd[pt.k] = pt.p;
    }, () => Promise.resolve(), 0);
    expect(res.status).toBe('done');
    expect(res.solves).toBe(d.length * p.length + d.length);
    expect(batches.at(-1)!.done).toBe(batches.at(-1)!.total);
    const ref = new ExactToyLp(highs, discretizeToy(SPEC.params, SPEC.grid), 'tv');
    for (let i = 0; i < d.length; i++) {
      for (let j = 0; j < p.length; j++) {
        const v = ref.cdp(d[i], p[j]).value;
        if (v === null) expect(c[i][j]).toBeNull();
        else expect(c[i][j]!).toBeCloseTo(v, 9);
      }
      const v = ref.pd(d[i]).value;
      if (v === null) expect(pd[i]).toBeNull();
      else expect(pd[i]!).toBeCloseTo(v, 9);
    }
    ref.dispose();
    // The first D lies below the minimal feasible distortion: a row of nulls.
    expect(c[0].every((v) => v === null)).toBe(true);
    expect(c[1].some((v) => v !== null)).toBe(true);

    const lin = s.linear(d, p, d);
    const fam = linearFamily(discretizeToy(SPEC.params, SPEC.grid));
    expect(lin.c[3][5]).toBe(linearCdp(fam, 'tv', d[3], p[5]).value);
  });

  it('stops between two solves when cancelled, and a new configure supersedes a run', async () => {
    const s = new ExactSession(highs);
    sessions.push(s);
    const { axes } = s.configure({ ...SPEC, size: 10 });
    let seen = 0;
    const res = await s.run(axes.d, axes.p, [], (b) => {
      seen += b.cells.length;
      if (b.done >= 12) s.cancel();
    }, () => Promise.resolve(), 0);
    expect(res.status).toBe('cancelled');
    expect(seen).toBeGreaterThanOrEqual(12);
    expect(seen).toBeLessThan(100);

    let calls = 0;
    const run = s.run(axes.d, axes.p, [], () => calls++, async () => {
      if (calls === 3) s.configure({ ...SPEC, perception: 'w1' });
    }, 0);
    expect((await run).status).toBe('cancelled');
  });

  it('returns the optimal restorer as rows of a conditional law', () => {
    const s = new ExactSession(highs);
    sessions.push(s);
    const sum = s.configure(SPEC);
    const r = s.restorer(sum.dMin * 1.1, 0.02);
    expect(r.value).not.toBeNull();
    expect(r.q!.length).toBe(21);
    for (const row of r.q!) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(r.scores!.error).toBeCloseTo(r.value!, 7);
    expect(r.scores!.tv).toBeLessThanOrEqual(0.02 + 1e-7);
    const none = s.restorer(sum.dMin * 0.9, 0.02);
    expect(none.value).toBeNull();
    expect(none.q).toBeNull();
  });
});
