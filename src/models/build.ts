import * as tf from '@tensorflow/tfjs';
import { batchNormTrain } from './batchNorm';
import { conv2d } from './conv';
import { describeNet, type LayerSpec, type NetSpec } from './spec';

/**
 * Turns a NetSpec into variables and a forward function. Everything is plain
 * ops (no tfjs-layers) so the conv gradient can be swapped per backend and
 * the same code runs on cpu, wasm, webgl and webgpu.
 */

export interface ApplyOptions {
  /** Batch statistics in BN and active dropout. */
  readonly training: boolean;
  /** Move BN running statistics toward this batch (only when training). */
  readonly updateStats?: boolean;
  /** Seed for dropout masks; omitted gives fresh randomness. */
  readonly seed?: number;
  /**
   * Called with each layer's output before the next layer sees it: how a
   * conditional net (conditional.ts) modulates the base net's activations.
   */
  readonly modulate?: (layerIndex: number, h: tf.Tensor) => tf.Tensor;
}

export interface Net {
  readonly spec: NetSpec;
  /** Trainable variables, in layer order. */
  readonly weights: tf.Variable[];
  /** BN running means and variances (not trained by gradients). */
  readonly stats: tf.Variable[];
  /** Stable names (layer/param) for saving and loading. */
  readonly named: ReadonlyMap<string, tf.Variable>;
  apply(x: tf.Tensor, opts: ApplyOptions): tf.Tensor;
  dispose(): void;
}

export const BN_MOMENTUM = 0.9;
// tflib (the authors' code) normalizes with epsilon 1e-5.
export const BN_EPSILON = 1e-5;

/** Mixes a run seed and a parameter index into a 31-bit seed for tf.random*. */
export function subSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 1), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/**
 * Uniform weights with variance gain / (fanIn + fanOut): gain 2 is Glorot
 * (dense layers), gain 4 with fanOut divided by stride^2 is the "he" init of
 * the tflib convs the paper's code used. Biases start at zero.
 */
function uniformInit(shape: number[], fanIn: number, fanOut: number, gain: number, seed: number): tf.Tensor {
  const limit = Math.sqrt((3 * gain) / (fanIn + fanOut));
  return tf.randomUniform(shape, -limit, limit, 'float32', seed);
}

export function buildNet(spec: NetSpec, seed: number, trainable = true): Net {
  describeNet(spec); // validates shapes before any tensor exists
  const named = new Map<string, tf.Variable>();
  const weights: tf.Variable[] = [];
  const stats: tf.Variable[] = [];
  let index = 0;
  const add = (key: string, init: tf.Tensor, isWeight: boolean): tf.Variable => {
    const v = tf.variable(init, isWeight && trainable);
    init.dispose();
    named.set(key, v);
    (isWeight ? weights : stats).push(v);
    return v;
  };
  type Op = (x: tf.Tensor, o: ApplyOptions, layerIndex: number) => tf.Tensor;
  const ops: Op[] = spec.layers.map((layer: LayerSpec): Op => {
    switch (layer.kind) {
      case 'conv': {
        const fanIn = layer.k * layer.k * layer.cin;
        const fanOut = (layer.k * layer.k * layer.cout) / (layer.stride * layer.stride);
        const w = add(`${layer.name}/kernel`, uniformInit([layer.k, layer.k, layer.cin, layer.cout], fanIn, fanOut, 4, subSeed(seed, index++)), true);
        const b = layer.bias ? add(`${layer.name}/bias`, tf.zeros([layer.cout]), true) : null;
        return (x) => {
          const y = conv2d(x as tf.Tensor4D, w as tf.Tensor4D, layer.stride, layer.pad);
          return b ? tf.add(y, b) : y;
        };
      }
      case 'dense': {
        const w = add(`${layer.name}/kernel`, uniformInit([layer.nin, layer.nout], layer.nin, layer.nout, 2, subSeed(seed, index++)), true);
        const b = add(`${layer.name}/bias`, tf.zeros([layer.nout]), true);
        return (x) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
      }
      case 'bn': {
        const gamma = add(`${layer.name}/gamma`, tf.ones([layer.c]), true);
        const beta = add(`${layer.name}/beta`, tf.zeros([layer.c]), true);
        const mean = add(`${layer.name}/moving_mean`, tf.zeros([layer.c]), false);
        const variance = add(`${layer.name}/moving_variance`, tf.ones([layer.c]), false);
        return (x, o) => {
          if (!o.training) {
            const scale = tf.mul(tf.rsqrt(tf.add(variance, BN_EPSILON)), gamma);
            return tf.add(tf.mul(x, scale), tf.sub(beta, tf.mul(mean, scale)));
          }
          // Not part of the loss, so no gradient flows through the running statistics.
          const track = o.updateStats
            ? (m: tf.Tensor, v: tf.Tensor) => {
                mean.assign(tf.add(tf.mul(mean, BN_MOMENTUM), tf.mul(m, 1 - BN_MOMENTUM)));
                variance.assign(tf.add(tf.mul(variance, BN_MOMENTUM), tf.mul(v, 1 - BN_MOMENTUM)));
              }
            : undefined;
          return batchNormTrain(x, gamma, beta, BN_EPSILON, track);
        };
      }
      case 'relu':
        return (x) => tf.relu(x);
      case 'lrelu':
        // (1 - a) relu(x) + a x: tf.leakyRelu's gradient goes through Greater,
        // which has no gradient, so WGAN-GP's second derivative would fail.
        return (x) => tf.add(tf.mul(tf.relu(x), 1 - layer.alpha), tf.mul(x, layer.alpha));
      case 'maxpool':
        return (x) => tf.maxPool(x as tf.Tensor4D, layer.size, layer.size, 'valid');
      case 'flatten':
        return (x) => tf.reshape(x, [x.shape[0], -1]);
      case 'dropout':
        return (x, o, i) => (o.training && layer.rate > 0 ? tf.dropout(x, layer.rate, undefined, o.seed === undefined ? undefined : subSeed(o.seed, i)) : x);
      case 'clip':
        return (x) => tf.clipByValue(x, layer.min, layer.max);
    }
  });
  return {
    spec,
    weights,
    stats,
    named,
    apply(x, opts) {
      let h = x;
      const mod = opts.modulate;
      ops.forEach((op, i) => {
        h = op(h, opts, i);
        if (mod) h = mod(i, h);
      });
      return h;
    },
    dispose() {
      for (const v of named.values()) v.dispose();
    },
  };
}

/** Copies every variable's value from one net into another of the same spec. */
export function copyWeights(from: Net, to: Net): void {
  for (const [key, v] of from.named) {
    const target = to.named.get(key);
    if (!target) throw new Error(`copyWeights: ${to.spec.name} has no ${key}`);
    target.assign(v);
  }
}
