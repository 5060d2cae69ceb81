import { useEffect, useId, useRef, useState } from 'react';
import { commitValue, entryProblem, formatValue, parseEntry } from './numberEntry';
import './numberBox.css';

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
  /** Tooltip on the label. */
  help?: string;
  /** Also commit every valid value while it is typed (controls a running job reads live). */
  live?: boolean;
  /** Told whenever the text turns valid or invalid (and valid on unmount), so an owner can refuse to run what the box does not show. */
  onValidity?(valid: boolean): void;
  /** Extra classes on the wrapper (e.g. "field" for the panel's spacing). */
  className?: string;
}

/**
 * A labelled number box that behaves like any form field: the text is the
 * user's until blur or Enter commits it; text outside the range (or empty) is
 * kept as typed, marked invalid and explained, and commits nothing. Escape
 * puts the committed value back.
 */
export function NumberBox({ label, value, onChange, min, max, step = 1, integer, testId, disabled, ariaLabel, help, live, onValidity, className }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const range = { min, max, integer };
  const [text, setText] = useState(formatValue(value));
  const [focused, setFocused] = useState(false);
  // A new value set elsewhere (a slider, a preset, a link) replaces the text, unless someone is typing
  // in it. Leaving the box is not a new value: invalid text stays, to be corrected.
  const synced = useRef(value);
  useEffect(() => {
    if (Object.is(value, synced.current)) return;
    synced.current = value;
    if (!focused) setText(formatValue(value));
  }, [value, focused]);

  const problem = entryProblem(parseEntry(text, range), range);
  const invalid = problem !== null;
  const validityRef = useRef(onValidity);
  validityRef.current = onValidity;
  useEffect(() => {
    validityRef.current?.(!invalid);
  }, [invalid]);
  // A box that goes away (a field of another task) must not hold its owner's Start back.
  useEffect(() => () => validityRef.current?.(true), []);

  const commit = () => {
    const v = commitValue(text, value, range);
    if (v !== null) onChange(v);
    const e = parseEntry(text, range);
    if (e.kind === 'valid') setText(formatValue(e.value));
  };

  return (
    <div className={`num-box${className ? ` ${className}` : ''}`}>
      <label className="num-box-row" htmlFor={id} title={help}>
        {label && <span className="field-label">{label}</span>}
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
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? hintId : undefined}
          data-testid={testId}
          onFocus={() => setFocused(true)}
          onChange={(e) => {
            setText(e.target.value);
            if (live) {
              const v = commitValue(e.target.value, value, range);
              if (v !== null) onChange(v);
            }
          }}
          onBlur={() => {
            setFocused(false);
            commit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') setText(formatValue(value));
          }}
        />
      </label>
      {invalid && (
        <span id={hintId} className="num-box-hint" data-testid={`${testId}-hint`}>
          {problem}
        </span>
      )}
    </div>
  );
}
