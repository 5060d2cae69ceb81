import * as tf from '@tensorflow/tfjs';
import { subSeed, type Net } from '../../models/build';
import { buildCondNet, condSpec, type CondNet } from '../../models/conditional';
import type { ConditionRanges, LossRatios } from '../../models/conditioning';
import { criticSpec, restorerSpec } from '../../models/zoo';
import { Adam } from '../adam';
import type { TrainConfig } from '../config';
import { LossBook } from '../lossBook';
import { assignWarmStart, batchToDevice } from '../deviceBatch';
import type { LossName } from '../lossNames';
import { criticLoss, gradientPenalty } from '../losses';
import { restorerLr } from '../schedule';
import { BatchSampler, type HostBatch, type TaskData } from '../taskData';
import { restorerKind, type LossReading } from '../trainer';
import { WeightSampler, type WeightDraw } from './weightSampler';

/**
 * Loss-conditional training: one restorer and one critic, both conditioned
 * on (beta/alpha, gamma/alpha), trained with weights drawn per example, so
 * that afterwards the restorer at any setting acts as the fixed-weight
 * restorer trained at it. The per-example loss is
 *   MSE_i + b_i * (-critic(X^_i | w_i)) + g_i * CE(c0(X^_i), y_i)
 * and the restorer's loss is its batch mean: with every example at one
 * setting it is exactly the fixed-weight trainer's loss (trainer.ts) at
 * alpha = 1. The critic compares real x_i and restored X^_i under the same
 * w_i, so it estimates the Wasserstein distance for each setting. The MSE
 * warm-up of the fixed-weight schedule is not used: training starts from the
 * MSE warm start.
 */

export interface CondTrainOptions {
  readonly ranges: ConditionRanges;
  /** Every example at this setting (tests). */
  readonly fixed?: LossRatios | null;
  /** false: only the base nets train and the FiLM heads stay at zero (tests against the fixed-weight trainer). */
  readonly trainFilm?: boolean;
  /** The FiLM trunk's and heads' learning rate as a multiple of the base net's (default 1). */
  readonly filmLrScale?: number;
  /**
   * 'batch' (default): the restorer's batch norm normalises with the batch's
   * statistics in training and moves its running statistics, as the
   * fixed-weight trainer does. 'running': it normalises with the warm
   * start's running statistics in training too (a fixed affine map), so a
   * batch that mixes settings is normalised exactly as one setting is at
   * evaluation.
   */
  readonly bn?: 'batch' | 'running';
  /**
   * Per-example loss normalisation: each example's loss is divided by
   * 1 + beta_i/beta* + gamma_i/gamma*, where beta* and gamma* are the weights
   * at which the adversarial and cross-entropy gradients match the MSE
   * gradient (npm run study:grad-balance). A positive factor per setting moves
   * no setting's minimiser, but without it an example at gamma = 2 pulls the
   * shared base net about 100x harder than one at gamma = 0, so the settings
   * dominated by cross-entropy decide the base and the MSE corner is lost.
   * Omitted: no normalisation (the fixed-weight trainer's loss).
   */
  readonly balance?: { readonly beta: number; readonly gamma: number } | null;
}

/** Per-example softmax cross-entropy of logits against integer labels. */
function crossEntropyPerExample(logits: tf.Tensor, labels: tf.Tensor1D): tf.Tensor1D {
  const logp = tf.logSoftmax(logits as tf.Tensor2D);
  const onehot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1] as number);
  return tf.neg(tf.sum(tf.mul(onehot, logp), 1)) as tf.Tensor1D;
}

export class CondTrainer {
  iteration = 0;
  criticIterations = 0;
  restorer!: CondNet;
  critic!: CondNet;
  private rAdam!: Adam;
  private filmAdam: Adam | null = null;
  private cAdam!: Adam;
  private readonly sampler: BatchSampler;
  private readonly weightSampler: WeightSampler;
  private readonly book = new LossBook();
  private readonly trainFilm: boolean;

  constructor(
    readonly cfg: TrainConfig,
    readonly data: TaskData,
    readonly classifier: Net,
    readonly opts: CondTrainOptions,
    /** Base restorer variables by name (the MSE warm start); the caller keeps ownership. */
    private readonly initialRestorer: ReadonlyMap<string, tf.Tensor> | null = null,
  ) {
    // The same batch stream as the fixed-weight trainer with this seed.
    this.sampler = new BatchSampler(data, subSeed(cfg.seed, 3));
    this.weightSampler = new WeightSampler(opts.ranges, subSeed(cfg.seed, 4), opts.fixed ?? null);
    this.trainFilm = opts.trainFilm ?? true;
    this.init();
  }

