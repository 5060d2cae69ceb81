import { useId } from 'react';
import type { Divergence, toyPoint } from '../../math';
import { fmt } from '../../plots/format';
import { DIVERGENCES, KEYS, perceptionUnit, useToyStore } from '../../state';
import type { WeightedResult } from '../../math/weighted';
import type { ToyPointResult } from '../../workers/toyProtocol';
import { NumberSlider } from '../controls/NumberSlider';
import { useControlHidden } from '../present/hidden';
import { DIV_OPTION } from './divergenceText';
import { Readout } from './Readout';

type Point = ReturnType<typeof toyPoint>;

interface Props {
  point: Point;
  perception: number;
  /** The worker's answer for (D, P); null before the first one. */
  constrained: ToyPointResult | null;
  /** True while that answer is for older inputs. */
  stale: boolean;
  /** The gain minimising alpha D + beta P + gamma C (null before the first answer or with all weights 0). */
  weighted: WeightedResult | null;
  /** True while that answer is for older weights or another model. */
  weightedStale: boolean;
}

/** Nearest multiple of step, printed without binary noise (0.69, not 0.6900000000000001). */
function snap(v: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return Number((Math.round(v / step) * step).toFixed(digits));
}

function intervals(iv: [number, number][]): string {
  if (iv.length === 0) return 'empty (infeasible)';
  return iv.map(([lo, hi]) => (lo === hi ? `{${fmt(lo)}}` : `[${fmt(lo)}, ${fmt(hi)}]`)).join(' ∪ ');
}

