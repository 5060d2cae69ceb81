import { useEffect, useState } from 'react';
import {
  expandWeights,
  MAX_POINTS,
  MAX_STEPS,
  MAX_WEIGHT,
  pointCount,
  WEIGHT_NAMES,
  type ExperimentConfig,
  type WeightRange,
} from '../../experiments';
import { NumberBox } from '../controls/NumberBox';
import { reportValidity } from '../controls/fieldValidity';

type WeightSet = ExperimentConfig['weights'];

interface Props {
  value: WeightSet;
  onChange(w: WeightSet): void;
  disabled?: boolean;
}

const SYMBOL = { alpha: 'α (MSE)', beta: 'β (adversarial)', gamma: 'γ (cross-entropy)' } as const;

/** "α β γ" per line; returns the points or the first line that is wrong. */
export function parseWeightList(text: string): { points: { alpha: number; beta: number; gamma: number }[] } | { error: string } {
  const points: { alpha: number; beta: number; gamma: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*/, '').trim();
    if (!line) continue;
    const parts = line.split(/[\s,;]+/).filter(Boolean);
    const nums = parts.map(Number);
    if (parts.length !== 3 || nums.some((v) => !Number.isFinite(v))) return { error: `line ${i + 1}: three numbers expected (α β γ)` };
    if (nums.some((v) => v < 0 || v > MAX_WEIGHT)) return { error: `line ${i + 1}: weights lie in [0, ${MAX_WEIGHT}]` };
    points.push({ alpha: nums[0], beta: nums[1], gamma: nums[2] });
  }
  if (points.length === 0) return { error: 'no points' };
  if (points.length > MAX_POINTS) return { error: `${points.length} points; at most ${MAX_POINTS}` };
  return { points };
}

export function formatWeightList(points: readonly { alpha: number; beta: number; gamma: number }[]): string {
  return points.map((p) => `${p.alpha} ${p.beta} ${p.gamma}`).join('\n');
}

/** The sweep's (α, β, γ) points: a grid of ranges, or a hand-edited list. */
export function WeightsEditor({ value, onChange, disabled }: Props) {
  const [listText, setListText] = useState(value.kind === 'list' ? formatWeightList(value.points) : '');
  const [listError, setListError] = useState<string | null>(null);
  // A change from outside (preset, link) replaces the text; the user's own
  // spelling of the same points is kept.
  useEffect(() => {
    if (value.kind !== 'list') return;
    setListText((t) => {
      const r = parseWeightList(t);
      return 'points' in r && formatWeightList(r.points) === formatWeightList(value.points) ? t : formatWeightList(value.points);
    });
  }, [value]);

  const setRange = (name: (typeof WEIGHT_NAMES)[number], patch: Partial<WeightRange>) => {
    if (value.kind !== 'grid') return;
    const r = { ...value[name], ...patch };
    if (r.steps > 1 && r.from > r.to) {
      if (patch.from !== undefined) r.to = r.from;
      else r.from = r.to;
    }
    onChange({ ...value, [name]: r });
  };

  const toList = () => {
    const pts = expandWeights(value);
    setListText(formatWeightList(pts));
    onChange({ kind: 'list', points: pts });
  };
  const toGrid = () => {
    const pts = value.kind === 'list' ? value.points : [];
    const range = (k: (typeof WEIGHT_NAMES)[number]): WeightRange => {
      const vs = [...new Set(pts.map((p) => p[k]))].sort((a, b) => a - b);
      return vs.length <= 1 ? { from: vs[0] ?? 1, to: vs[0] ?? 1, steps: 1 } : { from: vs[0], to: vs[vs.length - 1], steps: Math.min(MAX_STEPS, vs.length) };
    };
    onChange({ kind: 'grid', alpha: range('alpha'), beta: range('beta'), gamma: range('gamma') });
  };

  const n = pointCount(value);
  return (
    <fieldset className="group xp-weights" disabled={disabled}>
      <legend>Loss weights: {n} point{n === 1 ? '' : 's'}</legend>
      <div className="xp-seg" role="radiogroup" aria-label="How the points are given">
        <label>
          <input type="radio" name="xp-wmode" checked={value.kind === 'grid'} onChange={toGrid} data-testid="xp-weights-grid" /> Grid
        </label>
        <label>
          <input type="radio" name="xp-wmode" checked={value.kind === 'list'} onChange={toList} data-testid="xp-weights-list" /> List
        </label>
      </div>
      {value.kind === 'grid' ? (
        <table className="xp-grid-table">
          <thead>
            <tr>
              <th scope="col">weight</th>
              <th scope="col">from</th>
              <th scope="col">to</th>
              <th scope="col">steps</th>
            </tr>
          </thead>
          <tbody>
            {WEIGHT_NAMES.map((k) => (
              <tr key={k}>
                <th scope="row">{SYMBOL[k]}</th>
                <td>
                  <NumberBox label="" value={value[k].from} min={0} max={MAX_WEIGHT} step={0.01} onChange={(v) => setRange(k, { from: v })} testId={`xp-${k}-from`} onValidity={reportValidity(`xp-${k}-from`)} ariaLabel={`${SYMBOL[k]} from`} />
                </td>
                <td>
                  <NumberBox label="" value={value[k].to} min={0} max={MAX_WEIGHT} step={0.01} onChange={(v) => setRange(k, { to: v })} testId={`xp-${k}-to`} onValidity={reportValidity(`xp-${k}-to`)} disabled={value[k].steps === 1} ariaLabel={`${SYMBOL[k]} to`} />
                </td>
                <td>
                  <NumberBox label="" value={value[k].steps} min={1} max={MAX_STEPS} integer onChange={(v) => setRange(k, { steps: v })} testId={`xp-${k}-steps`} onValidity={reportValidity(`xp-${k}-steps`)} ariaLabel={`${SYMBOL[k]} steps`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <textarea
            className="xp-list"
            rows={6}
            value={listText}
            spellCheck={false}
            aria-label="Points, one per line: alpha beta gamma"
            data-testid="xp-weights-text"
            onChange={(e) => {
              setListText(e.target.value);
              const r = parseWeightList(e.target.value);
              if ('error' in r) setListError(r.error);
              else {
                setListError(null);
                onChange({ kind: 'list', points: r.points });
              }
            }}
          />
          <p className={listError ? 'field-hint xp-error' : 'field-hint'} role={listError ? 'alert' : undefined}>
            {listError ?? 'One point per line: α β γ (# starts a comment).'}
          </p>
        </>
      )}
    </fieldset>
  );
}
