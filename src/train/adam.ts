import * as tf from '@tensorflow/tfjs';

/**
 * Adam (Kingma & Ba 2015) over a fixed list of variables. Written out rather
 * than tf.train.adam so that the learning rate can change between steps, the
 * state can be reset in place, and every tensor it owns is disposed with it.
 */

export interface AdamConfig {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon?: number;
}

function zerosVariable(x: tf.Tensor): tf.Variable {
  const z = tf.zerosLike(x);
  const v = tf.variable(z, false);
  z.dispose();
  return v;
}

export class Adam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(
    private readonly vars: readonly tf.Variable[],
    public config: AdamConfig,
  ) {
    this.m = vars.map(zerosVariable);
    this.v = vars.map(zerosVariable);
  }

  get steps(): number {
    return this.t;
  }

  /** First and second moments, in the order of the variables (a checkpoint reads and assigns them). */
  get moments(): { readonly m: readonly tf.Variable[]; readonly v: readonly tf.Variable[] } {
    return { m: this.m, v: this.v };
  }

  /** The step count a restored checkpoint had: bias correction goes on from it. */
  setSteps(t: number): void {
    if (!Number.isInteger(t) || t < 0) throw new Error(`Adam: step count ${t}`);
    this.t = t;
  }

  /** Applies one update; grads are in the order of the variables and are not disposed. */
  apply(grads: readonly tf.Tensor[], lr: number = this.config.lr): void {
    if (grads.length !== this.vars.length) throw new Error(`Adam: ${grads.length} gradients for ${this.vars.length} variables`);
    const { beta1, beta2 } = this.config;
    const eps = this.config.epsilon ?? 1e-8;
    this.t++;
    // Bias correction folded into the step size, as in TensorFlow's Adam.
    const stepSize = (lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    tf.tidy(() => {
      grads.forEach((g, i) => {
        const m = tf.add(tf.mul(this.m[i], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        this.vars[i].assign(tf.sub(this.vars[i], tf.div(tf.mul(m, stepSize), tf.add(tf.sqrt(v), eps))));
      });
    });
  }

  reset(): void {
    this.t = 0;
    tf.tidy(() => {
      for (const x of [...this.m, ...this.v]) x.assign(tf.zerosLike(x));
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