  get inputShape(): [number, number, number] {
    return [this.data.height, this.data.width, this.data.channels];
  }

  private init(): void {
    const input = this.inputShape;
    this.restorer = buildCondNet(condSpec(restorerSpec(restorerKind(this.cfg.task), this.cfg.preset, input), { boundedScale: false }), subSeed(this.cfg.seed, 1));
    if (this.initialRestorer) assignWarmStart(this.restorer.base.named, this.initialRestorer);
    this.critic = buildCondNet(condSpec(criticSpec(this.cfg.preset, this.cfg.criticMode, input), { boundedScale: true }), subSeed(this.cfg.seed, 2));
    const betas = { beta1: 0.5, beta2: 0.9 };
    this.rAdam = new Adam(this.restorerVars, { lr: this.cfg.restorerLr, ...betas });
    this.filmAdam = this.trainFilm ? new Adam(this.restorer.film, { lr: this.cfg.restorerLr, ...betas }) : null;
    this.cAdam = new Adam(this.criticVars, { lr: this.cfg.criticLr, ...betas });
    if (this.cfg.criticMode === 'clip') this.clipCritic();
  }

  /** The base restorer's variables; its FiLM variables have their own Adam (filmLrScale). */
  private get restorerVars(): tf.Variable[] {
    return this.restorer.base.weights;
  }

  private get restorerTrainable(): tf.Variable[] {
    return this.trainFilm ? this.restorer.weights : this.restorer.base.weights;
  }

  private get restorerBnTraining(): { training: boolean; updateStats?: boolean } {
    return this.opts.bn === 'running' ? { training: false } : { training: true, updateStats: true };
  }

  private get criticVars(): tf.Variable[] {
    return this.trainFilm ? this.critic.weights : this.critic.base.weights;
  }

  private release(): void {
    this.restorer.dispose();
    this.critic.dispose();
    this.rAdam.dispose();
    this.filmAdam?.dispose();
    this.cAdam.dispose();
    this.book.clear();
  }

  reset(): void {
    this.release();
    this.iteration = 0;
    this.criticIterations = 0;
    this.sampler.reset();
    this.weightSampler.reset();
    this.init();
  }

  dispose(): void {
    this.release();
  }

  /** Weight clipping on the base critic only: the FiLM trunk maps weights, not images, and its scale is bounded. */
  private clipCritic(): void {
    const c = this.cfg.clip;
    tf.tidy(() => {
      for (const v of this.critic.base.weights) v.assign(tf.clipByValue(v, -c, c));
    });
  }

  private normalisers(w: WeightDraw): Float32Array {
    const b = this.opts.balance;
    return Float32Array.from(w.ratios, (r) => (b ? 1 / (1 + r.beta / b.beta + r.gamma / b.gamma) : 1));
  }

  private toDevice(b: HostBatch, w: WeightDraw) {
    return {
      ...batchToDevice(b, this.inputShape, this.cfg.sigma),
      cond: tf.tensor2d(w.features, [b.count, w.features.length / b.count]),
      beta: tf.tensor1d(w.beta),
      gamma: tf.tensor1d(w.gamma),
      norm: tf.tensor1d(this.normalisers(w)),
    };
  }

  criticStep(): void {
    const batch = this.sampler.next(this.cfg.batchSize);
    const draw = this.weightSampler.next(batch.count);
    const gpSeed = batch.noiseSeed ^ 0x5bd1e995;
    const kept: Partial<Record<LossName, tf.Scalar>> = {};
    tf.tidy(() => {
      const { x, y, cond } = this.toDevice(batch, draw);
      const fake = this.restorer.apply(y, cond, { training: this.opts.bn !== 'running' });
      const apply = (z: tf.Tensor) => this.critic.apply(z, cond, { training: true });
      const vars = this.criticVars;
      const { grads } = tf.variableGrads(() => {
        const loss = criticLoss(apply(x), apply(fake));
        kept.critic = tf.keep(loss.clone());
        kept.wTrain = tf.keep(tf.neg(loss));
        if (this.cfg.criticMode !== 'gp') return loss;
        const gp = gradientPenalty(apply, x, fake, gpSeed);
        kept.gp = tf.keep(gp.clone());
        return tf.add(loss, tf.mul(gp, this.cfg.gpLambda)) as tf.Scalar;
      }, vars);
      this.cAdam.apply(vars.map((v) => grads[v.name]));
    });
    if (this.cfg.criticMode === 'clip') this.clipCritic();
    this.criticIterations++;
    this.book.record(kept);
  }

