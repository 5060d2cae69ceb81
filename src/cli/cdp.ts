// cdp: command-line access to the CDP Lab numerics.
// Usage: npm run --silent cdp -- <command> [--flags]   (JSON by default, --format csv)

import { pathToFileURL } from 'node:url';
import { CliError, COMMON_OPTIONS, formatFrom, parseFlags } from './args';
import type { CliCommand } from './command';
import { COMMANDS, findCommand } from './commands';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: cdp <command> [--flags]    (output: JSON, or CSV with --format csv)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'cdp <command> --help' for a command's flags.",
  ].join('\n');
}

function commandUsage(cmd: CliCommand): string {
  const common = 'runRaw' in cmd ? [] : ['  --format F      json (default) or csv', '  --help          this text'];
  return [`Usage: cdp ${cmd.name} [--flags]`, '', cmd.summary, '', 'Flags:', cmd.help, ...common].join('\n');
}

/** Run the CLI on argv (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) throw new CliError("missing command (try 'cdp --help')");
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return 0;
    }
    const cmd = findCommand(name);
    if (!cmd) throw new CliError(`unknown command '${name}' (try 'cdp --help')`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandUsage(cmd));
      return 0;
    }
    if ('runRaw' in cmd) {
      io.out(await cmd.runRaw(rest));
      return 0;
    }
    const values = parseFlags(rest, { ...COMMON_OPTIONS, ...cmd.options });
    io.out(await cmd.run(values, formatFrom(values)));
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`cdp: error: ${e.message}`);
      return 2;
    }
    io.err(`cdp: internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
