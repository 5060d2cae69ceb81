import { DATASETS } from './catalog';

/**
 * A dataset that is not installed, told apart from a damaged one. A static
 * server answers a file that is not there with 404, or, as a single-page-app
 * fallback, with index.html and status 200: both mean "not installed", and
 * the message names the command that installs it and the files it writes.
 */

/** Why this answer is the server's "no such file" rather than the file, or null. */
export function missingAnswer(res: Response, body?: string): string | null {
  if (res.status === 404) return 'HTTP 404';
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  if (/html/i.test(type) || (body !== undefined && /^\s*</.test(body))) return 'the server answered with an HTML page, its fallback for a missing file';
  return null;
}

/** A JSON file answered with a body that is not JSON under a type that is not JSON either. */
export function notJsonAnswer(res: Response): string | null {
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  return type !== '' && !/json/i.test(type) ? `the server answered with ${type}, not JSON` : null;
}

const pad = (k: number) => String(k).padStart(3, '0');
const shardRange = (split: string, n: number) => (n <= 1 ? `${split}-000.bin` : `${split}-000.bin … ${split}-${pad(n - 1)}.bin`);

/** The files `npm run data` writes for a dataset, under public/data/<name>/. */
export function expectedFiles(dataset: string): string {
  const info = DATASETS.find((d) => d.name === dataset);
  if (!info) return `public/data/${dataset}/manifest.json and the shards it lists`;
  return `public/data/${dataset}/manifest.json, ${shardRange('train', info.shardCounts.train)}, ${shardRange('test', info.shardCounts.test)}`;
}

/** "CIFAR-10 is not installed: run `npm run data -- --cifar10 PATH` ... expected files: ..." */
export function notInstalledMessage(dataset: string, file: string, why: string): string {
  const info = DATASETS.find((d) => d.name === dataset);
  const how = info
    ? `run \`${info.installCommand}\`${info.installArgument ? ` (${info.installArgument})` : ''}, then build and serve the app again (\`npm start\`)`
    : 'build its shards with `npm run data`';
  return `${info?.title ?? dataset} is not installed: ${how}; expected files: ${expectedFiles(dataset)} (${file}: ${why}).`;
}