  restorerStep(): void {
    const batch = this.sampler.next(this.cfg.batchSize);
    const draw = this.weightSampler.next(batch.count);
    const lr = restorerLr(this.iteration, this.cfg.restorerLr, this.cfg.lrDecayEvery);
    const kept: Partial<Record<LossName, tf.Scalar>> = {};
    tf.tidy(() => {
      const { x, y, labels, cond, beta, gamma, norm } = this.toDevice(batch, draw);
      const vars = this.restorerTrainable;
      const { value, grads } = tf.variableGrads(() => {
        const xh = this.restorer.apply(y, cond, this.restorerBnTraining);
        const mseI = tf.mean(tf.squaredDifference(xh, x), [1, 2, 3]);
        const advI = tf.neg(tf.reshape(this.critic.apply(xh, cond, { training: true }), [batch.count]));
        const ceI = crossEntropyPerExample(this.classifier.apply(xh, { training: false }), labels);
        kept.mse = tf.keep(tf.mean(mseI));
        kept.adv = tf.keep(tf.mean(advI));
        kept.ce = tf.keep(tf.mean(ceI));
        const perExample = tf.add(mseI, tf.add(tf.mul(beta, advI), tf.mul(gamma, ceI)));
        return tf.mean(this.opts.balance ? tf.mul(perExample, norm) : perExample) as tf.Scalar;
      }, vars);
      kept.total = tf.keep(value.clone());
      this.rAdam.apply(
        this.restorerVars.map((v) => grads[v.name]),
        lr,
      );
      this.filmAdam?.apply(
        this.restorer.film.map((v) => grads[v.name]),
        lr * (this.opts.filmLrScale ?? 1),
      );
    });
    this.iteration++;
    this.book.record(kept);
  }

  step(): void {
    for (let i = 0; i < this.cfg.criticSteps; i++) this.criticStep();
    this.restorerStep();
  }

  /**
   * Adam's moments by name (adam/<restorer|film|critic>/<m|v>/<variable>) and
   * step counts: with the nets' variables, what an exact resume needs
   * (checkpoint.ts).
   */
  optimizerState(): { named: Map<string, tf.Variable>; steps: Record<string, number> } {
    const named = new Map<string, tf.Variable>();
    const steps: Record<string, number> = {};
    // The nets' own names (tf's variable names are counters that differ between trainers).
    const key = new Map<tf.Variable, string>([...this.restorer.named, ...this.critic.named].map(([k, v]) => [v, k]));
    const groups: [string, Adam | null, readonly tf.Variable[]][] = [
      ['restorer', this.rAdam, this.restorerVars],
      ['film', this.filmAdam, this.restorer.film],
      ['critic', this.cAdam, this.criticVars],
    ];
    for (const [g, adam, vars] of groups) {
      if (!adam) continue;
      steps[g] = adam.steps;
      vars.forEach((v, i) => {
        named.set(`adam/${g}/m/${key.get(v)}`, adam.moments.m[i]);
        named.set(`adam/${g}/v/${key.get(v)}`, adam.moments.v[i]);
      });
    }
    return { named, steps };
  }

  setOptimizerSteps(steps: Readonly<Record<string, number>>): void {
    const adams: Record<string, Adam | null> = { restorer: this.rAdam, film: this.filmAdam, critic: this.cAdam };
    for (const [g, adam] of Object.entries(adams)) {
      if (!adam) continue;
      if (steps[g] === undefined) throw new Error(`no Adam step count for ${g}`);
      adam.setSteps(steps[g]);
    }
  }

  /**
   * Draws and discards as many batches and weight draws as `draws` steps took
   * (one per critic step and one per restorer step, in one stream each), so a
   * fresh trainer's streams stand where a checkpointed one's stood. The
   * streams are seeded and replayed rather than stored: the same draws, with
   * no generator state in the checkpoint.
   */
  skipDraws(draws: number): void {
    for (let i = 0; i < draws; i++) {
      const b = this.sampler.next(this.cfg.batchSize);
      this.weightSampler.next(b.count);
    }
  }

  async readLosses(): Promise<LossReading> {
    const { losses, finite } = await this.book.read();
    return { iteration: this.iteration, criticIterations: this.criticIterations, losses, finite };
  }
}
