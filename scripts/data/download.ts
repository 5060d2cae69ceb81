import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError } from './errors';

/**
 * Downloads for `--online` only; the default build never touches the network.
 * Every file is checked against its published MD5 before use.
 */

export const MNIST_MIRRORS = [
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
];

export const MNIST_FILES: Record<string, string> = {
  'train-images-idx3-ubyte.gz': 'f68b3c2dcbeaa9fbdd348bbdeb94873b',
  'train-labels-idx1-ubyte.gz': 'd53e105ee54ea40749a09fcbcd1e9432',
  't10k-images-idx3-ubyte.gz': '9fb629c4189551a2d022fa330f9573f3',
  't10k-labels-idx1-ubyte.gz': 'ec29112dd5afa0611ce80d1b7f02629c',
};

export const CIFAR10_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
export const CIFAR10_MD5 = 'c32a1d4ab5d03f1284b67883e8d87530';

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

async function fetchChecked(urls: string[], expectedMd5: string, dest: string): Promise<void> {
  if (existsSync(dest) && md5(readFileSync(dest)) === expectedMd5) return;
  const errors: string[] = [];
  for (const url of urls) {
    try {
      process.stdout.write(`  downloading ${url}\n`);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const got = md5(bytes);
      if (got !== expectedMd5) throw new Error(`MD5 ${got}, expected ${expectedMd5}`);
      writeFileSync(dest + '.part', bytes);
      renameSync(dest + '.part', dest);
      return;
    } catch (e) {
      errors.push(`${url}: ${(e as Error).message}`);
    }
  }
  throw new BuildError(`download failed:\n  ${errors.join('\n  ')}`);
}

export async function downloadMnist(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, 'mnist');
  mkdirSync(dir, { recursive: true });
  for (const [file, sum] of Object.entries(MNIST_FILES)) {
    await fetchChecked(MNIST_MIRRORS.map((m) => m + file), sum, join(dir, file));
  }
  return dir;
}

export async function downloadCifar10(cacheDir: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const dest = join(cacheDir, 'cifar-10-binary.tar.gz');
  await fetchChecked([CIFAR10_URL], CIFAR10_MD5, dest);
  return dest;
}
