// The command table of the cdp CLI.
//
// To add a command: write src/cli/commands/<name>.ts exporting a CliCommand
// (see command.ts: a FlagCommand declares its flags and gets them parsed, a
// RawCommand parses its own argv; use the helpers in args.ts and output.ts,
// throw CliError for bad input) and add it to COMMANDS below.

import type { CliCommand } from './command';
import { exactPdCommand, exactSurfaceCommand } from './commands/exact';
import { pdCurveCommand } from './commands/pdCurve';
import { toyPointCommand } from './commands/toyPoint';
import { toySurfaceCommand } from './commands/toySurface';
import { weightedCommand } from './commands/weighted';

export const COMMANDS: CliCommand[] = [
  toyPointCommand,
  toySurfaceCommand,
  pdCurveCommand,
  exactSurfaceCommand,
  exactPdCommand,
  weightedCommand,
];

/** Add a command at run time (e.g. from a plug-in module); names must be unique. */
export function registerCommand(cmd: CliCommand): void {
  if (COMMANDS.some((c) => c.name === cmd.name)) throw new Error(`cdp: command '${cmd.name}' already registered`);
  COMMANDS.push(cmd);
}

export function findCommand(name: string): CliCommand | undefined {
  return COMMANDS.find((c) => c.name === name);
}
