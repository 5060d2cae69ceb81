import { useEffect, useId, useState, type ReactNode } from 'react';
import type { NumberKey } from '../../state/keyTable';
import { useControlHidden } from '../present/hidden';

interface NumberSliderProps {
  /** Store key: test ids are slider-<name> and number-<name>. */
  name: string;
  def: NumberKey;
  value: number;
  onChange(value: number): void;
  /** Visible label (may hold typeset symbols); the schema label is the accessible name. */
  label?: ReactNode;
  /** Unit override (e.g. the perception unit depends on the divergence). */
  unit?: string;
  /** Extra line under the control (feasible set, hints). */
  hint?: ReactNode;
}

function decimals(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/**
 * A labelled range input with a numeric box beside it, both bound to one
 * value. Range and step come from the schema's key table. The box keeps its
 * own text while typing and commits valid numbers (clamped by the store).
 */
export function NumberSlider({ name, def, value, onChange, label, unit, hint }: NumberSliderProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const u = unit ?? def.unit;
  // Step precision ("0.70"), unless the value has more digits (a link may carry any value in range).
  const fixed = value.toFixed(decimals(def.step));
  const shown = Number(fixed) === value ? fixed : String(value);
  const [text, setText] = useState(shown);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(shown);
  }, [shown, editing]);
  // A link's hide= list or the current tour step can leave a control out.
  const hidden = useControlHidden(name);
  if (hidden) return null;

  const commit = (raw: string) => {
    const v = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(v)) onChange(v);
  };

  return (
    <div className="field">
      <div className="field-row">
        <label htmlFor={id} className="field-label" title={def.help ?? def.label}>
          {label ?? def.label}
          {u && <span className="unit"> ({u})</span>}
        </label>
        <input
          type="number"
          className="field-number"
          data-testid={`number-${name}`}
          aria-label={`${def.label}${u ? ` (${u})` : ''}, exact value`}
          min={def.min}
          max={def.max}
          step={def.step}
          value={editing ? text : shown}
          onFocus={() => setEditing(true)}
          onChange={(e) => {
            setText(e.target.value);
            commit(e.target.value);
          }}
          onBlur={() => {
            setEditing(false);
            commit(text);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              commit(text);
              setEditing(false);
            }
          }}
        />
      </div>
      <input
        id={id}
        type="range"
        className="field-range"
        data-testid={`slider-${name}`}
        aria-describedby={hint ? hintId : undefined}
        aria-valuetext={`${shown}${u ? ` ${u}` : ''}`}
        min={def.min}
        max={def.max}
        step={def.step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
    </div>
  );
}
