// carbon_server's actions on the host: stop and wait for the JVM to exit (then SIGKILL), start, wait until healthy or fail with the log.

import type { Become, Connection } from '../connection/types.js';
import { TaskFailure } from '../errors.js';
import { inspectProcess, lastLogLines, nodeFiles, portAnswers, readLogFrom, readPid, statLog } from './carbon-server-node.js';

export interface HealthSpec {
  readonly ports: readonly number[];
  readonly address: string;
  readonly startedRegex: string;
  readonly timeoutMs: number;
}

export interface ControlSteps {
  readonly home: string;
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  readonly become?: Become;
  /** the running JVM to stop first */
  readonly stopPid?: number;
  readonly stopTimeoutMs: number;
  /** arguments after `start` (e.g. -DworkerNode=true, -Dsetup) */
  readonly startArgs?: readonly string[];
  /** wso2carbon.pid names a process that is not this Carbon: remove it, or the script refuses to start */
  readonly removeStalePid: boolean;
  readonly health: HealthSpec;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const LOG_LINES = 20;

async function waitGone(conn: Connection, pid: number, home: string, ms: number, become?: Become): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await inspectProcess(conn, pid, home, become)) !== 'carbon') return true;
    if (Date.now() >= deadline) return false;
    await sleep(250);
  }
}

async function runScript(conn: Connection, s: ControlSteps, action: string, extra: readonly string[] = []): Promise<string> {
  const r = await conn.exec([s.script, action, ...extra], { env: s.env, become: s.become, timeoutMs: 120_000 });
  const out = `${r.stdout}${r.stderr}`.trim();
  if (r.exitCode !== 0) throw new TaskFailure(`${s.script} ${action} failed (${r.timedOut ? 'timed out' : `exit ${r.exitCode}`})${out ? `: ${out}` : ''}`, { rc: r.exitCode, stdout: r.stdout, stderr: r.stderr });
  return out;
}

/** Runs the steps; resolves with pid, previous_pid, waited (and warnings), or throws TaskFailure with the node's log lines. */
export async function controlCarbon(conn: Connection, s: ControlSteps): Promise<Record<string, unknown>> {
  const began = Date.now();
  const warnings: string[] = [];
  const result = (extra: Record<string, unknown>) => ({ previous_pid: s.stopPid ?? null, waited: Math.round((Date.now() - began) / 1000), ...extra, ...(warnings.length ? { warnings } : {}) });
  if (s.stopPid !== undefined) {
    await runScript(conn, s, 'stop');
    if (!(await waitGone(conn, s.stopPid, s.home, s.stopTimeoutMs, s.become))) {
      await conn.exec(['kill', '-KILL', String(s.stopPid)], { become: s.become });
      warnings.push(`the server (pid ${s.stopPid}) did not exit within ${s.stopTimeoutMs / 1000}s of wso2server.sh stop: killed with SIGKILL`);
      if (!(await waitGone(conn, s.stopPid, s.home, 10_000, s.become))) throw new TaskFailure(`pid ${s.stopPid} survived SIGKILL`, result({}));
    }
  }
  if (!s.startArgs) return result({ pid: null });
  if (s.removeStalePid) await conn.exec(['rm', '-f', '--', nodeFiles(s.home).pidFile], { become: s.become });
  const offset = (await statLog(conn, s.home, s.become)).size;
  const oldPid = await readPid(conn, s.home, s.become);
  const out = await runScript(conn, s, 'start', s.startArgs);
  if (/Process is already running/.test(out)) throw new TaskFailure(`${s.script} start did nothing: ${out}`, result({}));
  return waitHealthy(conn, s, { offset, oldPid }, result);
}

/** Healthy: a pid other than the one before the start, alive, every port answering, started_regex in the log after `offset`. */
async function waitHealthy(
  conn: Connection, s: ControlSteps, before: { offset: number; oldPid?: number }, result: (x: Record<string, unknown>) => Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const h = s.health;
  const re = new RegExp(h.startedRegex, 'm');
  const deadline = Date.now() + h.timeoutMs;
  let seen = 'no new pid in wso2carbon.pid yet';
  for (;;) {
    const pid = await readPid(conn, s.home, s.become);
    if (pid !== undefined && pid !== before.oldPid) {
      if ((await inspectProcess(conn, pid, s.home, s.become)) !== 'carbon') {
        const lines = await lastLogLines(conn, s.home, LOG_LINES, s.become);
        throw new TaskFailure(failure(s, `died during start-up (pid ${pid})`, lines), result({ pid, log_lines: lines }));
      }
      const closed: number[] = [];
      for (const p of h.ports) if (!(await portAnswers(conn, h.address, p))) closed.push(p);
      const logged = re.test(await readLogFrom(conn, s.home, before.offset, s.become));
      if (!closed.length && logged) return result({ pid });
      seen = [closed.length ? `port(s) ${closed.join(', ')} on ${h.address} not answering` : '', logged ? '' : `no /${h.startedRegex}/ in the log yet`].filter(Boolean).join('; ');
    }
    if (Date.now() >= deadline) {
      const lines = await lastLogLines(conn, s.home, LOG_LINES, s.become);
      throw new TaskFailure(failure(s, `not healthy after ${Math.round(h.timeoutMs / 1000)}s (${seen})`, lines), result({ pid: pid ?? null, log_lines: lines }));
    }
    await sleep(500);
  }
}

function failure(s: ControlSteps, what: string, lines: readonly string[]): string {
  return `Carbon server in ${s.home} ${what}; last ${lines.length} lines of ${nodeFiles(s.home).logFile}:\n${lines.join('\n')}`;
}
