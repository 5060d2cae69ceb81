import { CLASS_COUNT_DEFAULT } from './constants';
import { readIdxImages, readIdxLabels, IdxFormatError } from '../../src/data/idx';
import { BuildError } from './errors';
import { findIdxFile, readMaybeGzip, requireDir } from './files';
import type { RawDataset, RawSplit } from './raw';

/** MNIST and Fashion-MNIST share the idx layout and file names. */
const FILES = {
  train: ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte'],
  test: ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'],
} as const;

function readSplit(dir: string, images: string, labels: string): RawSplit {
  const imgPath = findIdxFile(dir, images);
  const lblPath = findIdxFile(dir, labels);
  const missing = [imgPath ? undefined : images, lblPath ? undefined : labels].filter(Boolean);
  if (missing.length) throw new BuildError(`${dir}: missing ${missing.join(' and ')} (plain or .gz)`);
  try {
    const img = readIdxImages(readMaybeGzip(imgPath!), imgPath!);
    const lbl = readIdxLabels(readMaybeGzip(lblPath!), lblPath!, CLASS_COUNT_DEFAULT);
    if (img.height !== 28 || img.width !== 28) throw new BuildError(`${imgPath}: images are ${img.height}x${img.width}, expected 28x28`);
    if (img.count !== lbl.length) throw new BuildError(`${imgPath} has ${img.count} images but ${lblPath} has ${lbl.length} labels`);
    return { images: img.pixels, labels: lbl };
  } catch (e) {
    if (e instanceof IdxFormatError) throw new BuildError(e.message);
    throw e;
  }
}

export function readIdxDataset(
  dir: string,
  flag: string,
  meta: { name: string; title: string; classNames: readonly string[]; source: string },
): RawDataset {
  requireDir(dir, flag);
  return {
    ...meta,
    height: 28,
    width: 28,
    channels: 1,
    train: readSplit(dir, ...FILES.train),
    test: readSplit(dir, ...FILES.test),
  };
}
