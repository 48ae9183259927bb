// The carbon_server module: start, stop and restart a WSO2 Carbon server through its own bin/wso2server.sh, waiting until it is really up or gone.

import path from 'node:path';
import type { Become } from '../connection/types.js';
import { reveal } from '../vars/secret.js';
import { controlCarbon, type ControlSteps } from './carbon-server-control.js';
import {
  defaultProbe, inspectProcess, lastLogLines, portAnswers, readPid, statLog, type HostConn, type ProcessState,
} from './carbon-server-node.js';
import type { ModuleDefinition, Plan, PlanContext, ReadContext } from './types.js';
import { failPlan } from './types.js';

export interface CarbonServerArgs {
  home: string;
  state: 'started' | 'stopped' | 'restarted';
  args: string[];
  setup_on_first_start: boolean;
  java_home?: string;
  env?: Record<string, unknown>;
  script: string;
  wait_ports?: number[];
  wait_address?: string;
  started_regex: string;
  timeout: number;
  stop_timeout: number;
}

export interface CarbonNodeState {
  readonly scriptExists: boolean;
  readonly pid?: number;
  readonly process: ProcessState | 'none';
  /** repository/logs/wso2carbon.log exists: the server has started at least once */
  readonly logExists: boolean;
  readonly ports: readonly number[];
  readonly address: string;
  /** for a running node and state started: why it is not healthy (after waiting), with its log lines */
  readonly unhealthy?: { readonly why: string; readonly lines: readonly string[] };
  readonly become?: Become;
  readonly error?: string;
}