export function ToyControls({ point, perception, constrained, stale, weighted, weightedStale }: Props) {
  const s = useToyStore();
  const divId = useId();
  const divHidden = useControlHidden('div');
  const pUnit = perceptionUnit(s.div);
  const feasible = constrained && constrained.feasible.length > 0;
  const allZero = s.alpha === 0 && s.beta === 0 && s.gamma === 0;
  const wv = (f: (w: WeightedResult) => string) => (allZero ? '–' : weighted ? f(weighted) : '…');

  return (
    <div className="controls-inner">
      <fieldset className="group">
        <legend>Signal and noise</legend>
        <NumberSlider name="p1" def={KEYS.p1} value={s.p1} onChange={(v) => s.set('p1', v)} label={<>P<sub>1</sub>, prior of ω<sub>1</sub></>} />
        <NumberSlider name="mu1" def={KEYS.mu1} value={s.mu1} onChange={(v) => s.set('mu1', v)} label={<>μ<sub>1</sub>, mean of ω<sub>1</sub></>} />
        <NumberSlider name="mu2" def={KEYS.mu2} value={s.mu2} onChange={(v) => s.set('mu2', v)} label={<>μ<sub>2</sub>, mean of ω<sub>2</sub></>} />
        <NumberSlider name="sigmaX" def={KEYS.sigmaX} value={s.sigmaX} onChange={(v) => s.set('sigmaX', v)} label={<>σ<sub>X</sub>, component std</>} />
        <NumberSlider name="sigmaN" def={KEYS.sigmaN} value={s.sigmaN} onChange={(v) => s.set('sigmaN', v)} label={<>σ<sub>N</sub>, noise std</>} />
      </fieldset>

      <fieldset className="group">
        <legend>Perception index</legend>
        {!divHidden && (
          <div className="field">
            <label htmlFor={divId} className="field-label">
              Divergence P = d(p<sub>X</sub>, p<sub>X̂</sub>)
            </label>
            <select
              id={divId}
              data-testid="select-div"
              value={s.div}
              onChange={(e) => s.set('div', e.target.value as Divergence)}
            >
              {DIVERGENCES.map((d) => (
                <option key={d} value={d}>
                  {DIV_OPTION[d]}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>

      <fieldset className="group">
        <legend>
          Restorer X̂ = aY
        </legend>
        <NumberSlider name="a" def={KEYS.a} value={s.a} onChange={(v) => s.set('a', v)} label={<>a, restorer gain</>} />
        <dl className="readouts readouts-row">
          <Readout testId="readout-mse" label={<abbr title="distortion: MSE">D(a)</abbr>} value={fmt(point.mse, 4)} />
          <Readout
            testId="readout-perception"
            label={<abbr title={`perception index${pUnit ? ` (${pUnit})` : ''}`}>P(a)</abbr>}
            value={fmt(perception, 4)}
          />
          <Readout testId="readout-error" label={<abbr title="classification error rate of c0">C(a)</abbr>} value={fmt(point.errorRate, 4)} />
        </dl>
      </fieldset>

      <fieldset className="group">
        <legend>Constraints D(a) ≤ D, P(a) ≤ P</legend>
        <NumberSlider name="D" def={KEYS.D} value={s.D} onChange={(v) => s.set('D', v)} label={<>D, max distortion</>} />
        <NumberSlider name="P" def={KEYS.P} value={s.P} onChange={(v) => s.set('P', v)} label={<>P, max perception index</>} unit={pUnit} />
        <dl className="readouts">
          <Readout
            testId="readout-feasible-a"
            label="feasible a"
            value={constrained ? intervals(constrained.feasible) : '…'}
            busy={stale}
          />
          <Readout
            testId="readout-clin"
            label={<>C<sub>lin</sub>(D, P)</>}
            value={constrained ? (feasible ? fmt(constrained.c, 5) : 'infeasible') : '…'}
            busy={stale}
          />
          <Readout
            testId="readout-argmin-a"
            label="argmin a"
            value={constrained ? (feasible ? fmt(constrained.a, 5) : '–') : '…'}
            busy={stale}
          />
        </dl>
        <button
          type="button"
          className="small-button"
          data-testid="use-argmin"
          disabled={!feasible || constrained?.a == null}
          onClick={() => constrained?.a != null && s.set('a', snap(constrained.a, KEYS.a.step))}
        >
          Set a to the argmin
        </button>
      </fieldset>

      <fieldset className="group" data-testid="weights-group">
        <legend>Loss weights: min over a of αD + βP + γC</legend>
        <NumberSlider name="alpha" def={KEYS.alpha} value={s.alpha} onChange={(v) => s.set('alpha', v)} label={<>α, weight of D</>} />
        <NumberSlider name="beta" def={KEYS.beta} value={s.beta} onChange={(v) => s.set('beta', v)} label={<>β, weight of P</>} />
        <NumberSlider name="gamma" def={KEYS.gamma} value={s.gamma} onChange={(v) => s.set('gamma', v)} label={<>γ, weight of C</>} />
        <dl className="readouts readouts-row">
          <Readout testId="readout-weighted-d" label={<abbr title="distortion of the weighted minimiser">D</abbr>} value={wv((w) => fmt(w.d, 4))} busy={weightedStale} />
          <Readout testId="readout-weighted-p" label={<abbr title="perception index of the weighted minimiser">P</abbr>} value={wv((w) => fmt(w.p, 4))} busy={weightedStale} />
          <Readout testId="readout-weighted-c" label={<abbr title="error rate of the weighted minimiser">C</abbr>} value={wv((w) => fmt(w.c, 4))} busy={weightedStale} />
        </dl>
        <dl className="readouts">
          <Readout
            testId="readout-weighted-a"
            label="minimiser a"
            value={allZero ? 'any a (all weights 0)' : weighted ? fmt(weighted.a, 6) : '…'}
            busy={weightedStale}
          />
          <Readout testId="readout-weighted-objective" label="αD + βP + γC" value={wv((w) => fmt(w.objective, 5))} busy={weightedStale} />
          <Readout
            testId="readout-weighted-others"
            label="other local minima"
            value={wv((w) => (w.others.length ? w.others.slice(0, 2).map((o) => `a = ${fmt(o.a, 3)}`).join(', ') : 'none'))}
            busy={weightedStale}
          />
        </dl>
        <button
          type="button"
          className="small-button"
          data-testid="use-weighted"
          disabled={allZero || !weighted}
          onClick={() => weighted && s.set('a', snap(weighted.a, KEYS.a.step))}
        >
          Set a to the minimiser
        </button>
      </fieldset>
    </div>
  );
}
