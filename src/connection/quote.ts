// The ONLY place that builds shell command strings: POSIX quoting of argv, env, cwd and sudo.

import type { Become } from './types.js';

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell so that it arrives byte for byte. */
export function quoteArg(arg: string): string {
  if (arg === '') return "''";
  if (SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function quoteArgv(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ShellCommandOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly become?: Become;
}

/**
 * Wraps argv with sudo (when becoming another user) and returns the argv to run.
 * With a password, sudo reads it from stdin (-S) and prints no prompt (-p '').
 */
export function becomeArgv(argv: readonly string[], become: Become | undefined): string[] {
  if (!become) return [...argv];
  const sudo = ['sudo', become.password !== undefined ? '-S' : '-n', '-p', '', '-H'];
  if (become.user && become.user !== 'root') sudo.push('-u', become.user);
  return [...sudo, '--', ...argv];
}

/**
 * Builds the one shell line a remote sshd runs for argv: `cd DIR && env K=V ... argv`.
 * `env` is used instead of shell assignments so become (sudo) keeps the variables.
 */
export function buildShellCommand(argv: readonly string[], opts: ShellCommandOptions = {}): string {
  if (argv.length === 0) throw new Error('buildShellCommand: empty argv');
  let inner: string[] = [...argv];
  const envEntries = Object.entries(opts.env ?? {});
  if (envEntries.length > 0) {
    for (const [k] of envEntries) if (!ENV_NAME.test(k)) throw new Error(`invalid environment variable name: ${k}`);
    inner = ['env', ...envEntries.map(([k, v]) => `${k}=${v}`), ...inner];
  }
  let line = quoteArgv(becomeArgv(inner, opts.become));
  if (opts.cwd !== undefined) line = `cd ${quoteArg(opts.cwd)} && ${line}`;
  return line;
}

/** argv that runs a shell snippet (the `shell` module): sh -c SCRIPT. */
export function shellArgv(script: string, executable = '/bin/sh'): string[] {
  return [executable, '-c', script];
}

/**
 * argv for a `validate` command such as `nginx -t -c %s` or `xmllint --noout %s`:
 * %s becomes the quoted temp-file path and the line runs under sh (Ansible runs it as a command).
 */
export function validateArgv(command: string, file: string): string[] {
  if (!command.includes('%s')) throw new Error(`validate command must contain %s: ${command}`);
  return ['/bin/sh', '-c', command.split('%s').join(quoteArg(file))];
}

/** The first stderr line of every remote command: the pid of the shell that runs it (a session and process group leader). */
export const PID_MARKER = 'esbplay-pid:';

/** Prefixes a command line so the remote shell reports its pid first: an interrupted run can then end that process group. */
export function withPidReport(line: string): string {
  return `printf '${PID_MARKER}%s\\n' "$$" >&2; ${line}`;
}
