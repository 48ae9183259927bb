// Shared by command and shell: creates/removes checks, chdir/env/stdin, one exec change.

import { posix } from 'node:path';
import type { ArgSpec, Change, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { requireConn } from './file-common.js';

export const COMMAND_COMMON_ARGS = {
  chdir: { type: 'path', description: 'Change into this directory on the host before running the command.' },
  creates: {
    type: 'path',
    description: 'If this path (or glob) exists on the host, the command does not run (ok, not changed). Relative to `chdir` when relative. Also settles check mode.',
  },
  removes: { type: 'path', description: 'If this path (or glob) does NOT exist on the host, the command does not run.' },
  env: { type: 'dict', description: 'Extra environment variables for this command (the task keyword `environment` sets them for every module).' },
  stdin: { type: 'str', description: 'Text written to the command\'s standard input.' },
  stdin_add_newline: { type: 'bool', default: true, description: 'Append a newline to `stdin`.' },
  strip_empty_ends: { type: 'bool', default: true, description: 'Strip trailing empty lines from stdout/stderr in the result.' },
} as const satisfies Record<string, ArgSpec>;

export interface CommandCommonArgs {
  chdir?: string;
  creates?: string;
  removes?: string;
  env?: Record<string, unknown>;
  stdin?: string;
  stdin_add_newline: boolean;
  strip_empty_ends: boolean;
}

export interface CommandState {
  /** does `creates` exist (undefined when not given) */
  readonly createsExists?: boolean;
  readonly removesExists?: boolean;
}

// `$1` unquoted with IFS empty: pathname expansion without field splitting, so the pattern is a glob.
const GLOB_EXISTS_SCRIPT = 'IFS=; for f in $1; do if [ -e "$f" ] || [ -L "$f" ]; then exit 0; fi; done; exit 1';

function resolveIn(chdir: string | undefined, p: string): string {
  return chdir && !posix.isAbsolute(p) ? posix.join(chdir, p) : p;
}

async function pathExists(ctx: ReadContext, module: string, path: string): Promise<boolean> {
  const conn = requireConn(ctx, module);
  if (!/[*?[]/.test(path)) return (await conn.stat(path, { become: ctx.become })).exists;
  const r = await conn.exec(['sh', '-c', GLOB_EXISTS_SCRIPT, 'sh', path], { become: ctx.become });
  return r.exitCode === 0;
}

/** Read-only: settles creates/removes with stat (or a glob test) on the host. */
export async function gatherCommandState(ctx: ReadContext, module: string, args: CommandCommonArgs): Promise<CommandState> {
  return {
    createsExists: args.creates !== undefined ? await pathExists(ctx, module, resolveIn(args.chdir, args.creates)) : undefined,
    removesExists: args.removes !== undefined ? await pathExists(ctx, module, resolveIn(args.chdir, args.removes)) : undefined,
  };
}

function skipped(display: unknown, stdout: string, msg: string): Plan {
  return { changes: [], noopReason: stdout, result: { cmd: display, rc: 0, stdout, stderr: '', msg } };
}

/** One exec change for argv, unless creates/removes says the command need not run. */
export function planCommand(args: CommandCommonArgs, state: CommandState, argv: string[], display: unknown, summary: string): Plan {
  if (argv.length === 0 || argv[0] === '') return failPlan('no command given');
  if (state.createsExists) return skipped(display, `skipped since ${args.creates} exists`, `Did not run command since '${args.creates}' exists`);
  if (state.removesExists === false) return skipped(display, `skipped since ${args.removes} does not exist`, `Did not run command since '${args.removes}' does not exist`);
  const env = args.env ? Object.fromEntries(Object.entries(args.env).map(([k, v]) => [k, String(v)])) : undefined;
  const stdin = args.stdin !== undefined ? args.stdin + (args.stdin_add_newline ? '\n' : '') : undefined;
  const opts = { ...(args.chdir !== undefined && { cwd: args.chdir }), ...(env && { env }), ...(stdin !== undefined && { stdin }) };
  const change: Change = { kind: 'exec', argv, opts, summary, stripEmptyEnds: args.strip_empty_ends };
  return { changes: [change], result: { cmd: display } };
}
