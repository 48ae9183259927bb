// Probes for wait_for: TCP ports (from the host or the controller), files and logs read incrementally, drained ports.

import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ReadContext } from './types.js';

type Conn = NonNullable<ReadContext['conn']>;

/** One look at the thing being waited for. */
export interface Observation {
  readonly done: boolean;
  /** what was seen, for the timeout message */
  readonly seen: string;
  readonly match?: RegExpExecArray;
}

/** Opens a TCP stream from the host (ctx.conn.connectTcp) or from the controller (node:net). */
export async function openStream(conn: Conn | null, from: 'host' | 'controller', host: string, port: number, timeoutMs: number): Promise<Duplex> {
  if (from === 'host') {
    if (!conn) throw new Error('wait_for from: host needs a connection to the host');
    return conn.connectTcp(host, port, timeoutMs);
  }
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    sock.once('connect', () => (clearTimeout(timer), resolve(sock)));
    sock.once('error', (e) => (clearTimeout(timer), reject(e)));
  });
}

/** Reads from a connected stream until the regex matches, the peer closes, or waitMs passes. */
export function readUntilMatch(stream: Duplex, re: RegExp, waitMs: number): Promise<RegExpExecArray | null> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (m: RegExpExecArray | null) => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      stream.destroy();
      resolve(m);
    };
    const timer = setTimeout(() => finish(null), Math.max(0, waitMs));
    stream.on('data', (d: Buffer) => {
      text = (text + d.toString('utf8')).slice(-1_000_000);
      const m = re.exec(text);
      if (m) finish(m);
    });
    stream.once('end', () => finish(re.exec(text)));
    stream.once('close', () => finish(re.exec(text)));
    stream.once('error', () => finish(null));
  });
}

// bytes after an offset, base64 so the byte count stays exact; offset and path arrive as $1 and $2
const TAIL_SCRIPT = 'tail -c +"$1" -- "$2" | base64';

/**
 * Reads a file as it grows: each poll fetches only the bytes added since the last one
 * (tail -c + on the host), so waiting on a large wso2carbon.log does not move the whole
 * log over the connection every second. A shrunk file (rotated, truncated) is read anew.
 * Complete lines are searched once; a trailing partial line is searched again when it grows.
 */
export class FileTail {
  #offset = 0;

  constructor(
    private readonly conn: Conn,
    private readonly path: string,
    private readonly become: ReadContext['become'],
  ) {}

  /** null when the file does not exist, else the text added since the last call (plus any partial line). */
  async readNew(): Promise<string | null> {
    const st = await this.conn.stat(this.path, { become: this.become });
    if (!st.exists) return null;
    if (st.size !== undefined && st.size < this.#offset) this.#offset = 0;
    if (st.size !== undefined && st.size === this.#offset) return '';
    const r = await this.conn.exec(['sh', '-c', TAIL_SCRIPT, 'sh', String(this.#offset + 1), this.path], { become: this.become });
    if (r.exitCode !== 0) throw new Error(`cannot read ${this.path} on ${this.conn.host}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    const bytes = Buffer.from(r.stdout.replace(/\s+/g, ''), 'base64');
    const lastNl = bytes.lastIndexOf(0x0a);
    this.#offset += lastNl + 1;
    return bytes.toString('utf8');
  }
}

// /proc/net/tcp states counted as active (Ansible's active_connection_states default)
const ACTIVE_STATES = new Map([['01', 'ESTABLISHED'], ['02', 'SYN_SENT'], ['03', 'SYN_RECV'], ['04', 'FIN_WAIT1'], ['05', 'FIN_WAIT2'], ['06', 'TIME_WAIT']]);

/** Counts the host's active TCP connections whose local port is `port` (from /proc/net/tcp and tcp6). */
export async function countActiveConnections(conn: Conn, port: number, become: ReadContext['become']): Promise<number> {
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = (await conn.readFile(file, { become }))?.toString('utf8') ?? '';
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4) continue;
      const localPort = parseInt(cols[1]!.split(':')[1] ?? '', 16);
      if (localPort === port && ACTIVE_STATES.has(cols[3]!)) count++;
    }
  }
  return count;
}

/** Compiles a search_regex; Python's (?P<name>...) groups are accepted as (?<name>...). */
export function compileRegex(source: string): RegExp {
  return new RegExp(source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>'), 'm');
}

export function sleepMs(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
