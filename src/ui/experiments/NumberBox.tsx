import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  onChange(v: number): void;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  testId: string;
  disabled?: boolean;
  /** Accessible name when the visible label is elsewhere (a table's headers). */
  ariaLabel?: string;
}

/** A labelled number box that commits valid numbers on blur or Enter (clamped, rounded for integers). */
export function NumberBox({ label, value, onChange, min, max, step = 1, integer, testId, disabled, ariaLabel }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(String(value));
  }, [value, editing]);
  const commit = () => {
    setEditing(false);
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) {
      setText(String(value));
      return;
    }
    let c = Math.min(max, Math.max(min, v));
    if (integer) c = Math.round(c);
    if (c !== value) onChange(c);
    setText(String(c));
  };
  return (
    <label className="xp-num" htmlFor={id}>
      <span className="field-label">{label}</span>
      <input
        id={id}
        className="field-number"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={text}
        disabled={disabled}
        aria-label={ariaLabel}
        data-testid={testId}
        onChange={(e) => {
          setEditing(true);
          setText(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}
