import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CIFAR10_CLASSES } from '../../src/data/catalog';
import { CifarFormatError, readCifarBatch, readCifarMeta } from '../../src/data/cifar';
import { BuildError } from './errors';
import { readMaybeGzip, requireDir } from './files';
import type { RawDataset, RawSplit } from './raw';
import { readTar } from './tar';

/**
 * CIFAR-10 from the official binary version: a directory holding
 * data_batch_1..5.bin and test_batch.bin (or its cifar-10-batches-bin
 * subfolder), or the tarball cifar-10-binary.tar.gz itself.
 */

const TRAIN = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'];
const TEST = ['test_batch.bin'];
const META = 'batches.meta.txt';

function filesFromDir(dir: string): Map<string, () => Uint8Array> {
  const inner = join(dir, 'cifar-10-batches-bin');
  const base = existsSync(inner) ? inner : dir;
  const files = new Map<string, () => Uint8Array>();
  for (const name of [...TRAIN, ...TEST, META]) {
    const p = join(base, name);
    if (existsSync(p)) files.set(name, () => new Uint8Array(readFileSync(p)));
  }
  return files;
}

function filesFromTar(path: string): Map<string, () => Uint8Array> {
  const entries = readTar(readMaybeGzip(path), path);
  const files = new Map<string, () => Uint8Array>();
  for (const [name, data] of entries) files.set(basename(name), () => data);
  return files;
}

function concat(batches: { images: Uint8Array; labels: Uint8Array }[]): RawSplit {
  const n = batches.reduce((a, b) => a + b.labels.length, 0);
  const images = new Uint8Array(n * 3072);
  const labels = new Uint8Array(n);
  let at = 0;
  for (const b of batches) {
    images.set(b.images, at * 3072);
    labels.set(b.labels, at);
    at += b.labels.length;
  }
  return { images, labels };
}

export function readCifar10(path: string): RawDataset {
  requireDir(path, '--cifar10');
  const files = statSync(path).isDirectory() ? filesFromDir(path) : filesFromTar(path);
  const missing = [...TRAIN, ...TEST].filter((f) => !files.has(f));
  if (missing.length) throw new BuildError(`--cifar10 ${path}: missing ${missing.join(', ')} (expected the binary version, cifar-10-batches-bin)`);
  const read = (names: string[]) =>
    concat(
      names.map((name) => {
        try {
          return readCifarBatch(files.get(name)!(), name);
        } catch (e) {
          if (e instanceof CifarFormatError) throw new BuildError(`--cifar10 ${path}: ${e.message}`);
          throw e;
        }
      }),
    );
  let classNames: readonly string[] = CIFAR10_CLASSES;
  const meta = files.get(META);
  if (meta) {
    const names = readCifarMeta(new TextDecoder().decode(meta()));
    if (names.length !== 10) throw new BuildError(`--cifar10 ${path}: ${META} lists ${names.length} classes, expected 10`);
    classNames = names;
  }
  return {
    name: 'cifar10',
    title: 'CIFAR-10',
    source: `official CIFAR-10 binary version (${basename(path)})`,
    height: 32,
    width: 32,
    channels: 3,
    classNames,
    train: read(TRAIN),
    test: read(TEST),
  };
}
