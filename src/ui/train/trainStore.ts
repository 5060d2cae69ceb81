import { proxy } from 'comlink';
import { create } from 'zustand';
import { datasetInfo, type DatasetName } from '../../data/catalog';
import type { ClassifierName } from '../../models/zoo';
import type { BackendReport } from '../../train/backend';
import { DEFAULT_CONFIG, type LossWeights, type TrainConfig } from '../../train/config';
import type { EvalPoint, SampleGrid } from '../../train/evaluate';
import type { Progress, EvalEvent } from '../../train/runner';
import type { ClassifierSummary, DataSummary } from '../../train/service';
import type { StepKind } from '../../train/trainer';
import { appUrl, cachedBackendReport, createTrainClient, forcedBackend, saveBackendReport, type TrainClient } from '../../workers/trainClient';
import { appendHistory, emptyHistory, type LossHistory } from './history';

/**
 * The Train view's state and the calls into the training worker. The worker
 * starts when the view first mounts and lives until the page closes, so a
 * running job survives switching tabs.
 */

export type Phase = 'off' | 'backend' | 'data' | 'classifier' | 'configuring' | 'ready' | 'error';

export interface TrainSetup {
  readonly dataset: DatasetName;
  readonly classifier: ClassifierName;
}

export interface TrainState {
  phase: Phase;
  phaseNote: string;
  error: string | null;
  backend: BackendReport | null;
  data: DataSummary | null;
  classifier: ClassifierSummary | null;
  setup: TrainSetup;
  config: TrainConfig;
  /** Values of the job as configured; weights can move while it runs. */
  weights: LossWeights;
  progress: Progress | null;
  history: LossHistory;
  points: EvalPoint[];
  baselines: EvalPoint[];
  grid: SampleGrid | null;
  busy: string | null;

