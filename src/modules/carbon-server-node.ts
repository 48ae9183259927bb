// What carbon_server reads on the host: the pid in wso2carbon.pid and whether it is a live Carbon JVM, the log, the ports to probe.

import path from 'node:path';
import type { Become } from '../connection/types.js';
import type { ReadContext } from './types.js';

export type HostConn = NonNullable<ReadContext['conn']>;

export interface NodeFiles {
  readonly pidFile: string;
  readonly logFile: string;
}

export function nodeFiles(home: string): NodeFiles {
  return { pidFile: path.posix.join(home, 'wso2carbon.pid'), logFile: path.posix.join(home, 'repository', 'logs', 'wso2carbon.log') };
}

/** The pid wso2carbon.pid names, if any. */
export async function readPid(conn: HostConn, home: string, become?: Become): Promise<number | undefined> {
  const raw = await conn.readFile(nodeFiles(home).pidFile, { become });
  const n = Number(raw?.toString('utf8').trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export type ProcessState = 'carbon' | 'other' | 'dead';

/** Whether pid is alive and is this home's Carbon JVM (its command line names the Bootstrap class and carbon.home). */
export async function inspectProcess(conn: HostConn, pid: number, home: string, become?: Become): Promise<ProcessState> {
  const r = await conn.exec(['ps', '-p', String(pid), '-o', 'args='], { become });
  if (r.exitCode !== 0) return 'dead';
  const args = r.stdout;
  return args.includes('org.wso2.carbon.bootstrap.Bootstrap') && args.includes(`-Dcarbon.home=${home}`) ? 'carbon' : 'other';
}

/** Size of the node's log (0 when it does not exist yet), and whether it exists. */
export async function statLog(conn: HostConn, home: string, become?: Become): Promise<{ exists: boolean; size: number }> {
  const st = await conn.stat(nodeFiles(home).logFile, { become });
  return { exists: st.exists, size: st.exists ? (st.size ?? 0) : 0 };
}

/** The log's text after byte offset `from` (tail -c +N on the host; the log may be large). */
export async function readLogFrom(conn: HostConn, home: string, from: number, become?: Become): Promise<string> {
  const r = await conn.exec(['tail', '-c', `+${from + 1}`, '--', nodeFiles(home).logFile], { become });
  return r.exitCode === 0 ? r.stdout : '';
}

/** The last n lines of the node's own log. */
export async function lastLogLines(conn: HostConn, home: string, n: number, become?: Become): Promise<string[]> {
  const r = await conn.exec(['tail', '-n', String(n), '--', nodeFiles(home).logFile], { become });
  return r.exitCode === 0 ? r.stdout.replace(/\n$/, '').split('\n') : [`(cannot read ${nodeFiles(home).logFile}: ${r.stderr.trim() || `exit ${r.exitCode}`})`];
}

/** True when address:port accepts a TCP connection, as seen from the host. */
export async function portAnswers(conn: HostConn, address: string, port: number): Promise<boolean> {
  try {
    const s = await conn.connectTcp(address, port, 2000);
    s.destroy();
    return true;
  } catch {
    return false;
  }
}

const stripComments = (xml: string) => xml.replace(/<!--[\s\S]*?-->/g, '');

/**
 * The default health probe: the PassThrough http port (axis2.xml, default 8280) plus the port offset
 * (-DportOffset in the arguments or JAVA_OPTS, else carbon.xml Ports/Offset), on the transport's
 * bind-address or 127.0.0.1. When axis2.xml cannot be read: the console port 9443 + offset.
 */
export async function defaultProbe(conn: HostConn, home: string, argv: readonly string[], become?: Become): Promise<{ ports: number[]; address: string }> {
  const conf = path.posix.join(home, 'repository', 'conf');
  const carbon = (await conn.readFile(path.posix.join(conf, 'carbon.xml'), { become }))?.toString('latin1');
  const axis2 = (await conn.readFile(path.posix.join(conf, 'axis2', 'axis2.xml'), { become }))?.toString('latin1');
  const argOffset = [...argv].reverse().map((a) => /^-DportOffset=(-?\d+)$/.exec(a)?.[1]).find((x) => x !== undefined);
  const fileOffset = carbon ? /<Ports>[\s\S]*?<Offset>\s*(-?\d+)\s*<\/Offset>/.exec(stripComments(carbon))?.[1] : undefined;
  const offset = Number(argOffset ?? fileOffset ?? 0);
  const http = axis2 ? /<transportReceiver\s+name="http"[\s\S]*?<\/transportReceiver>/.exec(stripComments(axis2))?.[0] : undefined;
  if (!http) return { ports: [9443 + offset], address: '127.0.0.1' };
  const port = Number(/<parameter\s+name="port"[^>]*>\s*(\d+)\s*</.exec(http)?.[1] ?? 8280);
  const bind = /<parameter\s+name="bind-address"[^>]*>\s*([^<\s]+)\s*</.exec(http)?.[1];
  return { ports: [port + offset], address: bind && bind !== '0.0.0.0' ? bind : '127.0.0.1' };
}
