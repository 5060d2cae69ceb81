/// <reference lib="webworker" />
import { expose } from 'comlink';
import { wasmThreadInfo } from './tfBackends';
import type { DatasetName } from '../data/catalog';
import type { ClassifierName } from '../models/zoo';
import type { EpochReport } from '../train/classifier';
import type { ChooseOptions } from '../train/backend';
import type { LossWeights, TrainConfig } from '../train/config';
import { TrainService, type TrainListener } from '../train/service';
import type { StepKind } from '../train/trainer';
import type { WarmProgress } from '../train/warmStart';
import type { ConditionRanges } from '../models/conditioning';
import type { CondCheckpoint } from '../train/conditional/checkpoint';
import type { OwnTrainListener, OwnTrainSpec } from '../train/conditional/ownTraining';

// Every tensor lives in this worker; the page drives it through comlink.
const service = new TrainService();

/** Holds the named Web Lock until this worker ends, so the page learns of its end (see workerWatch.ts); resolves once held. */
function holdLife(name: string): Promise<boolean> {
  const locks = (self.navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    void locks.request(name, () => {
      resolve(true);
      return new Promise<void>(() => {});
    });
  });
}

const api = {
  holdLife,
  /** The page's heartbeat. */
  ping: () => true,
  init: async (opts: ChooseOptions) => {
    const report = await service.init(opts);
    // A cached report may come from a page that was (not) isolated: always say what runs now.
    return { ...report, threads: report.active === 'wasm' ? await wasmThreadInfo() : undefined };
  },
  loadData: (dataBase: string, dataset: DatasetName) => service.loadData(dataBase, dataset),
  loadClassifier: (url: string) => service.loadClassifier(url),
  retrainClassifier: (name: ClassifierName, epochs: number | undefined, onEpoch?: (r: EpochReport & { of: number }) => void) => service.retrainClassifier(name, epochs, onEpoch),
  configure: (cfg: TrainConfig, listener: TrainListener) => service.configure(cfg, listener),
  /** `shippedBase`: the app's models/ URL, where a sweep's shared base may already be shipped. */
  warmStart: (cfg: TrainConfig, onProgress?: (p: WarmProgress) => void, shippedBase?: string) =>
    service.warmStart(cfg, onProgress, shippedBase ? { base: shippedBase } : undefined),
  start: () => service.start(),
  pause: () => service.pause(),
  resume: () => service.resume(),
  stop: () => service.stop(),
  reset: () => service.reset(),
  step: (kind: StepKind) => service.step(kind),
  setWeights: (w: LossWeights) => service.setWeights(w),
  evaluate: () => service.evaluate(),
  baselines: () => service.baselines(),
  progress: () => service.progress(),
  memory: () => service.memory(),
  /** Slide mode: a shipped conditional restorer, restored digits and exact D/C at a setting. */
  loadConditional: (cfg: TrainConfig, modelsBase: string, id: string) => service.loadConditional(cfg, { base: modelsBase }, id),
  conditionalSamples: (w: LossWeights, count: number) => service.conditionalSamples(w, count),
  conditionalDC: (w: LossWeights) => service.conditionalDC(w),
  /** A conditional restorer trained in this browser (model files from IndexedDB): slide mode over it, and its dense grid point by point. */
  loadConditionalFiles: (cfg: TrainConfig, ranges: ConditionRanges, json: unknown, data: ArrayBuffer) => service.loadConditionalFiles(cfg, ranges, json, data),
  conditionalEvaluate: (w: LossWeights, iteration: number) => service.conditionalEvaluate(w, iteration),
  /** Train your own: from the shipped warm start under modelsBase, optionally from a checkpoint. */
  ownConfigure: (spec: OwnTrainSpec, modelsBase: string, from: CondCheckpoint | null) => service.ownConfigure(spec, { base: modelsBase }, from),
  ownTrain: (listener: OwnTrainListener) => service.ownTrain(listener),
  ownPause: () => service.ownPause(),
  ownResume: () => service.ownResume(),
  ownStop: () => service.ownStop(),
  restorerWeights: async () => {
    const w = await service.restorerWeights();
    return w;
  },
  dispose: () => service.dispose(),
};

export type TrainWorkerApi = typeof api;

expose(api);