  boot(): Promise<void>;
  setSetup(p: Partial<TrainSetup>): void;
  setConfig(p: Partial<TrainConfig>): void;
  /** Rebuilds the job (data, classifier, nets) from the current setup and config. */
  apply(): Promise<void>;
  start(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
  reset(): Promise<void>;
  step(kind: StepKind): Promise<void>;
  evaluate(): Promise<void>;
  computeBaselines(): Promise<void>;
  /** Retrains c0 in the worker on the clean training split, then rebuilds the job. */
  retrainClassifier(epochs: number): Promise<void>;
  retrainNote: string;
  setWeights(w: Partial<LossWeights>): void;
}

let client: TrainClient | null = null;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Browser defaults: the paper preset only where a hardware GPU backend won. */
export function defaultsFor(backend: BackendReport | null): Partial<TrainConfig> {
  const preset = backend?.suggestedPreset ?? 'fast';
  return preset === 'paper' ? { preset, iterations: 40_000, evalEvery: 2000, evalCount: 2000 } : { preset, iterations: 2000, evalEvery: 100, evalCount: 500, evalCriticSteps: 100 };
}

export const useTrainStore = create<TrainState>()((set, get) => {
  const guard = async (label: string, f: () => Promise<void>) => {
    set({ busy: label, error: null });
    try {
      await f();
    } catch (e) {
      set({ error: message(e) });
    } finally {
      set({ busy: null });
    }
  };
  const onProgress = (p: Progress) => set((s) => ({ progress: p, history: appendHistory(s.history, p) }));
  const onSamples = (grid: SampleGrid) => set({ grid });
  const onEval = (e: EvalEvent) => {
    // Baselines arrive here too; they are kept apart (computeBaselines).
    if (e.point.kind === 'restorer') set((s) => ({ points: [...s.points, e.point], grid: e.grid }));
  };

  return {
    phase: 'off',
    phaseNote: '',
    error: null,
    backend: null,
    data: null,
    classifier: null,
    setup: { dataset: 'mnist', classifier: 'cnn1' },
    config: { ...DEFAULT_CONFIG },
    weights: { alpha: DEFAULT_CONFIG.alpha, beta: DEFAULT_CONFIG.beta, gamma: DEFAULT_CONFIG.gamma },
    progress: null,
    history: emptyHistory(),
    points: [],
    baselines: [],
    grid: null,
    busy: null,
    retrainNote: '',

    async boot() {
      if (get().phase !== 'off') return;
      set({ phase: 'backend', phaseNote: 'Choosing a backend (short self-test)…' });
      try {
        client = createTrainClient();
        const report = await client.api.init({ force: forcedBackend(), cached: cachedBackendReport() });
        saveBackendReport(report);
        set((s) => ({ backend: report, config: { ...s.config, ...defaultsFor(report) } }));
        await get().apply();
      } catch (e) {
        set({ phase: 'error', error: message(e) });
      }
    },

    setSetup(p) {
      set((s) => ({ setup: { ...s.setup, ...p } }));
    },

    setConfig(p) {
      set((s) => ({ config: { ...s.config, ...p } }));
    },

    async apply() {
      const c = client;
      if (!c) return;
      const { setup, config, data, classifier } = get();
      try {
        if (data?.dataset !== setup.dataset) {
          set({ phase: 'data', phaseNote: `Loading ${datasetInfo(setup.dataset).title}…`, data: null });
          set({ data: await c.api.loadData(appUrl('data/'), setup.dataset) });
        }
        if (classifier?.name !== setup.classifier) {
          set({ phase: 'classifier', phaseNote: `Loading classifier ${setup.classifier}…`, classifier: null });
          set({ classifier: await c.api.loadClassifier(appUrl(`models/${setup.classifier}/model.json`)) });
        }
        set({ phase: 'configuring', phaseNote: 'Building the networks…' });
        const weights = get().weights;
        await c.api.configure({ ...config, ...weights }, c.listener({ onProgress, onEval, onSamples }));
        set({ phase: 'ready', phaseNote: '', error: null, progress: null, history: emptyHistory(), points: [], baselines: [], grid: null });
      } catch (e) {
        set({ phase: 'error', error: message(e) });
      }
    },

    start: () => guard('start', async () => void (await client?.api.start())),
    pause: () => guard('pause', async () => void (await client?.api.pause())),
    resume: () => guard('resume', async () => void (await client?.api.resume())),
    stop: () => guard('stop', async () => void (await client?.api.stop())),
    reset: () =>
      guard('reset', async () => {
        await client?.api.reset();
        set({ history: emptyHistory(), points: [], grid: null });
      }),
    step: (kind) => guard('step', async () => void (await client?.api.step(kind))),
    evaluate: () => guard('evaluate', async () => void (await client?.api.evaluate())),
    computeBaselines: () =>
      guard('baselines', async () => {
        const b = (await client?.api.baselines()) ?? [];
        set({ baselines: b });
      }),

    retrainClassifier: (epochs) =>
      guard('retraining the classifier', async () => {
        const c = client;
        if (!c) return;
        const name = get().setup.classifier;
        set({ retrainNote: `Retraining ${name}…`, points: [], baselines: [], grid: null });
        const summary = await c.api.retrainClassifier(
          name,
          epochs,
          proxy((r: { epoch: number; of: number; loss: number; seconds: number }) => set({ retrainNote: `Retraining ${name}: epoch ${r.epoch}/${r.of}, loss ${r.loss.toFixed(4)} (${r.seconds.toFixed(1)} s)` })),
        );
        set({ classifier: summary, retrainNote: `${name} retrained here: ${((summary.card?.testAccuracy ?? NaN) * 100).toFixed(2)}% on the held-out test split.` });
        await get().apply();
      }),

    setWeights(w) {
      const next = { ...get().weights, ...w };
      set({ weights: next });
      // Live: the running job picks them up at its next step.
      if (get().phase === 'ready') void client?.api.setWeights(next).catch((e: unknown) => set({ error: message(e) }));
    },
  };
});
