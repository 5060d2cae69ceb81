import { useId } from 'react';
import type { LossWeights } from '../../train/config';
import { NumberBox } from '../controls/NumberBox';

const ROWS: Array<{ key: keyof LossWeights; label: string; max: number; step: number; help: string }> = [
  { key: 'alpha', label: 'alpha (MSE)', max: 2, step: 0.01, help: 'Weight of the MSE term (distortion); the warm-up starts it at 1.' },
  { key: 'beta', label: 'beta (adversarial)', max: 2, step: 0.01, help: 'Weight of -mean critic(X^) (perception).' },
  { key: 'gamma', label: 'gamma (classification)', max: 2, step: 0.01, help: 'Weight of the cross-entropy of the frozen classifier c0 (classification).' },
];

/** alpha/beta/gamma: move them while a job runs and the next step uses them. */
export function WeightSliders({ value, onChange }: { value: LossWeights; onChange(w: Partial<LossWeights>): void }) {
  const id = useId();
  return (
    <fieldset className="group" data-testid="train-weights">
      <legend>Loss weights (live)</legend>
      {ROWS.map((r) => (
        <div className="field" key={r.key}>
          <div className="field-row">
            <label className="field-label" htmlFor={`${id}-${r.key}`} title={r.help}>
              {r.label}
            </label>
            <NumberBox label="" ariaLabel={`${r.label} value`} value={value[r.key]} min={0} max={100} step={r.step} testId={`number-${r.key}`} live onChange={(v) => onChange({ [r.key]: v })} />
          </div>
          <input
            id={`${id}-${r.key}`}
            type="range"
            className="field-range"
            min={0}
            max={Math.max(r.max, value[r.key])}
            step={r.step}
            value={value[r.key]}
            data-testid={`slider-${r.key}`}
            onChange={(e) => onChange({ [r.key]: Number(e.target.value) })}
          />
        </div>
      ))}
    </fieldset>
  );
}
