import { DATASETS, type DatasetName } from '../../data/catalog';
import { CLASSIFIER_INFO, type ClassifierName } from '../../models/zoo';
import type { TrainConfig } from '../../train/config';
import { NumberBox } from '../controls/NumberBox';
import type { TrainSetup } from './jobStatus';

interface Props {
  setup: TrainSetup;
  config: TrainConfig;
  /** A run holds the job: the panel shows its settings and takes no changes. */
  locked: boolean;
  applyDisabled: boolean;
  /** The panel differs from the job the worker holds. */
  changed: boolean;
  onSetup(p: Partial<TrainSetup>): void;
  onConfig(p: Partial<TrainConfig>): void;
  onFieldValid(field: string, valid: boolean): void;
  onApply(): void;
}

type NumericKey = 'iterations' | 'batchSize' | 'criticSteps' | 'evalEvery' | 'evalCount' | 'evalCriticSteps' | 'seed';

const NUMBERS: ReadonlyArray<{ key: NumericKey; label: string; min: number; max: number; step: number; testId: string; help?: string }> = [
  { key: 'iterations', label: 'iterations', min: 1, max: 1_000_000, step: 100, testId: 'train-iterations' },
  { key: 'batchSize', label: 'batch size', min: 1, max: 1024, step: 1, testId: 'train-batch' },
  { key: 'criticSteps', label: 'critic steps / iteration', min: 0, max: 100, step: 1, testId: 'train-critic-steps' },
  { key: 'evalEvery', label: 'evaluate every', min: 0, max: 1_000_000, step: 50, testId: 'train-eval-every', help: 'iterations; 0 = only at the end and on demand' },
  { key: 'evalCount', label: 'test images', min: 10, max: 10_000, step: 100, testId: 'train-eval-count' },
  { key: 'evalCriticSteps', label: 'eval critic steps', min: 0, max: 100_000, step: 50, testId: 'train-eval-critic' },
  { key: 'seed', label: 'seed', min: 0, max: 2 ** 31 - 1, step: 1, testId: 'train-seed' },
];

/**
 * What to train: task, data, classifier, network sizes and budget. Start
 * builds the job from these when they changed; Apply builds it without
 * starting (to compute baselines first).
 */
export function TrainControls({ setup, config, locked, applyDisabled, changed, onSetup, onConfig, onFieldValid, onApply }: Props) {
  const input = DATASETS.find((d) => d.name === setup.dataset);
  const classifiers = (Object.keys(CLASSIFIER_INFO) as ClassifierName[]).filter((c) => {
    const shape = CLASSIFIER_INFO[c].input;
    return input && shape[0] === input.height && shape[2] === input.channels;
  });
  return (
    <fieldset className="group" data-testid="train-setup" disabled={locked}>
      <legend>Job</legend>
      {locked && <p className="field-hint">The settings of the job that runs. Stop it to change them.</p>}
      <div className="field">
        <label className="field-row">
          <span className="field-label">Task</span>
          <select value={config.task} data-testid="train-task" onChange={(e) => onConfig({ task: e.target.value as TrainConfig['task'] })}>
            <option value="denoise">denoising</option>
            <option value="sr">super-resolution</option>
          </select>
        </label>
      </div>
      <div className="field">
        <label className="field-row">
          <span className="field-label">Dataset</span>
          <select
            value={setup.dataset}
            data-testid="train-dataset"
            onChange={(e) => {
              const d = e.target.value as DatasetName;
              onSetup({ dataset: d, ...(d === 'cifar10' ? { classifier: 'cnn2p' } : setup.classifier === 'cnn2p' ? { classifier: 'cnn1' } : {}) });
            }}
          >
            {DATASETS.map((d) => (
              <option key={d.name} value={d.name}>
                {d.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field">
        <label className="field-row">
          <span className="field-label">Classifier c0</span>
          <select value={setup.classifier} data-testid="train-classifier" onChange={(e) => onSetup({ classifier: e.target.value as ClassifierName })}>
            {classifiers.map((c) => (
              <option key={c} value={c}>
                {CLASSIFIER_INFO[c].title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {config.task === 'denoise' && (
        <NumberBox className="field" label="noise sigma" value={config.sigma} min={0.01} max={4} step={0.05} testId="train-sigma" onChange={(sigma) => onConfig({ sigma })} onValidity={(v) => onFieldValid('sigma', v)} />
      )}
      <div className="field">
        <label className="field-row" title="paper: the published networks (a GPU job); fast: fewer channels and 3x3 kernels">
          <span className="field-label">Networks</span>
          <select value={config.preset} data-testid="train-preset" onChange={(e) => onConfig({ preset: e.target.value as TrainConfig['preset'] })}>
            <option value="paper">paper</option>
            <option value="fast">fast</option>
            <option value="tiny">tiny (demo)</option>
          </select>
        </label>
      </div>
      <div className="field">
        <label className="field-row">
          <span className="field-label">Critic</span>
          <select value={config.criticMode} data-testid="train-critic" onChange={(e) => onConfig({ criticMode: e.target.value as TrainConfig['criticMode'] })}>
            <option value="clip">WGAN, weight clipping (paper)</option>
            <option value="gp">WGAN-GP</option>
          </select>
        </label>
      </div>
      {NUMBERS.map((n) => (
        <NumberBox
          key={n.key}
          className="field"
          label={n.label}
          help={n.help}
          value={config[n.key]}
          min={n.min}
          max={n.max}
          step={n.step}
          integer
          testId={n.testId}
          onChange={(v) => onConfig({ [n.key]: v })}
          onValidity={(v) => onFieldValid(n.key, v)}
        />
      ))}
      <button type="button" className="small-button" disabled={applyDisabled} data-testid="train-apply" onClick={onApply}>
        Apply (rebuild the job)
      </button>
      {changed && !locked && (
        <p className="field-hint" data-testid="train-changed">
          Changed: Start builds the job from these settings.
        </p>
      )}
    </fieldset>
  );
}
