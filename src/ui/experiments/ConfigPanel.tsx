import { useId } from 'react';
import { DATASETS } from '../../data/catalog';
import {
  BUDGET_NOTE,
  checkConfig,
  CLASSIFIERS,
  EXPERIMENT_PRESETS,
  presetById,
  type ClassifierName,
  type CriticMode,
  type ExperimentConfig,
  type PresetId,
  type RestorerPreset,
  type Task,
} from '../../experiments';
import { NumberBox } from '../controls/NumberBox';
import { reportValidity } from '../controls/fieldValidity';
import { useExperiments } from './store';
import { WeightsEditor } from './WeightsEditor';

const CLASSIFIER_TITLES: Record<ClassifierName, string> = {
  logistic: 'Logistic regression',
  cnn1: 'CNN-1',
  cnn2: 'CNN-2',
  cnn2p: "CNN-2' (32x32x3)",
};

function Select<V extends string>(props: { label: string; value: V; options: readonly (readonly [V, string])[]; onChange(v: V): void; testId: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <select id={id} value={props.value} disabled={props.disabled} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value as V)}>
        {props.options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The experiment being set up: preset, budget, task, models, training budget and the weight points. */
export function ConfigPanel({ locked }: { locked: boolean }) {
  const draft = useExperiments((s) => s.draft);
  const setDraft = useExperiments((s) => s.setDraft);
  const applyPreset = useExperiments((s) => s.applyPreset);
  const setBudget = useExperiments((s) => s.setBudget);
  const name = useExperiments((s) => s.name);
  const setName = useExperiments((s) => s.setName);
  const set = <K extends keyof ExperimentConfig>(k: K, v: ExperimentConfig[K]) => setDraft({ ...draft, [k]: v });
  const preset = presetById(draft.preset);
  const check = checkConfig(draft);
  const nameId = useId();

  return (
    <div className="xp-config" data-testid="xp-config">
      <fieldset className="group" disabled={locked}>
        <legend>Experiment</legend>
        <Select<PresetId>
          label="Preset (paper, Table 1)"
          value={draft.preset}
          testId="xp-preset"
          options={[...EXPERIMENT_PRESETS.map((p) => [p.id, p.label] as const), ['custom', 'Custom (edited)'] as const]}
          onChange={(id) => id !== 'custom' && applyPreset(id)}
        />
        {preset && (
          <p className="field-hint" data-testid="xp-preset-note">
            {preset.description} Weight grid: {preset.gridSource}
          </p>
        )}
        <div className="xp-seg" role="radiogroup" aria-label="Training budget">
          <label>
            <input type="radio" name="xp-budget" checked={draft.budget === 'browser'} onChange={() => setBudget('browser')} data-testid="xp-budget-browser" /> Browser budget
          </label>
          <label>
            <input type="radio" name="xp-budget" checked={draft.budget === 'paper'} onChange={() => setBudget('paper')} data-testid="xp-budget-paper" /> Paper budget
          </label>
        </div>
        <p className="field-hint" data-testid="xp-budget-note">
          {BUDGET_NOTE[draft.budget]}
        </p>
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            Name
          </label>
          <input id={nameId} className="xp-text" value={name} placeholder="(preset and time)" maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="xp-name" />
        </div>
      </fieldset>

      <details className="xp-details">
        <summary>Task, models and budget</summary>
        <fieldset className="group" disabled={locked}>
          <Select
            label="Dataset"
            value={draft.dataset}
            testId="xp-dataset"
            options={DATASETS.map((d) => [d.name, d.title] as const)}
            onChange={(v) => set('dataset', v)}
          />
          <Select<Task>
            label="Task"
            value={draft.task}
            testId="xp-task"
            options={[
              ['denoise', 'Denoising (Gaussian noise)'],
              ['sr', 'Super-resolution (the dataset’s factor)'],
            ]}
            onChange={(v) => set('task', v)}
          />
          {draft.task === 'denoise' && <NumberBox label="Noise σ" value={draft.sigma} min={0.01} max={4} step={0.05} onChange={(v) => set('sigma', v)} testId="xp-sigma" onValidity={reportValidity('xp-sigma')} />}
          <Select<ClassifierName>
            label="Classifier c₀ (frozen)"
            value={draft.classifier}
            testId="xp-classifier"
            options={CLASSIFIERS.map((c) => [c, CLASSIFIER_TITLES[c]] as const)}
            onChange={(v) => set('classifier', v)}
          />
          <Select<RestorerPreset>
            label="Restorer and critic size"
            value={draft.restorer}
            testId="xp-restorer"
            options={[
              ['fast', 'Fast (fewer channels, 3x3)'],
              ['paper', 'Paper'],
            ]}
            onChange={(v) => set('restorer', v)}
          />
          <Select<CriticMode>
            label="Critic"
            value={draft.critic}
            testId="xp-critic"
            options={[
              ['clip', 'WGAN, weight clipping (paper)'],
              ['gp', 'WGAN-GP'],
            ]}
            onChange={(v) => set('critic', v)}
          />
          <div className="xp-num-grid">
            <NumberBox label="Iterations" value={draft.iterations} min={1} max={1_000_000} integer onChange={(v) => set('iterations', v)} testId="xp-iterations" onValidity={reportValidity('xp-iterations')} />
            <NumberBox label="Batch" value={draft.batchSize} min={1} max={1024} integer onChange={(v) => set('batchSize', v)} testId="xp-batch" onValidity={reportValidity('xp-batch')} />
            <NumberBox label="Critic steps (beta > 0)" value={draft.criticSteps} min={1} max={100} integer onChange={(v) => set('criticSteps', v)} testId="xp-critic-steps" onValidity={reportValidity('xp-critic-steps')} />
            <NumberBox label="Seed" value={draft.seed} min={0} max={2 ** 31 - 1} integer onChange={(v) => set('seed', v)} testId="xp-seed" onValidity={reportValidity('xp-seed')} />
            <NumberBox label="Re-evaluate every" value={draft.evalEvery} min={0} max={1_000_000} integer onChange={(v) => set('evalEvery', v)} testId="xp-eval-every" onValidity={reportValidity('xp-eval-every')} />
            <NumberBox label="Test images" value={draft.evalCount} min={10} max={10_000} integer onChange={(v) => set('evalCount', v)} testId="xp-eval-count" onValidity={reportValidity('xp-eval-count')} />
            <NumberBox label="Eval. critic steps" value={draft.evalCriticSteps} min={0} max={100_000} integer onChange={(v) => set('evalCriticSteps', v)} testId="xp-eval-critic" onValidity={reportValidity('xp-eval-critic')} />
            <NumberBox label="Shared MSE warm start" value={draft.warmStart} min={0} max={1_000_000} integer onChange={(v) => set('warmStart', v)} testId="xp-warm-start" onValidity={reportValidity('xp-warm-start')} />
          </div>
          <label className="xp-check">
            <input type="checkbox" checked={draft.saveWeights} onChange={(e) => set('saveWeights', e.target.checked)} data-testid="xp-save-weights" /> Keep each point’s restorer weights
          </label>
        </fieldset>
      </details>

      <WeightsEditor value={draft.weights} onChange={(w) => set('weights', w)} disabled={locked} />
      {!check.ok && (
        <p className="field-hint xp-error" role="alert" data-testid="xp-config-error">
          {check.reason}
        </p>
      )}
    </div>
  );
}
