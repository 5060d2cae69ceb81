import { parseArgs, USAGE } from './data/args';
import { build } from './data/build';
import { BuildError } from './data/errors';

/** `npm run data`: builds dataset shards; see scripts/data/args.ts for options. */
async function main(): Promise<void> {
  try {
    const args = parseArgs(process.argv.slice(2));
    if (args.help) {
      console.log(USAGE);
      return;
    }
    await build(args, (line) => console.log(`build-data: ${line}`));
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`build-data: error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}

await main();
