// The shape of one cdp command. Commands live in src/cli/commands/, one file each,
// and are listed in src/cli/commands.ts.

import type { Format, OptionSpec, Values } from './args';

interface CommandBase {
  /** The word after `cdp`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Flag descriptions for `cdp <name> --help`. */
  help: string;
}

/** A command whose flags the CLI parses (strictly: unknown flags are errors). */
export interface FlagCommand extends CommandBase {
  /** Flags besides --format and --help, which every such command gets. */
  options: OptionSpec;
  /** Compute and encode the result; throw CliError for bad input (exit code 2). */
  run(values: Values, format: Format): string | Promise<string>;
}

/** A command that parses its own argv (after the command name); CliError means exit 2. */
export interface RawCommand extends CommandBase {
  runRaw(argv: string[]): Promise<string>;
}

export type CliCommand = FlagCommand | RawCommand;
