import { useEffect, useMemo, useRef, useState } from 'react';
import { Plot } from '../../plots/Plot';
import { useToyStore } from '../../state';
import { usePalette } from '../usePalette';
import { useToyParams } from '../toy/useToyParams';
import { ExactExplainer } from './ExactExplainer';
import { ExactToolbar } from './ExactToolbar';
import { exactSurface3d, gapFigure, lawsFigure, pdFigure, profilesFigure, restorerFigure, type SurfaceInputs } from './figures';
import { gapGrid } from './series';
import { DEFAULT_EXACT_SETTINGS, useExactLab, useRestorer, useWeightedExact, type ExactSettings } from './useExactLab';
import './exact.css';

const P_TITLES = { tv: 'P = TV(p_X, p_X^)', w1: 'P = W1(p_X, p_X^)' } as const;

/** Starts work only once the section has been scrolled into view (the solver is 3.5 MB). */
function useSeen(ref: React.RefObject<HTMLElement | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, seen]);
  return seen;
}

/**
 * The latest value, but at most one change per `ms` while `busy`: the plots (a 3D
 * WebGL surface among them) redraw a few times a second during a fill instead of
 * on every batch, which a software-rendered GL could not keep up with.
 */
function useThrottled<T>(value: T, ms: number, busy: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (!busy) {
      last.current = performance.now();
      setShown(value);
      return;
    }
    const wait = Math.max(0, last.current + ms - performance.now());
    const t = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms, busy]);
  return shown;
}

const fmt = (v: number | null | undefined, digits = 4) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–');

/**
 * The exact CDP and perception-distortion bounds of the toy (issue 6), by linear
 * programming over all randomized restorers on a grid, next to the linear family.
 */
