import * as tf from '@tensorflow/tfjs';
import { datasetInfo, type DatasetName } from '../data/catalog';
import { loadDataset, type LoaderEnv } from '../data/loader';
import type { Net } from '../models/build';
import { loadNet, netFromArtifacts, netToArtifacts, type ModelCard } from '../models/io';
import { paramCount } from '../models/spec';
import { buildNet } from '../models/build';
import { CLASSIFIER_INFO, classifierSpec, criticSpec, type ClassifierName } from '../models/zoo';
import { classifierAccuracy, trainClassifier, type EpochReport } from './classifier';
import { CLASSIFIER_RECIPES, optimizerText } from './recipes';
import { chooseBackend, type BackendReport, type ChooseOptions } from './backend';
import { TrainConfigSchema, type LossWeights, type TrainConfig } from './config';
import type { EvalCriticConfig, EvalPoint, SampleGrid } from './evaluate';
import type { ImageSet } from './images';
import { Runner, type EvalEvent, type Progress } from './runner';
import { makeTaskData, type TaskData } from './taskData';
import { evalCriticSeedSd } from './standardErrors';
import { Trainer, type StepKind } from './trainer';
import { loadShippedWarmStart, readWarmIndex, restorerTestMse, warmStartSpec, type ShippedSource, type ShippedWarmStart, type WarmStartInfo } from './shippedWarm';
import { trainWarmStart, warmStartKey, type WarmControl, type WarmProgress } from './warmStart';
import type { CondNet } from '../models/conditional';
import { conditionalSamples, evaluateConditionalAt } from './conditional/evaluateGrid';
import { condRestorerSpec, loadShippedConditional, readCondIndex, type ShippedConditional } from './conditional/shipped';
import { conditionFeatures, lossRatios, type ConditionRanges } from '../models/conditioning';
import { condNetFromFiles } from '../models/condIo';
import { restoreCheckpoint, type CondCheckpoint } from './conditional/checkpoint';
import { CondTrainer } from './conditional/trainer';
import { OwnTraining, type OwnResult, type OwnTrainListener, type OwnTrainSpec } from './conditional/ownTraining';
import { binomialSe } from './standardErrors';

/**
 * Everything the training worker does, as a plain object: it owns every
 * tensor (data, classifier, restorer, critic) and is driven by RPC. Kept free
 * of worker globals so Node tests can drive it directly.
 */

export interface TrainListener {
  onProgress(p: Progress): void;
  onEval(e: EvalEvent): void;
  /** Live samples between evaluations (optional). */
  onSamples?(grid: SampleGrid): void;
}

export interface DataSummary {
  readonly dataset: string;
  readonly title: string;
  readonly train: number;
  readonly test: number;
  readonly shape: [number, number, number];
  readonly source: string;
  /** The manifest's version hash ('provided' for in-memory splits). */
  readonly version: string;
}

export interface ClassifierSummary {
  readonly name: string;
  readonly params: number;
  readonly card?: ModelCard;
}

