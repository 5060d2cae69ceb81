import { noisyTestCopy } from '../data/degrade/noise';
import { srDegrade, srOperator, type SrOperator } from '../data/degrade/superResolution';
import { createRng, type Rng } from '../data/rng';
import { gather, gatherLabels, type ImageSet } from './images';

/**
 * The data of one restoration task: the clean training split, and the fixed
 * degraded test subset every evaluation uses (same images, same noise, every
 * run). Denoising draws fresh training noise on the device each batch; the SR
 * degradation is deterministic, so the training inputs are made once here.
 */

export type TaskKind = 'denoise' | 'sr';

export interface TaskSpec {
  readonly task: TaskKind;
  readonly sigma: number;
  readonly srPad: number;
  readonly srFactor: number;
  readonly evalCount: number;
}

export interface TestSubset {
  readonly count: number;
  readonly clean: Float32Array;
  readonly degraded: Float32Array;
  readonly labels: Int32Array;
}

export interface TaskData {
  readonly spec: TaskSpec;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly train: ImageSet;
  /** SR only: the degraded training inputs, aligned with train. */
  readonly trainDegraded?: Float32Array;
  readonly test: TestSubset;
}

export function makeTaskData(train: ImageSet, test: ImageSet, spec: TaskSpec): TaskData {
  const { height, width, channels } = train;
  const count = Math.min(spec.evalCount, test.count);
  const idx = Array.from({ length: count }, (_, i) => i);
  const clean = gather(test, idx);
  const labels = gatherLabels(test, idx);
  const per = height * width * channels;
  let degraded: Float32Array;
  let trainDegraded: Float32Array | undefined;
  if (spec.task === 'denoise') {
    degraded = noisyTestCopy(test.images instanceof Uint8Array ? test.images.subarray(0, count * per) : Uint8Array.from(clean, (v) => Math.round(v * 255)), spec.sigma);
  } else {
    const op: SrOperator = srOperator(height, width, spec.srPad, spec.srFactor);
    degraded = srDegrade(op, clean, count, channels);
    trainDegraded = srDegrade(op, train.images, train.count, channels);
  }
  return { spec, height, width, channels, train, trainDegraded, test: { count, clean, degraded, labels } };
}

export interface HostBatch {
  readonly count: number;
  readonly clean: Float32Array;
  /** Null for denoising: the noise is added on the device. */
  readonly degraded: Float32Array | null;
  readonly labels: Int32Array;
  /** Seed for the device-side noise of this batch. */
  readonly noiseSeed: number;
}

/** Uniform sampling with replacement across batches, without within a batch. */
export class BatchSampler {
  private rng: Rng;
  private order: Uint32Array;
  private at = 0;

  constructor(
    private readonly data: TaskData,
    private readonly seed: number,
  ) {
    this.rng = createRng(seed);
    this.order = this.shuffle();
  }

  private shuffle(): Uint32Array {
    const n = this.data.train.count;
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(this.rng.uniform() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }

  reset(): void {
    this.rng = createRng(this.seed);
    this.order = this.shuffle();
    this.at = 0;
  }

  next(batchSize: number): HostBatch {
    const n = this.data.train.count;
    const size = Math.min(batchSize, n);
    if (this.at + size > n) {
      this.order = this.shuffle();
      this.at = 0;
    }
    const idx = this.order.subarray(this.at, this.at + size);
    this.at += size;
    const clean = gather(this.data.train, idx);
    const labels = gatherLabels(this.data.train, idx);
    let degraded: Float32Array | null = null;
    if (this.data.trainDegraded) {
      const per = this.data.height * this.data.width * this.data.channels;
      degraded = new Float32Array(size * per);
      for (let i = 0; i < size; i++) degraded.set(this.data.trainDegraded.subarray(idx[i] * per, (idx[i] + 1) * per), i * per);
    }
    return { count: size, clean, degraded, labels, noiseSeed: Math.floor(this.rng.uniform() * 2 ** 31) };
  }
}
