import type { LayerSpec, NetSpec } from './spec';
import { describeNet } from './spec';

/**
 * The paper's networks (REFERENCE.md section 2) and the lighter "fast"
 * presets. Convs followed by batch norm carry no bias: BN's offset replaces it.
 */

export type ClassifierName = 'logistic' | 'cnn1' | 'cnn2' | 'cnn2p';
/** 'tiny' is for tests and the backend self-test, not for results. */
export type Preset = 'paper' | 'fast' | 'tiny';
export type RestorerKind = 'denoiser' | 'sr';
export type CriticMode = 'clip' | 'gp';

const conv = (name: string, k: number, cin: number, cout: number, opts: { stride?: number; pad?: 'same' | 'valid'; bias?: boolean } = {}): LayerSpec => ({
  kind: 'conv',
  name,
  k,
  cin,
  cout,
  stride: opts.stride ?? 1,
  pad: opts.pad ?? 'same',
  bias: opts.bias ?? true,
});
const bn = (name: string, c: number): LayerSpec => ({ kind: 'bn', name, c });
const dense = (name: string, nin: number, nout: number): LayerSpec => ({ kind: 'dense', name, nin, nout });
const relu: LayerSpec = { kind: 'relu' };
const pool: LayerSpec = { kind: 'maxpool', size: 2 };
const flatten: LayerSpec = { kind: 'flatten' };

export const CLASSIFIER_INFO: Record<ClassifierName, { title: string; input: [number, number, number]; paperAccuracy: number }> = {
  logistic: { title: 'Logistic regression', input: [28, 28, 1], paperAccuracy: NaN },
  cnn1: { title: 'CNN-1', input: [28, 28, 1], paperAccuracy: 0.9919 },
  cnn2: { title: 'CNN-2', input: [28, 28, 1], paperAccuracy: 0.9938 },
  cnn2p: { title: "CNN-2'", input: [32, 32, 3], paperAccuracy: 0.8518 },
};

function vggBlocks(cin: number): LayerSpec[] {
  const out: LayerSpec[] = [];
  let c = cin;
  for (let b = 1; b <= 3; b++) {
    out.push(conv(`b${b}c1`, 3, c, 64), relu, conv(`b${b}c2`, 3, 64, 64), relu, pool);
    c = 64;
  }
  return out;
}

export function classifierSpec(name: ClassifierName, numClasses = 10): NetSpec {
  switch (name) {
    case 'logistic':
      return { name, input: [28, 28, 1], layers: [flatten, dense('fc', 784, numClasses)] };
    case 'cnn1':
      // The ReLU after fc1 follows the PyTorch MNIST example this net comes from.
      return {
        name,
        input: [28, 28, 1],
        layers: [
          conv('c1', 5, 1, 10, { pad: 'valid' }),
          pool,
          relu,
          conv('c2', 5, 10, 20, { pad: 'valid' }),
          pool,
          relu,
          flatten,
          dense('fc1', 320, 50),
          relu,
          { kind: 'dropout', rate: 0.5 },
          dense('fc2', 50, numClasses),
        ],
      };
    case 'cnn2':
    case 'cnn2p': {
      const input: [number, number, number] = name === 'cnn2' ? [28, 28, 1] : [32, 32, 3];
      const flat = name === 'cnn2' ? 576 : 1024;
      return {
        name,
        input,
        layers: [...vggBlocks(input[2]), flatten, dense('fc1', flat, 256), relu, { kind: 'dropout', rate: 0.5 }, dense('fc2', 256, numClasses)],
      };
    }
  }
}

export function restorerSpec(kind: RestorerKind, preset: Preset, input: [number, number, number]): NetSpec {
  const c = input[2];
  const clip: LayerSpec = { kind: 'clip', min: 0, max: 1 };
  if (kind === 'denoiser') {
    const k = preset === 'paper' ? 5 : 3;
    const [a, b] = preset === 'paper' ? [32, 64] : preset === 'fast' ? [16, 32] : [4, 8];
    return {
      name: `denoiser-${preset}`,
      input,
      layers: [
        conv('c1', k, c, a),
        relu,
        conv('c2', k, a, b, { bias: false }),
        bn('bn2', b),
        relu,
        conv('c3', k, b, b, { bias: false }),
        bn('bn3', b),
        relu,
        conv('c4', k, b, a, { bias: false }),
        bn('bn4', a),
        relu,
        conv('c5', k, a, c),
        clip,
      ],
    };
  }
  const [k1, k2] = preset === 'paper' ? [9, 5] : [3, 3];
  const [a, b] = preset === 'paper' ? [64, 32] : preset === 'fast' ? [32, 16] : [8, 4];
  return {
    name: `sr-${preset}`,
    input,
    layers: [conv('c1', k1, c, a), relu, conv('c2', k2, a, b), relu, conv('c3', k2, b, c), clip],
  };
}

/**
 * WGAN critic. With the gradient penalty, batch norm is left out: it couples
 * the examples of a batch, while the penalty is defined per example
 * (Gulrajani et al. 2017, section 4).
 */
export function criticSpec(preset: Preset, mode: CriticMode, input: [number, number, number]): NetSpec {
  const [a, b, d] = preset === 'paper' ? [32, 64, 128] : preset === 'fast' ? [16, 32, 64] : [4, 8, 16];
  const lrelu: LayerSpec = { kind: 'lrelu', alpha: 0.2 };
  const useBn = mode === 'clip';
  const layers: LayerSpec[] = [conv('c1', 5, input[2], a, { stride: 2 }), lrelu];
  layers.push(conv('c2', 5, a, b, { stride: 2, bias: !useBn }));
  if (useBn) layers.push(bn('bn2', b));
  layers.push(lrelu, conv('c3', 5, b, d, { stride: 2, bias: !useBn }));
  if (useBn) layers.push(bn('bn3', d));
  layers.push(lrelu, flatten);
  const spec: NetSpec = { name: `critic-${preset}-${mode}`, input, layers };
  const info = describeNet(spec);
  const flat = info[info.length - 1].outShape[0];
  return { ...spec, layers: [...layers, dense('fc', flat, 1)] };
}
