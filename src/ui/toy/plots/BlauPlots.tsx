import { useMemo } from 'react';
import { discreteExample, example1Curve, example1Mmse } from '../../../math';
import { blauDiscreteFigure, blauPdFigure, type PdCurve } from '../../../plots/figures/blau';
import { Plot } from '../../../plots/Plot';
import { KEYS, useToyStore } from '../../../state';
import { NumberSlider } from '../../controls/NumberSlider';
import { usePalette } from '../../usePalette';

/** Noise levels of the P(D) family (Blau & Michaeli Fig. 5 shows several). */
export const BLAU_SIGMAS = [0.5, 1, 1.5, 2] as const;
const D_MAX = 1.3;
const D_POINTS = 261;

function pdCurves(): PdCurve[] {
  const d = Array.from({ length: D_POINTS }, (_, i) => (D_MAX * i) / (D_POINTS - 1));
  return BLAU_SIGMAS.map((sigmaN) => {
    const mmse = example1Mmse(sigmaN);
    // Cut at the MMSE point: below it no estimator reaches D; start the curve exactly there.
    const keep = d.filter((v) => v > mmse.d);
    const curve = example1Curve(sigmaN, [mmse.d, ...keep]);
    return { sigmaN, d: Array.from(curve.d), p: Array.from(curve.p), mmse };
  });
}

export function BlauPdPlot() {
  const pal = usePalette();
  // Independent of every slider: computed once.
  const curves = useMemo(pdCurves, []);
  const figure = useMemo(() => blauPdFigure(curves, pal), [curves, pal]);
  return (
    <Plot
      name="blau-pd"
      title={<>Blau &amp; Michaeli Fig. 5: P(D), X ~ N(0, 1)</>}
      figure={figure}
      caption="Linear restorers X̂ = aY, KL perception. Squares: the MMSE point where each curve is cut. Higher noise, harsher tradeoff."
    />
  );
}

export function BlauDiscretePlot() {
  const pal = usePalette();
  const p0 = useToyStore((s) => s.p0);
  const set = useToyStore((s) => s.set);
  const series = useMemo(() => {
    const ex = discreteExample(p0);
    return {
      p0,
      x: Array.from(ex.x),
      pmfX: Array.from(ex.pmfX),
      mmse: { xhat: Array.from(ex.mmse.xhat), density: Array.from(ex.mmse.density) },
      map: { x: Array.from(ex.map.x), pmf: Array.from(ex.map.pmf) },
    };
  }, [p0]);
  const figure = useMemo(() => blauDiscreteFigure(series, pal), [series, pal]);
  return (
    <div className="plot-with-control">
      <Plot
        name="blau-discrete"
        title={<>Blau &amp; Michaeli Fig. 3: X ∈ {'{'}−1, 0, 1{'}'}</>}
        figure={figure}
        height={300}
        caption="Y = X + N(0, 1). The MMSE estimate is spread over (−1, 1); MAP never outputs 0 once log(p₁/p₀) > ½. Neither matches p_X."
      />
      <div className="inline-control">
        <NumberSlider
          name="p0"
          def={KEYS.p0}
          value={p0}
          onChange={(v) => set('p0', v)}
          label={
            <>
              p<sub>0</sub> = P(X = 0)
            </>
          }
        />
      </div>
    </div>
  );
}
