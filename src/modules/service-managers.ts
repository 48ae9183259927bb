// Service managers for the service module: how to detect them, ask for status and build start/stop argv.

import type { ExecOptions } from '../connection/types.js';
import type { ReadContext } from './types.js';

export type ManagerName = 'systemd' | 'sysv' | 'service' | 'script';
export type Action = 'start' | 'stop' | 'restart' | 'reload';

type Conn = NonNullable<ReadContext['conn']>;

/** The script manager's commands, each an argv (strings were split like a shell would, without one). */
export interface ScriptCommands {
  readonly start?: readonly string[];
  readonly stop?: readonly string[];
  readonly status?: readonly string[];
  readonly restart?: readonly string[];
  readonly reload?: readonly string[];
  readonly pidfile?: string;
  readonly chdir?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface Status {
  readonly running: boolean;
  /** how the status was found, for messages */
  readonly probe: string;
}

// `pidfile` check: a fixed script, the path arrives as $1 (never spliced into the text)
const PIDFILE_SCRIPT = 'pid=$(cat -- "$1" 2>/dev/null) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null';
// sysv "enabled": an S link in a multi-user runlevel directory
const SYSV_ENABLED_SCRIPT = 'for f in /etc/rc[2345].d/S[0-9][0-9]"$1"; do [ -e "$f" ] && exit 0; done; exit 1';

/** Picks systemd when it is running (PID 1) and systemctl exists, else `service`, else /etc/init.d. */
export async function detectManager(conn: Conn, name: string): Promise<ManagerName> {
  const booted = await conn.stat('/run/systemd/system');
  if (booted.exists && (await hasCommand(conn, 'systemctl'))) return 'systemd';
  if (await hasCommand(conn, 'service')) return 'service';
  if ((await conn.stat(`/etc/init.d/${name}`)).exists) return 'sysv';
  throw new Error(`no service manager found on ${conn.host}: no systemd, no 'service' command and no /etc/init.d/${name} (use: script for products started by their own script)`);
}

async function hasCommand(conn: Conn, cmd: string): Promise<boolean> {
  const r = await conn.exec(['sh', '-c', 'command -v "$1" >/dev/null 2>&1', 'sh', cmd]);
  return r.exitCode === 0;
}

/** The argv that performs an action, or undefined when the manager has no way to do it. */
export function buildActionArgv(manager: ManagerName, name: string, action: Action, script: ScriptCommands): readonly string[] | undefined {
  switch (manager) {
    case 'systemd':
      return ['systemctl', action, name];
    case 'service':
      return ['service', name, action];
    case 'sysv':
      return [`/etc/init.d/${name}`, action];
    case 'script':
      return script[action];
  }
}

export function scriptExecOptions(manager: ManagerName, script: ScriptCommands, timeoutMs: number): ExecOptions {
  if (manager !== 'script') return { timeoutMs };
  return { cwd: script.chdir, env: script.env, timeoutMs };
}

/** Asks the manager whether the service runs. LSB: 0 running, 1-3 stopped; anything else is an error. */
export async function readStatus(ctx: ReadContext, conn: Conn, manager: ManagerName, name: string, script: ScriptCommands): Promise<Status> {
  const become = ctx.become;
  if (manager === 'systemd') {
    const r = await conn.exec(['systemctl', 'show', '--property=LoadState,ActiveState', name], { become });
    const props = parseProperties(r.stdout);
    if (props.LoadState === 'not-found') throw new Error(`service '${name}' not found by systemd on ${conn.host}`);
    const active = props.ActiveState ?? 'unknown';
    return { running: active === 'active' || active === 'activating' || active === 'reloading', probe: `systemd ActiveState=${active}` };
  }
  let argv: readonly string[];
  let opts: ExecOptions = { become };
  if (manager === 'script') {
    if (script.pidfile) argv = ['sh', '-c', PIDFILE_SCRIPT, 'sh', script.pidfile];
    else if (script.status) argv = script.status;
    else throw new Error("the script manager needs 'status' or 'pidfile' to tell whether the service runs");
    opts = { become, cwd: script.chdir, env: script.env, timeoutMs: 60_000 };
  } else {
    if (manager === 'sysv' && !(await conn.stat(`/etc/init.d/${name}`)).exists) {
      throw new Error(`service '${name}' not found on ${conn.host}: /etc/init.d/${name} does not exist`);
    }
    argv = manager === 'service' ? ['service', name, 'status'] : [`/etc/init.d/${name}`, 'status'];
  }
  const r = await conn.exec(argv, opts);
  const shown = argv.join(' ');
  if (r.exitCode === 0) return { running: true, probe: `'${shown}' exited 0` };
  if (manager === 'script') return { running: false, probe: `'${shown}' exited ${r.exitCode ?? r.signal}` };
  const text = `${r.stdout}\n${r.stderr}`;
  if (/unrecognized service|not found|no such file/i.test(text) || r.exitCode === 127) {
    throw new Error(`service '${name}' not found on ${conn.host}: ${text.trim() || `'${shown}' exited ${r.exitCode}`}`);
  }
  if (r.exitCode !== null && r.exitCode >= 1 && r.exitCode <= 3) return { running: false, probe: `'${shown}' exited ${r.exitCode}` };
  throw new Error(`cannot tell whether '${name}' runs: '${shown}' exited ${r.exitCode ?? r.signal}: ${text.trim()}`);
}

/** Is the service started at boot? systemd: is-enabled; sysv/service: an S link in rc2-5.d. */
export async function readEnabled(ctx: ReadContext, conn: Conn, manager: ManagerName, name: string): Promise<boolean> {
  if (manager === 'systemd') {
    const r = await conn.exec(['systemctl', 'is-enabled', name], { become: ctx.become });
    return r.exitCode === 0;
  }
  const r = await conn.exec(['sh', '-c', SYSV_ENABLED_SCRIPT, 'sh', name], { become: ctx.become });
  return r.exitCode === 0;
}

export function buildEnableArgv(manager: ManagerName, name: string, enable: boolean): readonly (readonly string[])[] {
  if (manager === 'systemd') return [['systemctl', enable ? 'enable' : 'disable', name]];
  // update-rc.d needs the defaults links before enable/disable can rename them
  return enable ? [['update-rc.d', name, 'defaults'], ['update-rc.d', name, 'enable']] : [['update-rc.d', name, 'disable']];
}

function parseProperties(out: string): Record<string, string> {
  const props: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) props[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return props;
}

/** Splits a command line into argv like a POSIX shell would (quotes, backslashes), without running one. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) cur += text[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} quote in command: ${text}`);
  if (inWord) words.push(cur);
  return words;
}
