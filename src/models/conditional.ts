import * as tf from '@tensorflow/tfjs';
import { buildNet, subSeed, type ApplyOptions, type Net } from './build';
import { CONDITION_FEATURES } from './conditioning';
import { describeNet, type NetSpec } from './spec';

/**
 * Loss-conditional nets (Dosovitskiy & Djolonga, "You Only Train Once",
 * ICLR 2020): a base net whose activations are modulated FiLM-style, per
 * example and per channel, by the loss weights it was asked for:
 *   h <- h * (1 + s(w)) + t(w)
 * at the output of every layer that feeds an activation (after each conv
 * block's conv or batch norm, before its ReLU). A small MLP trunk maps the
 * weight features (conditioning.ts) to a hidden code, and one linear head per
 * modulated layer maps the code to that layer's s and t. The heads start at
 * zero, so an untrained conditional net is its base net exactly: training
 * starts from the base's weights (the shipped MSE warm start).
 *
 * A critic's scale is bounded, 1 + tanh(s) in (0, 2): weight clipping
 * bounds the base critic's Lipschitz constant, and an unbounded FiLM scale
 * would undo that.
 */

export interface CondNetSpec {
  readonly base: NetSpec;
  readonly features: number;
  readonly hidden: number;
  /** Indices (into base.layers) of the layers whose outputs are modulated, with their channel counts. */
  readonly films: readonly { readonly after: number; readonly channels: number }[];
  readonly boundedScale: boolean;
}

export const FILM_HIDDEN = 32;

/** The layers right before an activation, and their channel counts. */
export function filmPoints(base: NetSpec): { after: number; channels: number }[] {
  const info = describeNet(base);
  const out: { after: number; channels: number }[] = [];
  base.layers.forEach((l, i) => {
    if (i === 0) return;
    if (l.kind !== 'relu' && l.kind !== 'lrelu') return;
    const shape = info[i - 1].outShape;
    // Dense hidden layers (classifier-style heads) are left alone: only conv feature maps.
    if (shape.length === 3) out.push({ after: i - 1, channels: shape[2] });
  });
  return out;
}

export function condSpec(base: NetSpec, opts: { boundedScale: boolean; hidden?: number }): CondNetSpec {
  return { base, features: CONDITION_FEATURES, hidden: opts.hidden ?? FILM_HIDDEN, films: filmPoints(base), boundedScale: opts.boundedScale };
}

/** FiLM parameters beyond the base net's. */
export function filmParamCount(spec: CondNetSpec): number {
  const h = spec.hidden;
  const trunk = spec.features * h + h + h * h + h;
  return trunk + spec.films.reduce((a, f) => a + h * 2 * f.channels + 2 * f.channels, 0);
}

export interface CondNet {
  readonly spec: CondNetSpec;
  readonly base: Net;
  /** The trunk's and heads' variables. */
  readonly film: tf.Variable[];
  /** Base then FiLM trainable variables. */
  readonly weights: tf.Variable[];
  readonly stats: tf.Variable[];
  /** Base names as in the base net; FiLM names under film/. */
  readonly named: ReadonlyMap<string, tf.Variable>;
  /** cond: [n, features], one row per example of x. */
  apply(x: tf.Tensor, cond: tf.Tensor2D, opts: ApplyOptions): tf.Tensor;
  /** The net at one setting, for code that takes a plain Net (evaluation, sample grids). */
  at(features: Float32Array): Net;
  dispose(): void;
}

function glorot(shape: [number, number], seed: number): tf.Tensor {
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

export function buildCondNet(spec: CondNetSpec, seed: number, trainable = true): CondNet {
  const base = buildNet(spec.base, seed, trainable);
  const named = new Map<string, tf.Variable>(base.named);
  const film: tf.Variable[] = [];
  const add = (key: string, init: tf.Tensor): tf.Variable => {
    const v = tf.variable(init, trainable);
    init.dispose();
    named.set(`film/${key}`, v);
    film.push(v);
    return v;
  };
  const h = spec.hidden;
  // A separate seed stream: the base net's initial weights stay those of buildNet(spec.base, seed).
  const w1 = add('trunk1/kernel', glorot([spec.features, h], subSeed(seed, 9001)));
  const b1 = add('trunk1/bias', tf.zeros([h]));
  const w2 = add('trunk2/kernel', glorot([h, h], subSeed(seed, 9002)));
  const b2 = add('trunk2/bias', tf.zeros([h]));
  const heads = spec.films.map((f) => ({
    after: f.after,
    channels: f.channels,
    w: add(`head${f.after}/kernel`, tf.zeros([h, 2 * f.channels])),
    b: add(`head${f.after}/bias`, tf.zeros([2 * f.channels])),
  }));
  const byLayer = new Map(heads.map((hd) => [hd.after, hd]));

  const apply = (x: tf.Tensor, cond: tf.Tensor2D, opts: ApplyOptions): tf.Tensor => {
    if (cond.shape[0] !== x.shape[0] || cond.shape[1] !== spec.features) {
      throw new Error(`conditional ${spec.base.name}: condition of shape ${cond.shape} for ${x.shape[0]} examples and ${spec.features} features`);
    }
    const code = tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(cond, w1 as tf.Tensor2D), b1)), w2 as tf.Tensor2D), b2)) as tf.Tensor2D;
    const modulate = (i: number, act: tf.Tensor): tf.Tensor => {
      const hd = byLayer.get(i);
      if (!hd) return act;
      const st = tf.add(tf.matMul(code, hd.w as tf.Tensor2D), hd.b);
      const n = act.shape[0];
      const s = tf.reshape(tf.slice(st, [0, 0], [n, hd.channels]), [n, 1, 1, hd.channels]);
      const t = tf.reshape(tf.slice(st, [0, hd.channels], [n, hd.channels]), [n, 1, 1, hd.channels]);
      const scale = spec.boundedScale ? tf.add(tf.tanh(s), 1) : tf.add(s, 1);
      return tf.add(tf.mul(act, scale), t);
    };
    return base.apply(x, { ...opts, modulate });
  };

  const self: CondNet = {
    spec,
    base,
    film,
    weights: [...base.weights, ...film],
    stats: base.stats,
    named,
    apply,
    at(features: Float32Array): Net {
      if (features.length !== spec.features) throw new Error(`conditional ${spec.base.name}: ${features.length} features, expected ${spec.features}`);
      return {
        spec: spec.base,
        weights: self.weights,
        stats: self.stats,
        named,
        apply: (x, opts) =>
          tf.tidy(() => {
            const n = x.shape[0];
            const cond = tf.tile(tf.tensor2d(features, [1, spec.features]), [n, 1]) as tf.Tensor2D;
            return apply(x, cond, opts);
          }),
        dispose: () => {
          throw new Error('a conditional net at one setting is a view: dispose the conditional net');
        },
      };
    },
    dispose() {
      base.dispose();
      tf.dispose(film);
    },
  };
  return self;
}
