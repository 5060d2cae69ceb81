import { classifierThreshold, mixtureX, mixtureXhat, mixtureY, type ToyParams } from '../../math';
import { mixturePdf, type Mixture } from '../../math/mixture';
import type { DensitySeries, ThresholdInfo } from '../../plots/figures/densities';

const BASE_POINTS = 481;
const PEAK_POINTS = 41;

/**
 * Densities of X, Y and X^ = aY on one x grid. The grid spans X and Y (and
 * X^ up to a cap) and is refined around narrow X^ components so their peaks
 * are not missed between samples.
 */
export function densitySeries(params: ToyParams, a: number): DensitySeries {
  const mx = mixtureX(params);
  const my = mixtureY(params);
  const mh = mixtureXhat(params, a);
  const pointMass = mh.s.every((s) => s === 0);

  let lo = Infinity;
  let hi = -Infinity;
  const span = (m: Mixture, k: number) => {
    for (let i = 0; i < m.w.length; i++) {
      lo = Math.min(lo, m.m[i] - k * m.s[i]);
      hi = Math.max(hi, m.m[i] + k * m.s[i]);
    }
  };
  span(mx, 3.5);
  span(my, 3.5);
  // X^ may be much wider (|a| > 1): widen a little, not so much that X and Y flatten out.
  const width = hi - lo;
  const loH = lo;
  const hiH = hi;
  span(mh, 3.5);
  lo = Math.max(lo, loH - 0.5 * width);
  hi = Math.min(hi, hiH + 0.5 * width);

  const xs: number[] = [];
  for (let i = 0; i < BASE_POINTS; i++) xs.push(lo + ((hi - lo) * i) / (BASE_POINTS - 1));
  if (!pointMass) {
    for (let k = 0; k < mh.w.length; k++) {
      const s = mh.s[k];
      if (s > 0 && s < (hi - lo) / 60) {
        for (let i = 0; i < PEAK_POINTS; i++) {
          const x = mh.m[k] + s * (-4 + (8 * i) / (PEAK_POINTS - 1));
          if (x > lo && x < hi) xs.push(x);
        }
      }
    }
    xs.sort((u, v) => u - v);
  }

  const th = classifierThreshold(params);
  const threshold: ThresholdInfo = 'constant' in th ? { constant: th.constant } : { t: th.t, w1Below: th.w1Below };
  return {
    x: xs,
    pX: xs.map((x) => mixturePdf(mx, x)),
    pY: xs.map((x) => mixturePdf(my, x)),
    pXhat: pointMass ? null : xs.map((x) => mixturePdf(mh, x)),
    a,
    threshold,
  };
}
