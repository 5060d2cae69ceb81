import { useEffect, useId, useMemo } from 'react';
import { conditionalPreset, type CondPresetId } from '../../../experiments/conditionalPresets';
import { readDense, type DenseReadout } from '../../../experiments/denseGrid';
import { ratioToSlider, sliderToRatio, SLIDER_STEPS } from '../../../experiments/slideScale';
import { lossRatios, ratioInRange, type RatioRange } from '../../../models/conditioning';
import { fmt } from '../../../plots/format';
import { useToyStore } from '../../../state';
import { NumberBox } from '../NumberBox';
import { ThumbGrid } from '../ThumbGrid';
import { TrainOwnPanel } from '../own/TrainOwnPanel';
import { useSlide, type SlidePos } from './slideStore';
import './slide.css';

/**
 * Slide mode of the Experiments view: alpha, beta and gamma sliders over a
 * shipped loss-conditional restorer. Render and dispatch only: the store
 * (slideStore.ts) runs the worker, the dense grid gives the readouts.
 */

const pm = (v: number | null, se: number | null, d: number) => (v === null || !Number.isFinite(v) ? 'n/a' : `${fmt(v, d)}${se !== null && Number.isFinite(se) ? ` ± ${fmt(se, 2)}` : ''}`);

function readoutNote(r: DenseReadout | null): string {
  if (!r) return 'No grid point evaluated yet.';
  if (r.outside) return 'Beyond the dense grid on one axis: these are the values at its edge, not at this setting.';
  if (r.kind === 'exact') return `Exact: a dense-grid point (β ${r.at.beta}, γ ${r.at.gamma}).`;
  if (r.kind === 'nearest') return `Nearest evaluated grid point (β ${r.at.beta}, γ ${r.at.gamma}); the rest of the grid is not evaluated yet.`;
  return `Interpolated between the grid points ${r.between.map((b) => `(β ${b.beta}, γ ${b.gamma})`).join(', ')}.`;
}

function LogSlider({ name, value, alpha, range, grid, onChange }: { name: 'beta' | 'gamma'; value: number; alpha: number; range: RatioRange; grid: readonly number[]; onChange(v: number): void }) {
  const id = useId();
  const sym = name === 'beta' ? 'β' : 'γ';
  const pos = ratioToSlider(value / alpha, range);
  return (
    <div className="slide-row">
      <label htmlFor={id} className="field-label">
        {sym} ({name === 'beta' ? 'weight of the adversarial term' : 'weight of the classification term'})
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={pos}
        data-testid={`slide-${name}`}
        aria-valuetext={`${sym} = ${value}`}
        onChange={(e) => onChange(Number((sliderToRatio(Number(e.target.value), range, grid) * alpha).toPrecision(6)))}
      />
      <NumberBox label={`${sym} =`} value={value} min={0} max={range.hi * alpha} step={range.lo} onChange={onChange} testId={`slide-${name}-box`} />
      <span className="field-hint">log scale, 0 to {range.hi * alpha}</span>
    </div>
  );
}