export function ExactBoundSection() {
  const params = useToyParams();
  const pal = usePalette();
  const ref = useRef<HTMLElement>(null);
  const seen = useSeen(ref);
  const [settings, setSettings] = useState<ExactSettings>(DEFAULT_EXACT_SETTINGS);
  const [showLinear, setShowLinear] = useState(true);
  const { state, start, cancel, client } = useExactLab(params, settings, seen);
  const { summary } = state;
  const pTitle = P_TITLES[settings.perception];

  // The (D, P) whose optimal restorer is shown, as indices into the surface axes.
  const size = summary?.axes.d.length ?? settings.size;
  const [pick, setPick] = useState<{ i: number; j: number }>({ i: 3, j: 2 });
  useEffect(() => {
    // A point where randomization shows: low D and a tight but feasible P (the axes are quadratic).
    setPick({ i: Math.round((size - 1) * 0.3), j: Math.round((size - 1) * 0.4) });
  }, [summary?.key, size]);
  const dPick = summary ? summary.axes.d[pick.i] : null;
  const pPick = summary ? summary.axes.p[pick.j] : null;
  const restorer = useRestorer(client, summary, dPick, pPick);
  // The toy's loss weights: the LP's minimiser of alpha D + beta P + gamma C over all restorers.
  const alpha = useToyStore((s) => s.alpha);
  const beta = useToyStore((s) => s.beta);
  const gamma = useToyStore((s) => s.gamma);
  const weights = useMemo(() => ({ alpha, beta, gamma }), [alpha, beta, gamma]);
  const weightedLp = useWeightedExact(client, summary, weights);
  const wd = weightedLp.result?.d ?? null;
  const wp = weightedLp.result?.p ?? null;
  const wc = weightedLp.result?.c ?? null;
  const weightedMark = useMemo(() => (wd !== null && wp !== null && wc !== null ? { d: wd, p: wp, c: wc } : null), [wd, wp, wc]);

  const busy = state.phase === 'running';
  const shownC = useThrottled(state.c, 700, busy);
  const shownPd = useThrottled(state.pd, 700, busy);
  const inputs: SurfaceInputs | null = useMemo(
    () =>
      summary && shownC && shownC.length === summary.axes.d.length
        ? { d: summary.axes.d, p: summary.axes.p, exact: shownC, linear: state.linear, pTitle }
        : null,
    [summary, shownC, state.linear, pTitle],
  );
  const firstFeasibleD = summary ? Math.max(0, summary.axes.d.findIndex((d) => d >= summary.dMin)) : 0;
  const fig3d = useMemo(() => (inputs ? exactSurface3d(inputs, pal, showLinear, weightedMark) : null), [inputs, pal, showLinear, weightedMark]);
  const figGap = useMemo(() => (inputs ? gapFigure(inputs, pal) : null), [inputs, pal]);
  const figAlongD = useMemo(() => (inputs ? profilesFigure(inputs, 'd', pal, firstFeasibleD) : null), [inputs, pal, firstFeasibleD]);
  const figAlongP = useMemo(() => (inputs ? profilesFigure(inputs, 'p', pal, firstFeasibleD) : null), [inputs, pal, firstFeasibleD]);
  const figPd = useMemo(
    () => (summary && shownPd && shownPd.length === state.pdD.length ? pdFigure(state.pdD, shownPd, state.linear, summary.dMin, pTitle, pal) : null),
    [summary, shownPd, state.pdD, state.linear, pTitle, pal],
  );
  const fresh = restorer.result && dPick === restorer.result.d && pPick === restorer.result.p ? restorer.result : null;
  const figQ = useMemo(() => (fresh && summary ? restorerFigure(fresh, summary, pal) : null), [fresh, summary, pal]);
  const figLaws = useMemo(() => (fresh ? lawsFigure(fresh, pal) : null), [fresh, pal]);
  const maxGap = useMemo(
    () => (shownC && state.linear && shownC.length === state.linear.c.length ? gapGrid(shownC, state.linear.c).max : null),
    [shownC, state.linear],
  );
  const linAtPick = summary && state.linear ? state.linear.c[pick.i][pick.j] : null;

  return (
    <section ref={ref} className="plot-section exact-section" aria-labelledby="exact-sec" data-testid="exact-section">
      <h2 id="exact-sec">The exact bound: all randomized restorers (linear programming)</h2>
      <ExactExplainer />
      <ExactToolbar settings={settings} onSettings={setSettings} state={state} onRecompute={() => void start()} onCancel={cancel} />
      {summary && (
        <dl className="exact-facts" data-testid="exact-facts">
          <div>
            <dt>min feasible D (grid)</dt>
            <dd>{fmt(summary.dMin)}</dd>
          </div>
          <div>
            <dt>discretized MMSE</dt>
            <dd>{fmt(summary.mmse)}</dd>
          </div>
          <div>
            <dt>Bayes error of Y (floor of C)</dt>
            <dd>{fmt(summary.bayesY)}</dd>
          </div>
          <div>
            <dt>Bayes error of X</dt>
            <dd>{fmt(summary.bayesX)}</dd>
          </div>
          <div>
            <dt>
              min αD + βP + γC over all restorers (α, β, γ = {alpha}, {beta}, {gamma})
            </dt>
            <dd data-testid="exact-weighted">
              {alpha === 0 && beta === 0 && gamma === 0
                ? 'all weights 0'
                : weightedLp.result
                  ? `${fmt(weightedLp.result.objective)} at D = ${fmt(weightedLp.result.d)}, ${settings.perception === 'tv' ? 'TV' : 'W1'} = ${fmt(weightedLp.result.p)}, C = ${fmt(weightedLp.result.c)}; ${weightedLp.result.randomized} of ${summary.n} columns of q randomised`
                  : (weightedLp.error ?? 'solving…')}
            </dd>
          </div>
          <div>
            <dt>largest gap C_lin − C</dt>
            <dd>{maxGap ? `${fmt(maxGap.value)} at D = ${fmt(summary.axes.d[maxGap.i], 3)}, P = ${fmt(summary.axes.p[maxGap.j], 3)}` : '–'}</dd>
          </div>
        </dl>
      )}
      <div className="plot-grid">
        <div>
          <Plot
            name="exact-surface-3d"
            title={<>Exact C(D, P) with the linear family</>}
            figure={fig3d}
            height={340}
            caption="Colour: the LP's value over all restorers. Translucent: the linear family X^ = aY on the same grid (holes where no a is feasible). Diamond: the restorer minimising αD + βP + γC (the toy's weights), a point of this convex surface."
          />
          <label className="exact-check">
            <input type="checkbox" checked={showLinear} onChange={(e) => setShowLinear(e.target.checked)} /> overlay the linear family
          </label>
        </div>
        <Plot
          name="exact-gap"
          title={<>Gap C_lin(D, P) − C(D, P)</>}
          figure={figGap}
          height={340}
          caption="What randomization buys. Green: (D, P) no linear restorer meets but some restorer does; grey: infeasible for all."
        />
        <Plot name="exact-profiles-d" title={<>C against D at fixed P</>} figure={figAlongD} caption="Solid: exact (convex, non-increasing); dashed: linear family on the grid." />
        <Plot name="exact-profiles-p" title={<>C against P at fixed D</>} figure={figAlongP} caption="Solid: exact; dashed: linear family on the grid." />
        <Plot
          name="exact-pd"
          title={<>Perception-distortion function P(D)</>}
          figure={figPd}
          caption="min perception s.t. MSE ≤ D over all restorers (solid) and over the linear family (dashed). Dotted: the minimal feasible D."
        />
        <div>
          <Plot
            name="exact-restorer"
            title={<>Optimal restorer q(x^ | y)</>}
            figure={figQ}
            height={340}
            caption="Each column is the law of X^ given y. Dashed: E[X | y]; dotted: c0's threshold t*. Spread columns are randomized outputs."
          />
          {summary && (
            <div className="exact-pick">
              <label>
                D = {fmt(dPick, 3)}
                <input type="range" data-testid="exact-pick-d" min={0} max={size - 1} step={1} value={pick.i} onChange={(e) => setPick({ ...pick, i: Number(e.target.value) })} />
              </label>
              <label>
                P = {fmt(pPick, 3)}
                <input type="range" data-testid="exact-pick-p" min={0} max={size - 1} step={1} value={pick.j} onChange={(e) => setPick({ ...pick, j: Number(e.target.value) })} />
              </label>
              <span data-testid="exact-pick-value">
                {fresh
                  ? fresh.value === null
                    ? 'infeasible'
                    : `C = ${fmt(fresh.value, 5)} (linear family: ${linAtPick === null ? 'infeasible' : fmt(linAtPick, 5)}); MSE ${fmt(fresh.scores?.mse)}, TV ${fmt(fresh.scores?.tv)}, W1 ${fmt(fresh.scores?.w1)}`
                  : restorer.error ?? 'solving…'}
              </span>
            </div>
          )}
        </div>
        <Plot name="exact-laws" title={<>Laws of X and of the optimal X^</>} figure={figLaws} caption="The perception constraint in pictures: p_X^ stays within P of p_X." />
      </div>
    </section>
  );
}
