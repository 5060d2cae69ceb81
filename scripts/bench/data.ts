import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { addGaussianNoise } from '../../src/data/degrade/noise';
import { srDegrade, srOperator } from '../../src/data/degrade/superResolution';
import { assembleSplits } from '../../src/data/loader';
import type { Manifest } from '../../src/data/manifest';
import { decodeShard, encodeShard } from '../../src/data/shard';
import { sha256Hex } from '../../src/data/sha256';
import { createRng } from '../../src/data/rng';
import { registerBench } from './registry';

/**
 * Benchmark rows of the data layer: shard decoding (header check, views,
 * the one copy into per-split arrays), SHA-256 verification, and the cost of
 * the two degradations on a batch of 50. `npm run bench` times the rows
 * registered below (ms); `npx tsx scripts/bench/data.ts` prints the same
 * measurements as throughput (MB/s) and ms per batch.
 */

export interface DataBenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>, minMs = 400, minRuns = 5): Promise<number> {
  await fn(); // warm-up (JIT)
  const runs: number[] = [];
  const start = performance.now();
  while (runs.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

/** Full-MNIST-sized shards (12 x 5,000 images, 47 MB) of random bytes: decoding does not depend on content. */
function mnistLikeShards(): { manifest: Manifest; shards: Uint8Array[]; bytes: number } {
  const shape = { height: 28, width: 28, channels: 1 };
  const rng = createRng(1);
  const shards: Uint8Array[] = [];
  const entries: Manifest['shards'] = [];
  for (let k = 0; k < 12; k++) {
    const n = 5000;
    const images = new Uint8Array(n * 784);
    for (let i = 0; i < images.length; i += 4) {
      const r = (rng.uniform() * 4294967296) >>> 0;
      images[i] = r & 255;
      images[i + 1] = (r >>> 8) & 255;
      images[i + 2] = (r >>> 16) & 255;
      images[i + 3] = r >>> 24;
    }
    const labels = new Uint8Array(n).map((_, i) => i % 10);
    const bytes = encodeShard(images, labels, shape);
    shards.push(bytes);
    entries.push({ file: `s-${k}.bin`, split: k < 10 ? 'train' : 'test', count: n, bytes: bytes.length, sha256: '0'.repeat(64) });
  }
  const manifest: Manifest = {
    format: 'cdp-lab-shards',
    formatVersion: 1,
    name: 'bench',
    title: 'bench',
    version: '00000000',
    source: 'bench',
    imageShape: [28, 28, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    splits: { train: 50_000, test: 10_000 },
    shards: entries,
  };
  return { manifest, shards, bytes: shards.reduce((a, s) => a + s.length, 0) };
}

export async function dataBenchRows(): Promise<DataBenchRow[]> {
  const rows: DataBenchRow[] = [];
  const { manifest, shards, bytes } = mnistLikeShards();
  const mb = bytes / 1e6;
  const decodeMs = await time(() => assembleSplits(manifest, shards.map((s) => decodeShard(s, 10))));
  rows.push({ name: 'shard decode + assemble (60k MNIST-size images)', value: mb / (decodeMs / 1000), unit: 'MB/s', note: `${mb.toFixed(1)} MB in ${decodeMs.toFixed(1)} ms` });
  const shaMs = await time(() => Promise.all(shards.map((s) => sha256Hex(s))));
  rows.push({ name: 'shard SHA-256 verify (WebCrypto)', value: mb / (shaMs / 1000), unit: 'MB/s', note: `${mb.toFixed(1)} MB in ${shaMs.toFixed(1)} ms` });

  const batch = 50;
  const images = shards[0].subarray(32, 32 + batch * 784);
  const rng = createRng(2);
  const out = new Float32Array(batch * 784);
  rows.push({ name: 'denoise input, MNIST, batch 50 (sigma = 1)', value: await time(() => addGaussianNoise(images, 1, rng, out)), unit: 'ms', note: '784 normals per image' });
  const mnistSr = srOperator(28, 28, 1, 6);
  rows.push({ name: 'SR x6 input, MNIST, batch 50', value: await time(() => srDegrade(mnistSr, images, batch, 1)), unit: 'ms', note: 'pad 1, 30 -> 5 -> 30, crop, clip' });
  const rgb = new Uint8Array(batch * 3072).map((_, i) => (i * 2654435761) >>> 24);
  const outRgb = new Float32Array(batch * 3072);
  rows.push({ name: 'denoise input, CIFAR-10, batch 50 (sigma = 1)', value: await time(() => addGaussianNoise(rgb, 1, rng, outRgb)), unit: 'ms', note: '3,072 normals per image' });
  const cifarSr = srOperator(32, 32, 2, 3);
  rows.push({ name: 'SR x3 input, CIFAR-10, batch 50', value: await time(() => srDegrade(cifarSr, rgb, batch, 3)), unit: 'ms', note: 'pad 2, 36 -> 12 -> 36, crop, clip' });
  return rows;
}

/** Built on first use, so importing this module for other rows costs nothing. */
let mnistLike: ReturnType<typeof mnistLikeShards> | undefined;
const shardsOnce = () => (mnistLike ??= mnistLikeShards());
const BATCH = 50;
const mnistBatch = () => shardsOnce().shards[0].subarray(32, 32 + BATCH * 784);
const rgbBatch = new Uint8Array(BATCH * 3072).map((_, i) => (i * 2654435761) >>> 24);
const noiseRng = createRng(2);
const mnistSr = srOperator(28, 28, 1, 6);
const cifarSr = srOperator(32, 32, 2, 3);

registerBench(
  {
    name: 'data: shard decode + assemble, 47.1 MB (60k MNIST-size images)',
    fn: () => {
      const { manifest, shards } = shardsOnce();
      return assembleSplits(manifest, shards.map((s) => decodeShard(s, 10)));
    },
    iterations: 15,
  },
  {
    name: 'data: SHA-256 of 47.1 MB of shards (node:crypto; browsers use WebCrypto)',
    fn: () => shardsOnce().shards.map((s) => createHash('sha256').update(s).digest('hex')),
    iterations: 10,
  },
  { name: 'data: denoise input, MNIST, batch 50, sigma 1', fn: () => addGaussianNoise(mnistBatch(), 1, noiseRng), iterations: 100 },
  { name: 'data: SR x6 input, MNIST, batch 50 (30 -> 5 -> 30)', fn: () => srDegrade(mnistSr, mnistBatch(), BATCH, 1), iterations: 100 },
  { name: 'data: denoise input, CIFAR-10, batch 50, sigma 1', fn: () => addGaussianNoise(rgbBatch, 1, noiseRng), iterations: 50 },
  { name: 'data: SR x3 input, CIFAR-10, batch 50 (36 -> 12 -> 36)', fn: () => srDegrade(cifarSr, rgbBatch, BATCH, 3), iterations: 50 },
);

function printTable(rows: readonly DataBenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(2);
    console.log(`${r.name.padEnd(w)}  ${v.padStart(8)} ${r.unit.padEnd(5)}  ${r.note}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await dataBenchRows());
}