export function SlidePanel({ preset }: { preset: CondPresetId }) {
  const cp = conditionalPreset(preset)!;
  const on = useToyStore((s) => s.slide);
  const sa = useToyStore((s) => s.sa);
  const sb = useToyStore((s) => s.sb);
  const sg = useToyStore((s) => s.sg);
  const setKey = useToyStore((s) => s.set);
  const status = useSlide((s) => s.status);
  const message = useSlide((s) => s.message);
  const entry = useSlide((s) => s.entry);
  const source = useSlide((s) => s.source);
  const grid = useSlide((s) => s.grid);
  const pos = useSlide((s) => s.pos);
  const samples = useSlide((s) => s.samples);
  const exact = useSlide((s) => s.exact);
  const latency = useSlide((s) => s.latencyMs);

  // The link's position opens the mode; moving writes it back.
  useEffect(() => {
    if (!on) {
      if (useSlide.getState().status !== 'off') useSlide.getState().close();
      return;
    }
    void useSlide.getState().open(preset, { alpha: sa, beta: sb, gamma: sg });
  }, [on, preset, sa, sb, sg]);

  const move = (p: Partial<SlidePos>) => {
    useSlide.getState().move(p);
    const next = useSlide.getState().pos;
    setKey('sa', next.alpha);
    setKey('sb', next.beta);
    setKey('sg', next.gamma);
  };

  const ratios = useMemo(() => lossRatios(pos), [pos]);
  const readout = useMemo(() => (grid ? readDense(grid, ratios) : null), [grid, ratios]);
  const outside = !ratioInRange(ratios.beta, cp.ranges.beta) || !ratioInRange(ratios.gamma, cp.ranges.gamma);
  const v = readout?.value ?? null;
  const exactHere = exact && exact.pos.alpha === pos.alpha && exact.pos.beta === pos.beta && exact.pos.gamma === pos.gamma ? exact : null;

  return (
    <section className="slide-panel" aria-label="Slide mode" data-testid="slide-panel" data-status={status} data-source={source.kind}>
      <div className="slide-head">
        <h3 className="xp-h">One restorer for every α, β, γ</h3>
        <button type="button" className="small-button" aria-pressed={on} onClick={() => setKey('slide', !on)} data-testid="slide-toggle">
          {on ? 'Close slide mode' : 'Slide the weights'}
        </button>
      </div>
      {!on && (
        <p className="field-hint">
          A loss-conditional restorer (one network taking β/α and γ/α as an input, trained once) stands in for every fixed-weight restorer of this preset:
          drag the weights and the restored digits and the P-D-C point follow, without training.
        </p>
      )}
      {on && status === 'loading' && (
        <p className="field-hint" role="status" data-testid="slide-loading">
          Loading the conditional restorer and its dense grid…
        </p>
      )}
      {on && message && (
        <p className="xp-message xp-message-error" role="alert" data-testid="slide-message">
          {message}
        </p>
      )}
      {on && status === 'ready' && (entry || source.kind === 'own') && grid && (
        <div className="slide-body">
          <div className="slide-controls">
            <div className="slide-row">
              <label className="field-label" htmlFor="slide-alpha">
                α (weight of the MSE)
              </label>
              <input
                id="slide-alpha"
                type="range"
                min={0.05}
                max={1}
                step={0.01}
                value={pos.alpha}
                data-testid="slide-alpha"
                onChange={(e) => move({ alpha: Number(e.target.value) })}
              />
              <NumberBox label="α =" value={pos.alpha} min={0.05} max={1} step={0.01} onChange={(a) => move({ alpha: a })} testId="slide-alpha-box" />
              <span className="field-hint">only β/α and γ/α choose the restorer</span>
            </div>
            <LogSlider name="beta" value={pos.beta} alpha={pos.alpha} range={cp.ranges.beta} grid={grid.betas} onChange={(b) => move({ beta: b })} />
            <LogSlider name="gamma" value={pos.gamma} alpha={pos.alpha} range={cp.ranges.gamma} grid={grid.gammas} onChange={(g) => move({ gamma: g })} />
            {outside && (
              <p className="xp-message xp-message-error" role="alert" data-testid="slide-outside">
                β/α = {fmt(ratios.beta, 3)}, γ/α = {fmt(ratios.gamma, 3)} lie outside what this model was trained on (β/α up to {cp.ranges.beta.hi}, γ/α up to {cp.ranges.gamma.hi}): the
                restorer extrapolates and the readouts are the grid’s edge.
              </p>
            )}
          </div>
          <div className="slide-readouts" data-testid="slide-readouts" data-kind={readout?.kind ?? 'none'} data-d={v?.D ?? ''} data-p={v?.P ?? ''} data-c={v?.C ?? ''}>
            <p>
              <strong>D</strong> {pm(v?.D ?? null, v?.Dse ?? null, 4)} · <strong>P</strong> {pm(v?.P ?? null, v?.Pse ?? null, 3)} · <strong>C</strong> {pm(v?.C ?? null, v?.Cse ?? null, 4)}
            </p>
            <p className="field-hint" data-testid="slide-readout-note">
              {readoutNote(readout)} SEs include the spread between training seeds.
            </p>
            <p className="field-hint" data-testid="slide-exact" data-d={exactHere?.D ?? ''} data-c={exactHere?.C ?? ''}>
              {exactHere
                ? `At this exact setting, on all ${exactHere.n.toLocaleString('en-US')} test images: D ${fmt(exactHere.D, 4)}, C ${fmt(exactHere.C, 4)} ± ${fmt(exactHere.Cse, 2)} (P needs a critic: grid value above).`
                : 'D and C at this exact setting follow when the slider rests.'}
            </p>
          </div>
          <div className="slide-digits" data-testid="slide-digits" data-beta={samples?.pos.beta ?? ''} data-gamma={samples?.pos.gamma ?? ''} data-seq={samples?.seq ?? ''}>
            {samples ? <ThumbGrid t={samples.thumbs} testId="slide-thumbs" /> : <p className="field-hint">Restoring…</p>}
            <p className="field-hint">
              {samples ? `Restored at β ${samples.pos.beta}, γ ${samples.pos.gamma}` : ''}
              {latency !== null ? ` in ${Math.round(latency)} ms` : ''}.{' '}
              {entry
                ? `Model: ${entry.dir}, ${entry.iterations.toLocaleString('en-US')} iterations, trained once in ${(entry.cpuSeconds / 60).toFixed(1)} CPU-minutes (card in models/${entry.dir}/card.md).`
                : source.kind === 'own'
                  ? `Model: yours, ${source.iterations.toLocaleString('en-US')} iterations, trained in this browser in ${(source.trainSeconds / 60).toFixed(1)} minutes.`
                  : ''}
            </p>
          </div>
        </div>
      )}
      {on && <TrainOwnPanel preset={preset} />}
    </section>
  );
}
