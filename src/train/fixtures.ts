import { createRng } from '../data/rng';
import type { NetSpec } from '../models/spec';
import type { ImageSet } from './images';
import { makeTaskData, type TaskData } from './taskData';

/**
 * Small synthetic data for tests and self-tests: each class is a bright
 * square at its own position on a dark background, with pixel jitter, so a
 * linear classifier separates the classes and a restorer has structure to learn.
 */
export function squaresSet(count: number, size: number, classes: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const images = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  const side = Math.max(2, Math.floor(size / 3));
  for (let n = 0; n < count; n++) {
    const c = n % classes;
    labels[n] = c;
    const oy = Math.floor((c * 7) % (size - side));
    const ox = Math.floor((c * 3) % (size - side));
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const inside = y >= oy && y < oy + side && x >= ox && x < ox + side;
        const v = (inside ? 200 : 20) + Math.floor(rng.uniform() * 40);
        images[n * size * size + y * size + x] = v;
      }
    }
  }
  return { count, height: size, width: size, channels: 1, images, labels };
}

export function tinyTaskData(opts: { size?: number; train?: number; test?: number; sigma?: number; classes?: number } = {}): TaskData {
  const size = opts.size ?? 8;
  const classes = opts.classes ?? 4;
  const train = squaresSet(opts.train ?? 32, size, classes, 1);
  const test = squaresSet(opts.test ?? 24, size, classes, 2);
  return makeTaskData(train, test, { task: 'denoise', sigma: opts.sigma ?? 0.3, srPad: 1, srFactor: 2, evalCount: test.count });
}

/** softmax(xW + b) on size x size x 1 inputs. */
export function linearSpec(size: number, classes: number): NetSpec {
  return { name: 'linear', input: [size, size, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', name: 'fc', nin: size * size, nout: classes }] };
}
