import { DATASETS, type DatasetName } from '../../data/catalog';
import { CLASSIFIER_INFO, type ClassifierName } from '../../models/zoo';
import type { TrainConfig } from '../../train/config';
import type { TrainSetup } from './trainStore';

interface Props {
  setup: TrainSetup;
  config: TrainConfig;
  disabled: boolean;
  onSetup(p: Partial<TrainSetup>): void;
  onConfig(p: Partial<TrainConfig>): void;
  onApply(): void;
}

function NumberField({ label, value, min, max, step, testId, onChange, help }: { label: string; value: number; min: number; max: number; step: number; testId: string; help?: string; onChange(v: number): void }) {
  return (
    <div className="field">
      <label className="field-row" title={help}>
        <span className="field-label">{label}</span>
        <input
          type="number"
          className="field-number"
          min={min}
          max={max}
          step={step}
          value={value}
          data-testid={testId}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= min && v <= max) onChange(v);
          }}
        />
      </label>
    </div>
  );
}

/** What to train: task, data, classifier, network sizes and budget. Changes apply on "Apply". */
export function TrainControls({ setup, config, disabled, onSetup, onConfig, onApply }: Props) {
  const input = DATASETS.find((d) => d.name === setup.dataset);
  const classifiers = (Object.keys(CLASSIFIER_INFO) as ClassifierName[]).filter((c) => {
    const shape = CLASSIFIER_INFO[c].input;
    return input && shape[0] === input.height && shape[2] === input.channels;
  });
  return (
    <fieldset className="group" data-testid="train-setup">
      <legend>Job</legend>
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
        <NumberField label="noise sigma" value={config.sigma} min={0.01} max={4} step={0.05} testId="train-sigma" onChange={(sigma) => onConfig({ sigma })} />
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
      <NumberField label="iterations" value={config.iterations} min={1} max={1_000_000} step={100} testId="train-iterations" onChange={(iterations) => onConfig({ iterations })} />
      <NumberField label="batch size" value={config.batchSize} min={1} max={1024} step={1} testId="train-batch" onChange={(batchSize) => onConfig({ batchSize })} />
      <NumberField label="critic steps / iteration" value={config.criticSteps} min={0} max={100} step={1} testId="train-critic-steps" onChange={(criticSteps) => onConfig({ criticSteps })} />
      <NumberField label="evaluate every" value={config.evalEvery} min={0} max={1_000_000} step={50} testId="train-eval-every" help="iterations; 0 = only at the end and on demand" onChange={(evalEvery) => onConfig({ evalEvery })} />
      <NumberField label="test images" value={config.evalCount} min={10} max={10_000} step={100} testId="train-eval-count" onChange={(evalCount) => onConfig({ evalCount })} />
      <NumberField label="eval critic steps" value={config.evalCriticSteps} min={0} max={100_000} step={50} testId="train-eval-critic" onChange={(evalCriticSteps) => onConfig({ evalCriticSteps })} />
      <NumberField label="seed" value={config.seed} min={0} max={2 ** 31 - 1} step={1} testId="train-seed" onChange={(seed) => onConfig({ seed })} />
      <button type="button" className="small-button" disabled={disabled} data-testid="train-apply" onClick={onApply}>
        Apply (rebuild the job)
      </button>
    </fieldset>
  );
}
