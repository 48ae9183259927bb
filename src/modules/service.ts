// The service module: start, stop, restart, reload and enable services (systemd, sysv, service, or a product's own script).

import type { Change, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { reveal } from '../vars/secret.js';
import {
  buildActionArgv, buildEnableArgv, detectManager, readEnabled, readStatus, scriptExecOptions, splitCommand,
  type Action, type ManagerName, type ScriptCommands, type Status,
} from './service-managers.js';

export interface ServiceArgs {
  name: string;
  state?: 'started' | 'stopped' | 'restarted' | 'reloaded';
  enabled?: boolean;
  use: 'auto' | ManagerName;
  start?: string | string[];
  stop?: string | string[];
  status?: string | string[];
  restart?: string | string[];
  reload?: string | string[];
  pidfile?: string;
  chdir?: string;
  env?: Record<string, unknown>;
  timeout: number;
}

export interface ServiceState {
  readonly manager?: ManagerName;
  readonly status?: Status;
  readonly enabled?: boolean;
  readonly script?: ScriptCommands;
  /** why the state could not be read (service unknown, bad script args) */
  readonly error?: string;
}

const COMMAND = (what: string) => ({ type: 'raw', description: `use: script: the command that ${what} (a string split like a shell would, or an argv list)` }) as const;

export const serviceModule = {
  name: 'service',
  summary: 'Start, stop, restart, reload and enable services: systemd, sysv init scripts, or a product\'s own start script (bin/wso2server.sh).',
  checkMode: 'full',
  schema: {
    args: {
      name: { type: 'str', required: true, description: 'service name (for use: script, a label used in messages)' },
      state: { type: 'str', choices: ['started', 'stopped', 'restarted', 'reloaded'], description: 'started/stopped change only when needed; restarted/reloaded always act' },
      enabled: { type: 'bool', description: 'start at boot (systemctl enable / update-rc.d); not with use: script' },
      use: { type: 'str', default: 'auto', choices: ['auto', 'systemd', 'sysv', 'service', 'script'], description: 'service manager; auto: systemd when booted with it, else service, else /etc/init.d' },
      start: COMMAND('starts the service'),
      stop: COMMAND('stops the service'),
      status: COMMAND('exits 0 when the service runs'),
      restart: COMMAND('restarts the service (default: stop, then start)'),
      reload: COMMAND('reloads the configuration'),
      pidfile: { type: 'path', description: 'use: script: the service runs when this file names a live process (instead of status)' },
      chdir: { type: 'path', description: 'use: script: directory the commands run in' },
      env: { type: 'dict', description: 'use: script: environment for the commands, e.g. JAVA_OPTS: -DworkerNode=true' },
      timeout: { type: 'int', default: 120, description: 'seconds a start/stop/status command may run before it is killed' },
    },
    requiredOneOf: [['state', 'enabled']],
    requiredIf: [['use', 'script', ['start', 'stop']]],
  },

  async gather(ctx: ReadContext, args: ServiceArgs): Promise<ServiceState> {
    if (!ctx.conn) throw new Error('service needs a connection to the host');
    const conn = ctx.conn;
    try {
      const script = parseScript(args);
      const manager = args.use === 'auto' ? await detectManager(conn, args.name) : args.use;
      const status = args.state ? await readStatus(ctx, conn, manager, args.name, script) : undefined;
      const enabled = args.enabled !== undefined && manager !== 'script' ? await readEnabled(ctx, conn, manager, args.name) : undefined;
      return { manager, status, enabled, script };
    } catch (e) {
      return { error: (e as Error).message };
    }
  },

  plan(args: ServiceArgs, cur: ServiceState): Plan {
    if (cur.error || !cur.manager || !cur.script) return failPlan(cur.error ?? 'service state could not be read');
    const { manager, script } = cur;
    if (args.enabled !== undefined && manager === 'script') return failPlan("enabled is not supported with use: script (add the start command to the host's init system instead)");
    const changes: Change[] = [];
    const reasons: string[] = [];
    const opts = scriptExecOptions(manager, script, args.timeout * 1000);
    const act = (action: Action, why: string): string | undefined => {
      const argv = buildActionArgv(manager, args.name, action, script);
      if (!argv) return `use: script has no '${action}' command for state ${args.state}`;
      changes.push({ kind: 'exec', argv, opts, summary: `${action} ${args.name} (${why})` });
      return undefined;
    };
    let problem: string | undefined;
    const running = cur.status?.running;
    const probe = cur.status?.probe ?? '';
    switch (args.state) {
      case 'started':
        if (running) reasons.push(`${args.name} is already running (${probe})`);
        else problem = act('start', `not running: ${probe}`);
        break;
      case 'stopped':
        if (!running) reasons.push(`${args.name} is already stopped (${probe})`);
        else problem = act('stop', `running: ${probe}`);
        break;
      case 'restarted':
        if (manager === 'script' && !script.restart) problem = (running ? act('stop', 'restart') : undefined) ?? act('start', 'restart');
        else problem = act('restart', 'state restarted');
        break;
      case 'reloaded':
        problem = running ? act('reload', 'state reloaded') : act('start', `reload of a stopped service starts it: ${probe}`);
        break;
    }
    if (problem) return failPlan(problem);
    if (args.enabled !== undefined) {
      if (cur.enabled === args.enabled) reasons.push(`${args.name} is already ${args.enabled ? 'enabled' : 'disabled'} at boot`);
      else for (const argv of buildEnableArgv(manager, args.name, args.enabled)) {
        changes.push({ kind: 'exec', argv, opts: { timeoutMs: args.timeout * 1000 }, summary: `${args.enabled ? 'enable' : 'disable'} ${args.name} at boot` });
      }
    }
    const result = {
      name: args.name,
      manager,
      state: args.state === 'stopped' ? 'stopped' : args.state ? 'started' : running ? 'started' : 'stopped',
      ...(args.enabled !== undefined ? { enabled: args.enabled } : {}),
      ...(cur.status ? { was_running: cur.status.running } : {}),
    };
    return changes.length ? { changes, result } : { changes, result, noopReason: reasons.join('; ') };
  },
} satisfies ModuleDefinition<ServiceArgs, ServiceState>;

/** Turns the script arguments into argv lists; other managers ignore them. */
function parseScript(args: ServiceArgs): ScriptCommands {
  const cmd = (v: unknown, key: string): string[] | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') {
      const argv = splitCommand(v);
      if (argv.length === 0) throw new Error(`argument '${key}' is an empty command`);
      return argv;
    }
    if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
    throw new Error(`argument '${key}' must be a command string or a non-empty list of strings`);
  };
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(args.env ?? {})) env[k] = String(reveal(v));
  return {
    start: cmd(args.start, 'start'),
    stop: cmd(args.stop, 'stop'),
    status: cmd(args.status, 'status'),
    restart: cmd(args.restart, 'restart'),
    reload: cmd(args.reload, 'reload'),
    pidfile: args.pidfile,
    chdir: args.chdir,
    env: args.env ? env : undefined,
  };
}
