import * as tf from '@tensorflow/tfjs';
import { buildNet, subSeed, type Net } from '../models/build';
import { criticSpec, restorerSpec, type RestorerKind } from '../models/zoo';
import { Adam } from './adam';
import type { LossWeights, TrainConfig } from './config';
import { criticLoss, crossEntropy, gradientPenalty, mse } from './losses';
import { mseWeight, restorerLr } from './schedule';
import type { LossName, Losses } from './lossNames';
import { LossBook } from './lossBook';
import { assignWarmStart, batchToDevice } from './deviceBatch';
import { BatchSampler, type HostBatch, type TaskData } from './taskData';

/**
 * One restorer, one WGAN critic and a frozen classifier c0, trained with
 *   loss = w(i) * MSE + beta * (-mean critic(X^)) + gamma * CE(c0(X^), y)
 * where w(i) decays from 1 to alpha (the paper's warm-up). step() only queues
 * device work; the latest losses stay on the device until readLosses().
 */

export type StepKind = 'both' | 'restorer' | 'critic';

export { LOSS_NAMES, type LossName, type Losses } from './lossNames';

export interface LossReading {
  readonly iteration: number;
  readonly criticIterations: number;
  readonly losses: Losses;
  readonly finite: boolean;
}

export function restorerKind(task: TrainConfig['task']): RestorerKind {
  return task === 'denoise' ? 'denoiser' : 'sr';
}

export class Trainer {
  weights: LossWeights;
  iteration = 0;
  criticIterations = 0;
  restorer!: Net;
  critic!: Net;
  private rAdam!: Adam;
  private cAdam!: Adam;
  private readonly sampler: BatchSampler;
  private readonly book = new LossBook();

  constructor(
    readonly cfg: TrainConfig,
    readonly data: TaskData,
    readonly classifier: Net,
    /** Restorer variables by name to start from (a warm start) instead of the seed's; the caller keeps ownership. */
    private readonly initialRestorer: ReadonlyMap<string, tf.Tensor> | null = null,
  ) {
    this.weights = { alpha: cfg.alpha, beta: cfg.beta, gamma: cfg.gamma };
    this.sampler = new BatchSampler(data, subSeed(cfg.seed, 3));
    this.init();
  }

  get inputShape(): [number, number, number] {
    return [this.data.height, this.data.width, this.data.channels];
  }

  private init(): void {
    const input = this.inputShape;
    this.restorer = buildNet(restorerSpec(restorerKind(this.cfg.task), this.cfg.preset, input), subSeed(this.cfg.seed, 1));
    if (this.initialRestorer) this.loadRestorer(this.initialRestorer);
    this.critic = buildNet(criticSpec(this.cfg.preset, this.cfg.criticMode, input), subSeed(this.cfg.seed, 2));
    const betas = { beta1: 0.5, beta2: 0.9 };
    this.rAdam = new Adam(this.restorer.weights, { lr: this.cfg.restorerLr, ...betas });
    this.cAdam = new Adam(this.critic.weights, { lr: this.cfg.criticLr, ...betas });
    if (this.cfg.criticMode === 'clip') this.clipCritic();
  }

  private loadRestorer(from: ReadonlyMap<string, tf.Tensor>): void {
    assignWarmStart(this.restorer.named, from);
  }

  private release(): void {
    this.restorer.dispose();
    this.critic.dispose();
    this.rAdam.dispose();
    this.cAdam.dispose();
    this.book.clear();
  }

  /** Back to the initial state: the same seed gives the same initial weights and batches. */
  reset(): void {
    this.release();
    this.iteration = 0;
    this.criticIterations = 0;
    this.sampler.reset();
    this.init();
  }

  dispose(): void {
    this.release();
  }

  private clipCritic(): void {
    const c = this.cfg.clip;
    tf.tidy(() => {
      for (const v of this.critic.weights) v.assign(tf.clipByValue(v, -c, c));
    });
  }

  /** Runs inside a tidy: the batch's tensors die with it. */
  private toDevice(b: HostBatch): { x: tf.Tensor4D; y: tf.Tensor4D; labels: tf.Tensor1D } {
    return batchToDevice(b, this.inputShape, this.cfg.sigma);
  }

