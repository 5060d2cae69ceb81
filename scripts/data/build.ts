import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FASHION_CLASSES } from '../../src/data/catalog';
import type { Manifest } from '../../src/data/manifest';
import type { BuildArgs } from './args';
import { readCifar10 } from './cifarSource';
import { downloadCifar10, downloadMnist } from './download';
import { readIdxDataset } from './idxSource';
import { readNpmMnist } from './npmMnist';
import type { RawDataset } from './raw';
import { isComplete, writeDataset } from './writeShards';

export const DEBIAN_FASHION_DIR = '/usr/share/datasets/fashion-mnist';
const DOWNLOAD_CACHE = join('node_modules', '.cache', 'cdp-lab-data');

export interface BuildReport {
  built: Manifest[];
  skipped: string[];
  notes: string[];
}

/** Decides what to build from the arguments and builds it. */
export async function build(args: BuildArgs, log: (line: string) => void = () => {}): Promise<BuildReport> {
  const report: BuildReport = { built: [], skipped: [], notes: [] };
  const jobs: { name: string; explicit: boolean; read: () => Promise<RawDataset> }[] = [];
  const othersAsked = Boolean(args.fashionDir || args.cifar10);

  const mnistExplicit = Boolean(args.mnistDir || args.online);
  if (mnistExplicit || !othersAsked || !isComplete(args.out, 'mnist')) {
    jobs.push({
      name: 'mnist',
      explicit: mnistExplicit,
      read: async () => {
        if (args.mnistDir) return readIdxDataset(args.mnistDir, '--mnist-dir', mnistMeta(`official MNIST idx files (${args.mnistDir})`));
        if (args.online) return readIdxDataset(await downloadMnist(DOWNLOAD_CACHE), '--online', mnistMeta('official MNIST idx files (downloaded)'));
        return readNpmMnist();
      },
    });
  }
  if (args.fashionDir) {
    const dir = args.fashionDir;
    jobs.push({
      name: 'fashion-mnist',
      explicit: true,
      read: async () =>
        readIdxDataset(dir, '--fashion-dir', {
          name: 'fashion-mnist',
          title: 'Fashion-MNIST',
          classNames: FASHION_CLASSES,
          source: `official Fashion-MNIST idx files (${dir})`,
        }),
    });
  } else if (existsSync(DEBIAN_FASHION_DIR) && !isComplete(args.out, 'fashion-mnist')) {
    report.notes.push(`Fashion-MNIST idx files found in ${DEBIAN_FASHION_DIR}: add them with \`npm run data -- --fashion-dir ${DEBIAN_FASHION_DIR}\``);
  }
  if (args.cifar10 || args.online) {
    const path = args.cifar10;
    jobs.push({ name: 'cifar10', explicit: true, read: async () => readCifar10(path ?? (await downloadCifar10(DOWNLOAD_CACHE))) });
  }

  for (const job of jobs) {
    // --if-missing never rebuilds a complete dataset, even one named explicitly.
    if (args.ifMissing && isComplete(args.out, job.name)) {
      report.skipped.push(job.name);
      log(`${job.name}: shards present in ${join(args.out, job.name)}, skipped`);
      continue;
    }
    const t0 = performance.now();
    const raw = await job.read();
    const m = writeDataset(args.out, raw, args.shardBytes);
    const mb = m.shards.reduce((a, s) => a + s.bytes, 0) / 1e6;
    log(
      `${m.name}: ${m.splits.train} train + ${m.splits.test} test images, ${m.shards.length} shards, ${mb.toFixed(1)} MB in ${join(args.out, m.name)} (${((performance.now() - t0) / 1000).toFixed(1)} s; ${m.source})`,
    );
    report.built.push(m);
  }
  for (const n of report.notes) log(n);
  return report;
}

function mnistMeta(source: string) {
  return { name: 'mnist', title: 'MNIST', classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], source };
}
