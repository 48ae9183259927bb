// The esbplay command line: argv -> the command tree -> exit code; the only place that turns errors into exit codes.

import { CommanderError } from 'commander';
import { ExitCode, UserError } from '../errors.js';
import { sourceLine } from '../loader/yaml.js';
import { errorText } from '../report/error-text.js';
import { buildProgram } from './program.js';
import type { Io } from './cli-context.js';

export interface MainOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** ERROR! is red on a terminal, as ansible-playbook prints it; NO_COLOR / FORCE_COLOR decide first. */
function errorColor(err: Io['err'], env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if ((env.NO_COLOR ?? '') !== '') return false;
  return !!err.isTTY;
}

/** Runs the CLI; returns the exit code (never calls process.exit). */
export async function main(
  argv: readonly string[],
  io: Io = { out: process.stdout, err: process.stderr },
  opts: MainOptions = {},
): Promise<number> {
  const env = opts.env ?? process.env;
  let code: number = ExitCode.ok;
  const program = buildProgram({ io, env, cwd: opts.cwd ?? process.cwd() }, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    // commander already printed its message (usage errors, --help)
    if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.invalidInput;
    if (e instanceof UserError) {
      io.err.write(`${errorText(e.format(sourceLine), errorColor(io.err, env))}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.err.write(`esbplay: unexpected error (this is a bug, please report it): ${err.message}\n${err.stack ?? ''}\n`);
    return ExitCode.bug;
  }
}
