import * as tf from '@tensorflow/tfjs';
import { BN_EPSILON } from './build';
import type { CondNet } from './conditional';
import { conv2d } from './conv';

/**
 * A conditional net at one setting, for inference, with its batch norms and
 * FiLM modulations folded into the convolutions before them. At one setting
 * both are fixed per-channel affine maps of a conv's output, so
 *   FiLM(BN(conv(x, K))) = conv(x, K * a) + b
 * with a and b per output channel: the forward pass then runs the convs, one
 * bias add and the activations, and none of the 7 multiply/add passes over
 * every activation that BN and FiLM cost (a quarter of a slider move's
 * forward pass in the profile: 5 of 20 ms for 16 digits). Equal to
 * net.at(features) in inference up to float rounding (foldFilm.test.ts).
 * Only layers the restorers use are folded (conv, bn, relu, lrelu, clip);
 * anything else throws.
 */
export interface FoldedNet {
  apply(x: tf.Tensor4D): tf.Tensor4D;
  dispose(): void;
}

type Step = { kind: 'conv'; kernel: tf.Tensor4D; bias: tf.Tensor1D; stride: number; pad: 'same' | 'valid' } | { kind: 'act'; f: (x: tf.Tensor) => tf.Tensor };

/** The FiLM scale and shift of each modulated layer at one setting, by layer index. */
function filmAt(net: CondNet, features: Float32Array): Map<number, { s: tf.Tensor1D; t: tf.Tensor1D }> {
  const v = (k: string) => {
    const x = net.named.get(`film/${k}`);
    if (!x) throw new Error(`conditional ${net.spec.base.name}: no FiLM variable ${k}`);
    return x;
  };
  const out = new Map<number, { s: tf.Tensor1D; t: tf.Tensor1D }>();
  // Kept tensors leave the tidy in `out`, not as its result (a Map is no tensor container).
  tf.tidy(() => {
    const cond = tf.tensor2d(features, [1, net.spec.features]);
    const code = tf.relu(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(cond, v('trunk1/kernel') as tf.Tensor2D), v('trunk1/bias'))), v('trunk2/kernel') as tf.Tensor2D), v('trunk2/bias')));
    for (const f of net.spec.films) {
      const st = tf.reshape(tf.add(tf.matMul(code as tf.Tensor2D, v(`head${f.after}/kernel`) as tf.Tensor2D), v(`head${f.after}/bias`)), [2 * f.channels]);
      const s = tf.slice(st, 0, f.channels);
      const scale = net.spec.boundedScale ? tf.add(tf.tanh(s), 1) : tf.add(s, 1);
      out.set(f.after, { s: tf.keep(scale) as tf.Tensor1D, t: tf.keep(tf.slice(st, f.channels, f.channels)) as tf.Tensor1D });
    }
  });
  return out;
}

export function foldedAt(net: CondNet, features: Float32Array): FoldedNet {
  if (features.length !== net.spec.features) throw new Error(`conditional ${net.spec.base.name}: ${features.length} features, expected ${net.spec.features}`);
  const films = filmAt(net, features);
  const steps: Step[] = [];
  try {
    tf.tidy(() => {
      const w = (k: string) => net.base.named.get(k) as tf.Tensor;
      // The conv whose output the affine map (a, b) still applies to.
      let open: { kernel: tf.Tensor4D; a: tf.Tensor1D; b: tf.Tensor1D; stride: number; pad: 'same' | 'valid' } | null = null;
      const close = () => {
        if (!open) return;
        steps.push({ kind: 'conv', kernel: tf.keep(tf.mul(open.kernel, open.a)) as tf.Tensor4D, bias: tf.keep(open.b.clone()), stride: open.stride, pad: open.pad });
        open = null;
      };
      net.spec.base.layers.forEach((l, i) => {
        switch (l.kind) {
          case 'conv':
            close();
            open = {
              kernel: w(`${l.name}/kernel`) as tf.Tensor4D,
              a: tf.ones([l.cout]),
              b: l.bias ? (w(`${l.name}/bias`) as tf.Tensor1D) : tf.zeros([l.cout]),
              stride: l.stride,
              pad: l.pad,
            };
            break;
          case 'bn': {
            if (!open) throw new Error(`foldedAt: ${l.name} does not follow a conv`);
            const scale = tf.mul(tf.rsqrt(tf.add(w(`${l.name}/moving_variance`), BN_EPSILON)), w(`${l.name}/gamma`));
            open.a = tf.mul(open.a, scale);
            open.b = tf.add(tf.mul(open.b, scale), tf.sub(w(`${l.name}/beta`), tf.mul(w(`${l.name}/moving_mean`), scale)));
            break;
          }
          case 'relu':
            close();
            steps.push({ kind: 'act', f: (x) => tf.relu(x) });
            break;
          case 'lrelu': {
            close();
            const a = l.alpha;
            steps.push({ kind: 'act', f: (x) => tf.add(tf.mul(tf.relu(x), 1 - a), tf.mul(x, a)) });
            break;
          }
          case 'clip': {
            close();
            const { min, max } = l;
            steps.push({ kind: 'act', f: (x) => tf.clipByValue(x, min, max) });
            break;
          }
          default:
            throw new Error(`foldedAt: cannot fold a ${l.kind} layer`);
        }
        const film = films.get(i);
        if (film) {
          if (!open) throw new Error(`foldedAt: the FiLM after layer ${i} does not follow a conv or batch norm`);
          open.a = tf.mul(open.a, film.s);
          open.b = tf.add(tf.mul(open.b, film.s), film.t);
        }
      });
      close();
    });
  } catch (e) {
    for (const s of steps) if (s.kind === 'conv') tf.dispose([s.kernel, s.bias]);
    throw e;
  } finally {
    for (const f of films.values()) tf.dispose([f.s, f.t]);
  }
  return {
    apply: (x) =>
      tf.tidy(() => {
        let h: tf.Tensor = x;
        for (const s of steps) h = s.kind === 'conv' ? tf.add(conv2d(h as tf.Tensor4D, s.kernel, s.stride, s.pad), s.bias) : s.f(h);
        return h as tf.Tensor4D;
      }),
    dispose: () => {
      for (const s of steps) if (s.kind === 'conv') tf.dispose([s.kernel, s.bias]);
    },
  };
}