export const carbonServerModule = {
  name: 'carbon_server',
  summary: 'Start, stop and restart a WSO2 Carbon server through its own bin/wso2server.sh: waits for the old JVM to exit and for the new one to be healthy.',
  checkMode: 'partial',
  schema: {
    args: {
      home: { type: 'path', required: true, description: 'CARBON_HOME: the unpacked product (holds bin/wso2server.sh and wso2carbon.pid)' },
      state: { type: 'str', default: 'started', choices: ['started', 'stopped', 'restarted'], description: 'started: start only when not running, then wait until healthy; stopped: stop and wait for the JVM to exit; restarted: stop, wait for exit, start, wait until healthy' },
      args: { type: 'list', elements: 'str', default: [], description: 'server arguments after `start`, e.g. [-DworkerNode=true] (given here, not in JAVA_OPTS: the script appends -DworkerNode=false after JAVA_OPTS)' },
      setup_on_first_start: { type: 'bool', default: false, description: 'add -Dsetup (create the database tables) only when the server never started, i.e. repository/logs/wso2carbon.log does not exist yet' },
      java_home: { type: 'path', description: 'JAVA_HOME for the script (else the environment\'s)' },
      env: { type: 'dict', description: 'environment for the script, e.g. JAVA_OPTS: -Xmx2g' },
      script: { type: 'str', default: 'bin/wso2server.sh', description: 'the start script, relative to home (or absolute)' },
      wait_ports: { type: 'list', elements: 'int', description: 'ports that must answer before the node counts as healthy (default: the PassThrough http port 8280 + offset from axis2.xml/carbon.xml/-DportOffset; 9443 + offset when axis2.xml cannot be read)' },
      wait_address: { type: 'str', description: 'address the ports are probed on, from the host (default: the http transport\'s bind-address, else 127.0.0.1)' },
      started_regex: { type: 'str', default: 'WSO2 Carbon started in', description: 'the log line (JavaScript regex) that must appear in wso2carbon.log after the byte offset the log had before this start' },
      timeout: { type: 'int', default: 300, description: 'seconds a start may take until healthy; then the task fails with the last 20 lines of the node\'s log' },
      stop_timeout: { type: 'int', default: 60, description: 'seconds to wait for the JVM to exit after wso2server.sh stop; then SIGKILL, with a warning in the result' },
    },
  },

  async gather(ctx: ReadContext, a: CarbonServerArgs): Promise<CarbonNodeState> {
    const conn = ctx.conn;
    if (!conn) throw new Error('carbon_server needs a connection to the host');
    const become = ctx.become;
    const script = scriptPath(a);
    const base = { process: 'none' as const, logExists: false, ports: [], address: '127.0.0.1', become };
    if (!path.posix.isAbsolute(a.home)) return { ...base, scriptExists: false, error: `home must be an absolute path, got '${a.home}'` };
    const scriptExists = (await conn.stat(script, { become })).exists;
    const pid = await readPid(conn, a.home, become);
    const proc = pid === undefined ? 'none' : await inspectProcess(conn, pid, a.home, become);
    const log = await statLog(conn, a.home, become);
    const probe = scriptExists ? await defaultProbe(conn, a.home, [...a.args, ...String(a.env?.JAVA_OPTS ?? '').split(/\s+/)], become) : { ports: [], address: '127.0.0.1' };
    const ports = a.wait_ports ?? probe.ports;
    const address = a.wait_address ?? probe.address;
    const state: CarbonNodeState = { scriptExists, pid, process: proc, logExists: log.exists, ports, address, become };
    if (a.state !== 'started' || proc !== 'carbon' || ctx.checkMode) return state;
    return { ...state, unhealthy: await waitRunningHealthy(ctx, conn, a, pid!, ports, address) };
  },

  plan(a: CarbonServerArgs, cur: CarbonNodeState, ctx: PlanContext): Plan {
    if (cur.error) return failPlan(cur.error);
    const script = scriptPath(a);
    if (!cur.scriptExists && !ctx.checkMode) return failPlan(`${script} does not exist: is the product unpacked in ${a.home}?`);
    const running = cur.process === 'carbon';
    const base = { home: a.home, state: a.state, pid: running ? cur.pid : null, previous_pid: running ? cur.pid : null, waited: 0 };
    if (a.state === 'started' && running) {
      if (cur.unhealthy) return failPlan(`Carbon server in ${a.home} (pid ${cur.pid}) is running but ${cur.unhealthy.why}; last lines of its log:\n${cur.unhealthy.lines.join('\n')}`, { ...base, log_lines: cur.unhealthy.lines });
      return { changes: [], result: base, noopReason: `running (pid ${cur.pid})${ctx.checkMode ? '' : `, port(s) ${cur.ports.join(', ')} answering`}` };
    }
    if (a.state === 'stopped' && !running) return { changes: [], result: base, noopReason: cur.pid === undefined ? 'not running (no wso2carbon.pid)' : `not running (pid ${cur.pid} is ${cur.process === 'dead' ? 'gone' : 'not this Carbon server'})` };
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(a.env ?? {})) env[k] = String(reveal(v));
    if (a.java_home) env.JAVA_HOME = a.java_home;
    const startArgs = a.state === 'stopped' ? undefined : withSetup(a, cur.logExists);
    const steps: ControlSteps = {
      home: a.home, script, env, become: cur.become,
      stopPid: running ? cur.pid : undefined,
      stopTimeoutMs: a.stop_timeout * 1000,
      startArgs,
      removeStalePid: cur.process === 'other',
      health: { ports: cur.ports, address: cur.address, startedRegex: a.started_regex, timeoutMs: a.timeout * 1000 },
    };
    const what = [running ? `stop pid ${cur.pid} and wait for it to exit` : '', startArgs ? `start${startArgs.length ? ` ${startArgs.join(' ')}` : ''} and wait until healthy` : ''].filter(Boolean).join(', then ');
    return {
      result: base,
      changes: [{ kind: 'custom', summary: `${script}: ${what}`, apply: ({ conn }) => controlCarbon(conn, steps) }],
    };
  },
} satisfies ModuleDefinition<CarbonServerArgs, CarbonNodeState>;

function scriptPath(a: CarbonServerArgs): string {
  return path.posix.isAbsolute(a.script) ? a.script : path.posix.join(a.home, a.script);
}

/** The start arguments, with -Dsetup added when asked for and the server never started. */
function withSetup(a: CarbonServerArgs, logExists: boolean): string[] {
  const args = [...a.args];
  if (a.setup_on_first_start && !logExists && !args.includes('-Dsetup')) args.push('-Dsetup');
  return args;
}

/** A running node under state started: waits (read-only) until its ports answer; undefined when healthy. */
async function waitRunningHealthy(ctx: ReadContext, conn: HostConn, a: CarbonServerArgs, pid: number, ports: readonly number[], address: string): Promise<CarbonNodeState['unhealthy']> {
  const deadline = Date.now() + a.timeout * 1000;
  for (;;) {
    const closed: number[] = [];
    for (const p of ports) if (!(await portAnswers(conn, address, p))) closed.push(p);
    if (!closed.length) return undefined;
    const alive = (await inspectProcess(conn, pid, a.home, ctx.become)) === 'carbon';
    if (!alive || Date.now() >= deadline) {
      const why = alive ? `port(s) ${closed.join(', ')} on ${address} did not answer within ${a.timeout}s` : 'it exited while starting';
      return { why, lines: await lastLogLines(conn, a.home, 20, ctx.become) };
    }
    ctx.progress?.(`waiting for ${address}:${closed.join(',')} of the running server (pid ${pid})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
