import { useId } from 'react';
import type { DatasetInfo } from '../../data/catalog';
import type { Degradation } from './SampleGrid';

interface Props {
  info: DatasetInfo;
  value: Degradation;
  sigma: number;
  onChange(d: Degradation): void;
  onSigma(sigma: number): void;
}

/** Denoising (sigma) or the paper's super-resolution setting for this dataset. */
export function DegradationControls({ info, value, sigma, onChange, onSigma }: Props) {
  const id = useId();
  return (
    <fieldset className="group">
      <legend>Degradation</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`} className="field-label">
          Task
        </label>
        <select
          id={`${id}-kind`}
          data-testid="degradation-kind"
          value={value.kind}
          onChange={(e) => onChange(e.target.value === 'sr' ? { kind: 'sr' } : { kind: 'noise', sigma })}
        >
          <option value="noise">Denoising: Y = X + N(0, σ²)</option>
          <option value="sr">Super-resolution ×{info.srFactor}</option>
        </select>
      </div>
      {value.kind === 'noise' && (
        <div className="field">
          <div className="field-row">
            <label htmlFor={`${id}-sigma`} className="field-label">
              Noise σ
            </label>
            <output className="field-number" htmlFor={`${id}-sigma`}>
              {sigma.toFixed(2)}
            </output>
          </div>
          <input
            id={`${id}-sigma`}
            data-testid="degradation-sigma"
            type="range"
            className="field-range"
            min={0}
            max={2}
            step={0.05}
            value={sigma}
            onChange={(e) => onSigma(Number(e.target.value))}
          />
          <div className="field-hint">The paper uses σ = 1 on pixels in [0, 1].</div>
        </div>
      )}
    </fieldset>
  );
}