/** The evaluation critic: WGAN-GP (no batch norm), fixed per preset, comparable across runs. */
export function evalCriticConfig(cfg: TrainConfig, input: [number, number, number]): EvalCriticConfig {
  const preset = cfg.preset === 'tiny' ? 'tiny' : 'fast';
  return {
    spec: criticSpec(preset, 'gp', input),
    steps: cfg.evalCriticSteps,
    seed: cfg.evalSeed,
    lr: 5e-4,
    batchSize: 50,
    mode: 'gp',
    clip: cfg.clip,
    gpLambda: 10,
    // The critic's seed-to-seed SD at this budget, part of P's standard error.
    seedSd: evalCriticSeedSd(cfg.evalCriticSteps),
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Listener calls cross the worker boundary as promises; a failing listener must not stop training. */
function quiet(r: unknown): void {
  if (r instanceof Promise) r.catch(() => undefined);
}

export class TrainService {
  backend: BackendReport | null = null;
  private raw: { name: DatasetName; title: string; source: string; version: string; train: ImageSet; test: ImageSet } | null = null;
  private taskData: { key: string; data: TaskData } | null = null;
  private classifier: { net: Net; summary: ClassifierSummary } | null = null;
  private runner: Runner | null = null;
  private warm: { key: string; weights: Map<string, tf.Tensor>; info: WarmStartInfo } | null = null;
  private warmControl: WarmControl | null = null;
  /** Slide mode's conditional restorer: a shipped one (entry) or one trained in this browser (entry null). */
  private conditional: { net: CondNet; entry: ShippedConditional | null; ranges: ConditionRanges; cfg: TrainConfig } | null = null;
  private own: OwnTraining | null = null;
  /** Counts slider requests: an exact D/C pass in progress gives way to a newer one. */
  private slideGeneration = 0;

  async init(opts: ChooseOptions): Promise<BackendReport> {
    this.backend = await chooseBackend(opts);
    return this.backend;
  }

  async loadData(dataBase: string, dataset: DatasetName, env?: LoaderEnv): Promise<DataSummary> {
    const d = await loadDataset(dataBase, dataset, env ? { env } : {});
    const [height, width, channels] = d.manifest.imageShape;
    const set = (s: { count: number; images: Uint8Array; labels: Uint8Array }): ImageSet => ({ ...s, height, width, channels });
    this.raw = { name: dataset, title: d.manifest.title, source: d.manifest.source, version: d.manifest.version, train: set(d.train), test: set(d.test) };
    this.taskData = null;
    return { dataset, title: d.manifest.title, train: d.train.count, test: d.test.count, shape: [height, width, channels], source: d.manifest.source, version: d.manifest.version };
  }

  /** Uses in-memory splits (tests, or data the page already holds); `version` stands for the manifest's. */
  setData(name: DatasetName, train: ImageSet, test: ImageSet, version = 'provided'): void {
    this.raw = { name, title: name, source: 'provided', version, train, test };
    this.taskData = null;
  }

  async loadClassifier(url: string): Promise<ClassifierSummary> {
    const { net, card } = await loadNet(url, false);
    // The current job holds the old classifier: drop the job before disposing it.
    await this.disposeRunner();
    return this.setClassifier(net, card);
  }

  setClassifier(net: Net, card?: ModelCard): ClassifierSummary {
    this.classifier?.net.dispose();
    const summary = { name: card?.name ?? net.spec.name, params: paramCount(net.spec), card };
    this.classifier = { net, summary };
    return summary;
  }

  /** Builds a fresh trainer for this config (disposing any previous one). */
  async configure(input: TrainConfig, listener: TrainListener): Promise<void> {
    const cfg = TrainConfigSchema.parse(input);
    if (!this.raw) throw new Error('no dataset loaded');
    if (!this.classifier) throw new Error('no classifier loaded');
    const raw = this.raw;
    const shape: [number, number, number] = [raw.train.height, raw.train.width, raw.train.channels];
    const cin = this.classifier.net.spec.input;
    if (cin.join('x') !== shape.join('x')) {
      throw new Error(`classifier ${this.classifier.summary.name} takes ${cin.join('x')} images; ${raw.title} has ${shape.join('x')}`);
    }
    await this.disposeRunner();
    const data = this.taskDataFor(cfg);
    let initial: Map<string, tf.Tensor> | null = null;
    if (cfg.warmStart > 0) {
      if (this.warm?.key !== warmStartKey(raw.name, cfg)) throw new Error('this config starts from a warm start that is not trained yet: run warmStart first');
      initial = this.warm.weights;
    }
    const trainer = new Trainer(cfg, data, this.classifier.net, initial);
    const asyncBackend = ['webgl', 'webgpu'].includes(tf.getBackend());
    this.runner = new Runner(
      trainer,
      { test: data.test, inputShape: shape, classifier: this.classifier.net },
      evalCriticConfig(cfg, shape),
      {
        onProgress: (p) => quiet(listener.onProgress(p)),
        onEval: (e) => quiet(listener.onEval(e)),
        // Through comlink every property of the listener looks callable: a
        // listener without onSamples answers with an error, ignored here.
        onSamples: (g) => quiet(listener.onSamples?.(g)),
      },
      { reportMs: 100, asyncBackend, gridCount: 8, samplesMs: 2000 },
    );
  }

  private taskDataFor(cfg: TrainConfig): TaskData {
    const raw = this.raw!;
    const info = datasetInfo(raw.name);
    const key = `${raw.name}|${cfg.task}|${cfg.sigma}|${cfg.evalCount}`;
    if (this.taskData?.key !== key) {
      this.taskData = { key, data: makeTaskData(raw.train, raw.test, { task: cfg.task, sigma: cfg.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: cfg.evalCount }) };
    }
    return this.taskData.data;
  }

  /**
   * Provides the MSE-only base restorer that configs with warmStart > 0 start
   * from, unless the one kept here already matches (same data, task, restorer,
   * seed, batch, rate and length): a sweep pays for it once. With `shipped`
   * (the app's models/ folder) a shipped base with the config's key and the
   * loaded dataset's version is loaded instead of trained; when none matches
   * or it fails to load, the base is trained here and the answer's note says
   * why. stop() aborts the training and pause() holds it.
   */
  async warmStart(input: TrainConfig, onProgress?: (p: WarmProgress) => void, shipped?: ShippedSource): Promise<WarmStartInfo | null> {
    const cfg = TrainConfigSchema.parse(input);
    if (!this.raw) throw new Error('no dataset loaded');
    if (!this.classifier) throw new Error('no classifier loaded');
    if (cfg.warmStart <= 0) return null;
    const raw = this.raw;
    const key = warmStartKey(raw.name, cfg);
    if (this.warm?.key === key) return { ...this.warm.info, reused: true };
    // The current job may have started from the weights about to be replaced.
    await this.disposeRunner();
    this.dropWarmStart();
    const control: WarmControl = { stopped: false, paused: false };
    this.warmControl = control;
    const about = { key, task: cfg.task, preset: cfg.preset, iterations: cfg.warmStart, reused: false };
    try {
      let note: string | null = null;
      if (shipped) {
        const found = await this.shippedWarmStart(shipped, cfg, key);
        if (control.stopped) {
          if (found.weights) tf.dispose([...found.weights.values()]);
          throw new Error('stopped');
        }
        if (found.weights) {
          const e = found.entry;
          const info: WarmStartInfo = { ...about, source: 'shipped', testMse: e.testMse, testCount: e.testCount, dir: e.dir, note: null };
          this.warm = { key, weights: found.weights, info };
          return info;
        }
        note = found.note;
      }
      const weights = await trainWarmStart(cfg, this.taskDataFor(cfg), this.classifier.net, control, (p) => quiet(onProgress?.(note ? { ...p, note } : p)));
      const info: WarmStartInfo = { ...about, source: 'trained', testMse: null, testCount: null, dir: null, note };
      this.warm = { key, weights, info };
      return info;
    } finally {
      if (this.warmControl === control) this.warmControl = null;
    }
  }

  /** The shipped base for this key, or why there is none (never throws). */
  private async shippedWarmStart(
    src: ShippedSource,
    cfg: TrainConfig,
    key: string,
  ): Promise<{ weights: Map<string, tf.Tensor>; entry: ShippedWarmStart; note: null } | { weights: null; note: string }> {
    const raw = this.raw!;
    let entries: readonly ShippedWarmStart[];
    try {
      entries = (await readWarmIndex(src)).warmStarts;
    } catch (e) {
      return { weights: null, note: `the shipped warm starts could not be read (${messageOf(e)})` };
    }
    const entry = entries.find((w) => w.key === key);
    if (!entry) return { weights: null, note: 'no shipped warm start matches this config' };
    if (entry.datasetVersion !== raw.version) {
      return { weights: null, note: `the shipped warm start was trained on ${entry.dataset} version ${entry.datasetVersion}, this is ${raw.version}` };
    }
    try {
      const weights = await loadShippedWarmStart(src, entry, cfg, [raw.train.height, raw.train.width, raw.train.channels]);
      return { weights, entry, note: null };
    } catch (e) {
      return { weights: null, note: `the shipped warm start ${entry.dir} did not load (${messageOf(e)})` };
    }
  }

  /** D of the kept warm start on this config's fixed degraded test subset (what the shipped cards state). */
  async warmStartTestMse(input: TrainConfig): Promise<{ mse: number; count: number }> {
    const cfg = TrainConfigSchema.parse(input);
    const raw = this.raw;
    if (!raw || this.warm?.key !== warmStartKey(raw.name, cfg)) throw new Error('no warm start for this config is kept here');
    const test = this.taskDataFor(cfg).test;
    return { mse: await restorerTestMse(warmStartSpec(cfg, [raw.train.height, raw.train.width, raw.train.channels]), this.warm.weights, test), count: test.count };
  }

  /** The kept warm start's variables as tf.io weight specs and bytes (float32), in the restorer's variable order. */
  async warmStartWeights(): Promise<{ key: string; info: WarmStartInfo; specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
    if (!this.warm) throw new Error('no warm start is kept here');
    const named: tf.NamedTensorMap = Object.fromEntries(this.warm.weights);
    const { data, specs } = await tf.io.encodeWeights(named);
    return { key: this.warm.key, info: this.warm.info, specs, data };
  }

  private dropWarmStart(): void {
    if (this.warm) tf.dispose([...this.warm.weights.values()]);
    this.warm = null;
  }

  private need(): Runner {
    if (!this.runner) throw new Error('configure a training job first');
    return this.runner;
  }

  start(): void {
    this.need().start();
  }
  pause(): void {
    if (this.warmControl) this.warmControl.paused = true;
    else this.need().pause();
  }
  resume(): void {
    if (this.warmControl) this.warmControl.paused = false;
    else this.need().resume();
  }
  stop(): Promise<void> {
    if (this.warmControl) {
      this.warmControl.stopped = true;
      return Promise.resolve();
    }
    return this.need().stop();
  }
  reset(): Promise<void> {
    return this.need().reset();
  }
  step(kind: StepKind): Promise<Progress> {
    return this.need().step(kind);
  }
  setWeights(w: LossWeights): void {
    this.need().setWeights(w);
  }
  evaluate(): Promise<EvalPoint> {
    return this.need().evaluate();
  }
  baselines(): Promise<EvalPoint[]> {
    return this.need().baselines();
  }
  progress(): Progress | null {
    return this.runner?.progress() ?? null;
  }
  whenIdle(): Promise<void> {
    return this.runner?.whenIdle() ?? Promise.resolve();
  }

  /**
   * Trains classifier c0 here, on the loaded clean training split, with the
   * pretraining recipe (or fewer epochs), and makes it the job's classifier.
   * The current job is dropped: configure again afterwards.
   */
  async retrainClassifier(name: ClassifierName, epochs: number | undefined, onEpoch?: (r: EpochReport & { of: number }) => void): Promise<ClassifierSummary> {
    if (!this.raw) throw new Error('no dataset loaded');
    const raw = this.raw;
    const spec = classifierSpec(name, 10);
    if (spec.input.join('x') !== [raw.train.height, raw.train.width, raw.train.channels].join('x')) {
      throw new Error(`${CLASSIFIER_INFO[name].title} takes ${spec.input.join('x')} images; ${raw.title} has ${raw.train.height}x${raw.train.width}x${raw.train.channels}`);
    }
    await this.disposeRunner();
    const recipe = { ...CLASSIFIER_RECIPES[name], ...(epochs ? { epochs } : {}) };
    const net = buildNet(spec, recipe.seed);
    const t0 = performance.now();
    try {
      await trainClassifier(net, raw.train, recipe, (r) => onEpoch?.({ ...r, of: recipe.epochs }));
      const acc = await classifierAccuracy(net, raw.test);
      const card: ModelCard = {
        name,
        title: CLASSIFIER_INFO[name].title,
        architecture: [],
        params: paramCount(spec),
        data: raw.source,
        epochs: recipe.epochs,
        batchSize: recipe.batchSize,
        seed: recipe.seed,
        optimizer: optimizerText(recipe),
        testAccuracy: acc,
        testCount: raw.test.count,
        trainCount: raw.train.count,
        backend: `tfjs ${tf.version.tfjs} ${tf.getBackend()} (browser)`,
        trainSeconds: (performance.now() - t0) / 1000,
        notes: ['Retrained in the browser.'],
      };
      return this.setClassifier(net, card);
    } catch (e) {
      net.dispose();
      throw e;
    }
  }

  /** The restorer's weights as tf.io specs and bytes (for saving a sweep point). */
  async restorerWeights(): Promise<{ specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
    const a = await netToArtifacts(this.need().trainer.restorer);
    const data = a.weightData instanceof ArrayBuffer ? a.weightData : tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer[]);
    return { specs: a.weightSpecs ?? [], data };
  }

  /** Replaces the classifier from artifacts (a retrained or imported model). */
  classifierFromArtifacts(a: tf.io.ModelArtifacts): ClassifierSummary {
    const { net, card } = netFromArtifacts(a, false);
    return this.setClassifier(net, card);
  }

  /**
   * Loads a shipped loss-conditional restorer (models/cond-<id>) for slide
   * mode; `cfg` is the preset's training config (task, noise, test subset).
   * The dataset and the preset's classifier must be loaded.
   */
  async loadConditional(input: TrainConfig, shipped: ShippedSource, id: string): Promise<ShippedConditional> {
    const cfg = TrainConfigSchema.parse(input);
    if (!this.raw) throw new Error('no dataset loaded');
    const entry = (await readCondIndex(shipped)).models.find((m) => m.id === id);
    if (!entry) throw new Error(`no shipped conditional model for ${id}`);
    if (entry.datasetVersion !== this.raw.version) throw new Error(`the conditional model ${entry.dir} was trained on ${entry.dataset} version ${entry.datasetVersion}, this is ${this.raw.version}`);
    const net = await loadShippedConditional(shipped, entry, [this.raw.train.height, this.raw.train.width, this.raw.train.channels]);
    this.dropConditional();
    this.conditional = { net, entry, ranges: entry.ranges, cfg };
    return entry;
  }

  /**
   * Loads a conditional restorer from model files (condIo) held by the page,
   * one trained in this browser, for slide mode and for its dense grid's
   * evaluation; `cfg` is its preset's training config.
   */
  async loadConditionalFiles(input: TrainConfig, ranges: ConditionRanges, json: unknown, data: ArrayBuffer): Promise<void> {
    const cfg = TrainConfigSchema.parse(input);
    if (!this.raw) throw new Error('no dataset loaded');
    const net = await condNetFromFiles(json, data, condRestorerSpec(cfg, [this.raw.train.height, this.raw.train.width, this.raw.train.channels]), 'your model');
    this.dropConditional();
    this.conditional = { net, entry: null, ranges, cfg };
  }

  /**
   * The loaded conditional restorer at one setting, measured as a sweep point
   * is (D and C on the test subset, P with the evaluation critic of its
   * config): one point of its dense grid.
   */
  async conditionalEvaluate(w: LossWeights, iteration: number): Promise<EvalPoint> {
    const c = this.needConditional();
    if (!this.classifier) throw new Error('no classifier loaded');
    const data = this.taskDataFor(c.cfg);
    const shape: [number, number, number] = [data.height, data.width, data.channels];
    return evaluateConditionalAt({ test: data.test, inputShape: shape, classifier: this.classifier.net }, c.net, c.ranges, w, evalCriticConfig(c.cfg, shape), iteration);
  }

  /**
   * Prepares "Train your own": a CondTrainer from the MSE warm start of
   * spec.warmCfg, shipped under `shipped` (the app's models/), or, without
   * `shipped`, the one an earlier warmStart() kept here (tests); from a
   * checkpoint when `from` is given. Answers the iteration it starts at.
   */
  async ownConfigure(spec: OwnTrainSpec, shipped: ShippedSource | null, from: CondCheckpoint | null): Promise<number> {
    const cfg = TrainConfigSchema.parse(spec.cfg);
    const warmCfg = TrainConfigSchema.parse(spec.warmCfg);
    if (!this.raw) throw new Error('no dataset loaded');
    if (!this.classifier) throw new Error('no classifier loaded');
    this.dropOwn();
    const key = warmStartKey(this.raw.name, warmCfg);
    let warm: Map<string, tf.Tensor>;
    let owned = false;
    if (shipped) {
      const found = await this.shippedWarmStart(shipped, warmCfg, key);
      if (!found.weights) throw new Error(`the shipped MSE warm start this model starts from is not available: ${found.note}`);
      warm = found.weights;
      owned = true;
    } else {
      if (this.warm?.key !== key) throw new Error('no MSE warm start for this config is kept here');
      warm = this.warm.weights;
    }
    let trainer: CondTrainer;
    try {
      trainer = new CondTrainer(cfg, this.taskDataFor(cfg), this.classifier.net, spec.options, warm);
    } finally {
      if (owned) tf.dispose([...warm.values()]);
    }
    try {
      if (from) restoreCheckpoint(trainer, from);
    } catch (e) {
      trainer.dispose();
      throw e;
    }
    this.own = new OwnTraining(trainer, spec);
    return trainer.iteration;
  }

  /** Trains the configured model to the end; resolves with its files. The trainer is freed either way. */
  async ownTrain(listener: OwnTrainListener): Promise<OwnResult> {
    const own = this.own;
    if (!own) throw new Error('configure your model first (ownConfigure)');
    try {
      return await own.run({
        onProgress: (p) => quiet(listener.onProgress(p)),
        onCheckpoint: (c) => listener.onCheckpoint(c),
      });
    } finally {
      if (this.own === own) this.dropOwn();
    }
  }

  /** Holds your model's training; answers the state it holds at (null when not training or not finite). */
  async ownPause(): Promise<CondCheckpoint | null> {
    return this.own ? this.own.pause() : null;
  }

  ownResume(): void {
    this.own?.resume();
  }

  ownStop(): void {
    this.own?.stop();
  }

  private dropOwn(): void {
    this.own?.dispose();
    this.own = null;
  }

  private needConditional() {
    if (!this.conditional) throw new Error('no conditional model loaded');
    return this.conditional;
  }

  /** The first `count` test images restored at one setting: what a slider move shows. */
  async conditionalSamples(w: LossWeights, count: number): Promise<SampleGrid> {
    this.slideGeneration++;
    const c = this.needConditional();
    if (!this.classifier) throw new Error('no classifier loaded');
    const data = this.taskDataFor(c.cfg);
    const inputs = { test: data.test, inputShape: [data.height, data.width, data.channels] as [number, number, number], classifier: this.classifier.net };
    const t0 = performance.now();
    const grid = await conditionalSamples(inputs, c.net, c.ranges, w, count);
    // The worker's own share of a slider move (bench:slide reports it).
    return { ...grid, computeMs: performance.now() - t0 };
  }

  /**
   * D and C of the conditional restorer at one setting on the whole fixed
   * test subset (no P: that needs a critic). Batch by batch, awaiting each
   * batch's read-back, so a slider's forward pass that arrives meanwhile runs
   * between two batches; the pass then gives up (rejects with 'superseded'),
   * since the slider has moved on from the setting it measures.
   */
  async conditionalDC(w: LossWeights): Promise<{ D: number; C: number; Cse: number; n: number }> {
    const c = this.needConditional();
    if (!this.classifier) throw new Error('no classifier loaded');
    const classifier = this.classifier.net;
    const data = this.taskDataFor(c.cfg);
    const shape: [number, number, number] = [data.height, data.width, data.channels];
    const per = shape[0] * shape[1] * shape[2];
    const view = c.net.at(conditionFeatures(c.ranges, [lossRatios(w)]));
    const n = data.test.count;
    // Small batches: a slider move that arrives meanwhile waits for the batch
    // in progress (about 1 ms an image for the denoiser here), so the first
    // move after a rest is not held up by a long one.
    const BATCH = 16;
    const generation = this.slideGeneration;
    let sq = 0;
    let wrong = 0;
    for (let s = 0; s < n; s += BATCH) {
      // A macrotask turn: wasm's read-backs resolve as microtasks, which would
      // never let a waiting slider message in.
      if (s > 0) await new Promise((r) => setTimeout(r, 0));
      if (generation !== this.slideGeneration) throw new Error('superseded');
      const m = Math.min(BATCH, n - s);
      const part = tf.tidy(() => {
        const clean = tf.tensor4d(data.test.clean.subarray(s * per, (s + m) * per), [m, ...shape]);
        const out = view.apply(tf.tensor4d(data.test.degraded.subarray(s * per, (s + m) * per), [m, ...shape]), { training: false });
        const logits = classifier.apply(out, { training: false });
        const miss = tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.tensor1d(data.test.labels.subarray(s, s + m), 'int32')), 'float32'));
        return tf.stack([tf.sum(tf.squaredDifference(out, clean)), miss]);
      });
      const [a, b] = await part.data();
      part.dispose();
      sq += a;
      wrong += b;
    }
    const C = wrong / n;
    return { D: sq / (n * per), C, Cse: binomialSe(C, n), n };
  }

  private dropConditional(): void {
    this.conditional?.net.dispose();
    this.conditional = null;
  }

  memory(): { numTensors: number; numBytes: number } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }

  private async disposeRunner(): Promise<void> {
    if (!this.runner) return;
    await this.runner.stop();
    this.runner.trainer.dispose();
    this.runner = null;
  }

  async dispose(): Promise<void> {
    await this.disposeRunner();
    this.dropOwn();
    this.dropWarmStart();
    this.dropConditional();
    this.classifier?.net.dispose();
    this.classifier = null;
  }
}