  private record(values: Partial<Record<LossName, tf.Scalar>>): void {
    this.book.record(values);
  }

  criticStep(): void {
    const batch = this.sampler.next(this.cfg.batchSize);
    const gpSeed = batch.noiseSeed ^ 0x5bd1e995;
    const kept: Partial<Record<LossName, tf.Scalar>> = {};
    tf.tidy(() => {
      const { x, y } = this.toDevice(batch);
      const fake = this.restorer.apply(y, { training: true });
      const apply = (z: tf.Tensor) => this.critic.apply(z, { training: true });
      const { grads } = tf.variableGrads(() => {
        const loss = criticLoss(apply(x), apply(fake));
        kept.critic = tf.keep(loss.clone());
        kept.wTrain = tf.keep(tf.neg(loss));
        if (this.cfg.criticMode !== 'gp') return loss;
        const gp = gradientPenalty(apply, x, fake, gpSeed);
        kept.gp = tf.keep(gp.clone());
        return tf.add(loss, tf.mul(gp, this.cfg.gpLambda)) as tf.Scalar;
      }, this.critic.weights);
      this.cAdam.apply(this.critic.weights.map((v) => grads[v.name]));
    });
    if (this.cfg.criticMode === 'clip') this.clipCritic();
    this.criticIterations++;
    this.record(kept);
  }

  restorerStep(): void {
    const batch = this.sampler.next(this.cfg.batchSize);
    const { alpha, beta, gamma } = this.weights;
    const wMse = mseWeight(this.iteration, alpha, this.cfg.mseWarmup);
    const lr = restorerLr(this.iteration, this.cfg.restorerLr, this.cfg.lrDecayEvery);
    const kept: Partial<Record<LossName, tf.Scalar>> = {};
    tf.tidy(() => {
      const { x, y, labels } = this.toDevice(batch);
      const criticOf = (z: tf.Tensor) => tf.neg(tf.mean(this.critic.apply(z, { training: true }))) as tf.Scalar;
      const ceOf = (z: tf.Tensor) => crossEntropy(this.classifier.apply(z, { training: false }), labels);
      let xh: tf.Tensor | null = null;
      const { value, grads } = tf.variableGrads(() => {
        xh = tf.keep(this.restorer.apply(y, { training: true, updateStats: true }));
        const m = mse(xh, x);
        let total: tf.Tensor = tf.mul(m, wMse);
        kept.mse = tf.keep(m.clone());
        // A zero weight keeps its term off the tape: no wasted backward pass,
        // and a NaN there cannot reach the gradient through 0 * NaN.
        if (beta > 0) {
          const adv = criticOf(xh);
          kept.adv = tf.keep(adv.clone());
          total = tf.add(total, tf.mul(adv, beta));
        }
        if (gamma > 0) {
          const ce = ceOf(xh);
          kept.ce = tf.keep(ce.clone());
          total = tf.add(total, tf.mul(ce, gamma));
        }
        return total as tf.Scalar;
      }, this.restorer.weights);
      const out = xh as unknown as tf.Tensor;
      // Shown for reference while the critic trains; an untrained critic's value means nothing.
      if (!kept.adv && this.cfg.criticSteps > 0) kept.adv = tf.keep(criticOf(out));
      if (!kept.ce) kept.ce = tf.keep(ceOf(out));
      out.dispose();
      kept.total = tf.keep(value.clone());
      this.rAdam.apply(
        this.restorer.weights.map((v) => grads[v.name]),
        lr,
      );
    });
    this.iteration++;
    this.record(kept);
  }

  step(kind: StepKind): void {
    if (kind !== 'restorer') for (let i = 0; i < this.cfg.criticSteps; i++) this.criticStep();
    if (kind !== 'critic') this.restorerStep();
  }

  /** Reads the latest losses back from the device (the only read-back in training). */
  async readLosses(): Promise<LossReading> {
    const { losses, finite } = await this.book.read();
    return { iteration: this.iteration, criticIterations: this.criticIterations, losses, finite };
  }
}
