import { proxy } from 'comlink';
import { create } from 'zustand';
import { datasetInfo } from '../../data/catalog';
import type { BackendReport } from '../../train/backend';
import { DEFAULT_CONFIG, type LossWeights, type TrainConfig } from '../../train/config';
import type { EvalPoint, SampleGrid } from '../../train/evaluate';
import type { Progress, EvalEvent } from '../../train/runner';
import type { ClassifierSummary, DataSummary } from '../../train/service';
import type { StepKind } from '../../train/trainer';
import { appUrl, cachedBackendReport, createTrainClient, forcedBackend, saveBackendReport, type TrainClient } from '../../workers/trainClient';
import { appendHistory, emptyHistory, type LossHistory } from './history';
import { finalEvalPending, jobChanged, type JobSpec, type TrainSetup } from './jobStatus';

/**
 * The Train view's state and the calls into the training worker. The worker
 * starts when the view first mounts and lives until the page closes, so a
 * running job survives switching tabs.
 */

export type Phase = 'off' | 'backend' | 'data' | 'classifier' | 'configuring' | 'ready' | 'error';

export type { TrainSetup } from './jobStatus';

export interface TrainState {
  phase: Phase;
  phaseNote: string;
  error: string | null;
  backend: BackendReport | null;
  data: DataSummary | null;
  classifier: ClassifierSummary | null;
  setup: TrainSetup;
  config: TrainConfig;
  /** The job the worker holds, as built by the last successful apply; null before the first. */
  job: JobSpec | null;
  /** Number boxes whose text is not a valid value: nothing runs while the panel shows one. */
  invalidFields: readonly string[];
  /** The runner reported 'done' and is still evaluating the final restorer. */
  finalEvalPending: boolean;
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
  setFieldValid(field: string, valid: boolean): void;
  /** Rebuilds the job (data, classifier, nets) from the current setup and config. */
  apply(): Promise<void>;
  /** Start, a step, Evaluate, Baselines and Reset first rebuild the job when the panel shows other settings. */
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
  const onProgress = (p: Progress) =>
    set((s) => ({ progress: p, history: appendHistory(s.history, p), finalEvalPending: finalEvalPending(s.finalEvalPending, s.progress?.state, { progress: p.state }) }));
  const onSamples = (grid: SampleGrid) => set({ grid });
  const onEval = (e: EvalEvent) => {
    // Baselines arrive here too; they are kept apart (computeBaselines).
    if (e.point.kind === 'restorer') set((s) => ({ points: [...s.points, e.point], grid: e.grid, finalEvalPending: finalEvalPending(s.finalEvalPending, s.progress?.state, { evaluated: true }) }));
  };
  /** The worker's job is the one the panel shows: rebuilt when it is not. False when that failed. */
  const ensureApplied = async (): Promise<boolean> => {
    const s = get();
    if (s.invalidFields.length > 0) throw new Error('some settings are not valid: correct the marked boxes first');
    if (jobChanged(s.job, { setup: s.setup, config: s.config })) await s.apply();
    return get().phase === 'ready';
  };
  /** Runs f on the job the panel shows. */
  const onShownJob = (label: string, f: (c: TrainClient) => Promise<void>) =>
    guard(label, async () => {
      if (!client || !(await ensureApplied())) return;
      await f(client);
    });

  return {
    phase: 'off',
    phaseNote: '',
    error: null,
    backend: null,
    data: null,
    classifier: null,
    setup: { dataset: 'mnist', classifier: 'cnn1' },
    config: { ...DEFAULT_CONFIG },
    job: null,
    invalidFields: [],
    finalEvalPending: false,
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
        client = createTrainClient({ watch: true });
        // A worker that dies (out of memory) or hangs would leave the view
        // showing a run that no longer exists: say so, start a fresh one.
        const c = client;
        void c.lost.then(async (why) => {
          if (client !== c) return;
          c.terminate();
          client = null;
          const note = `Training stopped: ${why}. The run in progress is lost; a fresh worker was started, press Start to train again.`;
          set({ phase: 'off', progress: null, busy: null, finalEvalPending: false, error: note });
          await get().boot();
          if (get().phase !== 'error') set({ error: note });
        });
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

    setFieldValid(field, valid) {
      set((s) => {
        const has = s.invalidFields.includes(field);
        // The same state object: zustand then tells no subscriber (every box reports on mount).
        if (valid === !has) return s;
        return { invalidFields: valid ? s.invalidFields.filter((f) => f !== field) : [...s.invalidFields, field] };
      });
    },

    async apply() {
      const c = client;
      if (!c) return;
      const { setup, config, data, classifier } = get();
      // The worker's data, classifier and job are replaced from here on: until the new job is built, none is held.
      set({ job: null });
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
        set({ phase: 'ready', phaseNote: '', error: null, job: { setup, config }, progress: null, finalEvalPending: false, history: emptyHistory(), points: [], baselines: [], grid: null });
      } catch (e) {
        set({ phase: 'error', error: message(e) });
      }
    },

    start: () => onShownJob('start', async (c) => void (await c.api.start())),
    pause: () => guard('pause', async () => void (await client?.api.pause())),
    resume: () => guard('resume', async () => void (await client?.api.resume())),
    stop: () => guard('stop', async () => void (await client?.api.stop())),
    reset: () =>
      onShownJob('reset', async (c) => {
        await c.api.reset();
        set({ history: emptyHistory(), points: [], grid: null, finalEvalPending: false });
      }),
    step: (kind) => onShownJob('step', async (c) => void (await c.api.step(kind))),
    evaluate: () => onShownJob('evaluate', async (c) => void (await c.api.evaluate())),
    computeBaselines: () =>
      onShownJob('baselines', async (c) => {
        set({ baselines: await c.api.baselines() });
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
