/**
 * Architectures as plain data. Shapes, parameter counts and FLOP counts are
 * derived from these lists without tfjs, so model cards, benchmarks and tests
 * share one description with the code that builds the tensors (build.ts).
 */

export type Padding = 'same' | 'valid';

export type LayerSpec =
  | { kind: 'conv'; name: string; k: number; cin: number; cout: number; stride: number; pad: Padding; bias: boolean }
  | { kind: 'bn'; name: string; c: number }
  | { kind: 'relu' }
  | { kind: 'lrelu'; alpha: number }
  | { kind: 'maxpool'; size: number }
  | { kind: 'flatten' }
  | { kind: 'dense'; name: string; nin: number; nout: number }
  | { kind: 'dropout'; rate: number }
  | { kind: 'clip'; min: number; max: number };

export interface NetSpec {
  readonly name: string;
  /** Input shape of one example: [H, W, C]. */
  readonly input: readonly [number, number, number];
  readonly layers: readonly LayerSpec[];
}

/** Output spatial size of a conv or pool along one axis (TensorFlow's rules). */
export function outSize(n: number, k: number, stride: number, pad: Padding): number {
  return pad === 'same' ? Math.ceil(n / stride) : Math.floor((n - k) / stride) + 1;
}

/** [before, after] padding along one axis, TensorFlow's 'SAME' split (extra after). */
export function padAmounts(n: number, k: number, stride: number, pad: Padding): [number, number] {
  if (pad === 'valid') return [0, 0];
  const out = Math.ceil(n / stride);
  const total = Math.max((out - 1) * stride + k - n, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

export type Shape = readonly number[];

export interface LayerInfo {
  readonly layer: LayerSpec;
  readonly inShape: Shape;
  readonly outShape: Shape;
  readonly params: number;
  /** Forward multiply-adds counted as 2 FLOPs, per example. */
  readonly flops: number;
}

function prod(s: Shape): number {
  return s.reduce((a, b) => a * b, 1);
}

/** Walks the layer list, checking each layer's declared channels against the running shape. */
export function describeNet(spec: NetSpec): LayerInfo[] {
  let shape: Shape = spec.input;
  const out: LayerInfo[] = [];
  for (const layer of spec.layers) {
    const inShape = shape;
    let params = 0;
    let flops = 0;
    switch (layer.kind) {
      case 'conv': {
        const [h, w, c] = shape;
        if (shape.length !== 3 || c !== layer.cin) throw new Error(`${spec.name}/${layer.name}: input ${shape} has ${c} channels, layer expects ${layer.cin}`);
        const ho = outSize(h, layer.k, layer.stride, layer.pad);
        const wo = outSize(w, layer.k, layer.stride, layer.pad);
        shape = [ho, wo, layer.cout];
        params = layer.k * layer.k * layer.cin * layer.cout + (layer.bias ? layer.cout : 0);
        flops = 2 * ho * wo * layer.k * layer.k * layer.cin * layer.cout + (layer.bias ? ho * wo * layer.cout : 0);
        break;
      }
      case 'bn':
        if (shape[shape.length - 1] !== layer.c) throw new Error(`${spec.name}/${layer.name}: BN over ${layer.c} channels, input ${shape}`);
        params = 2 * layer.c;
        flops = 4 * prod(shape);
        break;
      case 'relu':
      case 'lrelu':
      case 'clip':
        flops = prod(shape);
        break;
      case 'dropout':
        break;
      case 'maxpool': {
        const [h, w, c] = shape;
        shape = [Math.floor(h / layer.size), Math.floor(w / layer.size), c];
        flops = prod(shape) * layer.size * layer.size;
        break;
      }
      case 'flatten':
        shape = [prod(shape)];
        break;
      case 'dense':
        if (shape.length !== 1 || shape[0] !== layer.nin) throw new Error(`${spec.name}/${layer.name}: input ${shape}, layer expects ${layer.nin}`);
        shape = [layer.nout];
        params = layer.nin * layer.nout + layer.nout;
        flops = 2 * layer.nin * layer.nout + layer.nout;
        break;
    }
    out.push({ layer, inShape, outShape: shape, params, flops });
  }
  return out;
}

export function paramCount(spec: NetSpec): number {
  return describeNet(spec).reduce((a, l) => a + l.params, 0);
}

export function outputShape(spec: NetSpec): Shape {
  const d = describeNet(spec);
  return d.length ? d[d.length - 1].outShape : spec.input;
}

/** Forward FLOPs for one example. */
export function forwardFlops(spec: NetSpec): number {
  return describeNet(spec).reduce((a, l) => a + l.flops, 0);
}

/** One line per layer, for model cards. */
export function summarize(spec: NetSpec): string[] {
  return describeNet(spec).map((l) => {
    const L = l.layer;
    const label =
      L.kind === 'conv'
        ? `conv${L.k}x${L.k}${L.stride > 1 ? ` stride ${L.stride}` : ''} ${L.pad} ${L.cin}->${L.cout}${L.bias ? '' : ' (no bias)'}`
        : L.kind === 'dense'
          ? `dense ${L.nin}->${L.nout}`
          : L.kind === 'bn'
            ? `batchnorm ${L.c}`
            : L.kind === 'lrelu'
              ? `leakyReLU ${L.alpha}`
              : L.kind === 'maxpool'
                ? `maxpool ${L.size}`
                : L.kind === 'dropout'
                  ? `dropout ${L.rate}`
                  : L.kind === 'clip'
                    ? `clip [${L.min}, ${L.max}]`
                    : L.kind;
    return `${label} -> [${l.outShape.join('x')}]${l.params ? `, ${l.params} params` : ''}`;
  });
}
