import type { Perception } from '../../math/lp/lpModel';
import type { ExactLabState, ExactSettings } from './useExactLab';

const GRID_SIZES = [21, 41, 61, 81];
const SURFACE_SIZES = [15, 21, 25];

interface Props {
  settings: ExactSettings;
  onSettings(s: ExactSettings): void;
  state: ExactLabState;
  onRecompute(): void;
  onCancel(): void;
}

export function ExactToolbar({ settings, onSettings, state, onRecompute, onCancel }: Props) {
  const busy = state.phase === 'loading' || state.phase === 'running';
  const pct = state.total > 0 ? Math.round((100 * state.done) / state.total) : 0;
  return (
    <div className="exact-toolbar" role="group" aria-label="Exact bound settings">
      <label>
        Grid points n{' '}
        <select data-testid="exact-grid" value={settings.n} onChange={(e) => onSettings({ ...settings, n: Number(e.target.value) })}>
          {GRID_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label>
        Half-width L{' '}
        <input
          type="number"
          data-testid="exact-L"
          min={1}
          max={12}
          step={0.5}
          value={settings.L}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v >= 1 && v <= 12) onSettings({ ...settings, L: v });
          }}
        />
      </label>
      <label>
        Perception{' '}
        <select
          data-testid="exact-perception"
          value={settings.perception}
          onChange={(e) => onSettings({ ...settings, perception: e.target.value as Perception })}
        >
          <option value="tv">Total variation</option>
          <option value="w1">Wasserstein-1</option>
        </select>
      </label>
      <label>
        Surface{' '}
        <select data-testid="exact-size" value={settings.size} onChange={(e) => onSettings({ ...settings, size: Number(e.target.value) })}>
          {SURFACE_SIZES.map((k) => (
            <option key={k} value={k}>
              {k} x {k}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="exact-recompute" onClick={onRecompute} disabled={busy}>
        Recompute
      </button>
      <button type="button" data-testid="exact-cancel" onClick={onCancel} disabled={!busy}>
        Cancel
      </button>
      <span className="exact-progress">
        <progress data-testid="exact-progress" max={Math.max(1, state.total)} value={state.done} aria-label="Exact surface progress" />
        <span data-testid="exact-status" aria-live="polite">
          {state.phase === 'idle' && 'waiting'}
          {state.phase === 'loading' && 'loading the LP solver…'}
          {state.phase === 'running' && `solving ${state.done} / ${state.total} LPs (${pct}%)`}
          {state.phase === 'done' && `${state.total} LPs solved in ${((state.ms ?? 0) / 1000).toFixed(1)} s`}
          {state.phase === 'cancelled' && `cancelled after ${state.done} / ${state.total} LPs`}
          {state.phase === 'error' && `error: ${state.error}`}
        </span>
      </span>
    </div>
  );
}
