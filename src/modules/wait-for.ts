// The wait_for module: wait for a port to open or close, a file or log line to appear, or a port to drain.

import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { compileRegex, countActiveConnections, FileTail, openStream, readUntilMatch, sleepMs, type Observation } from './wait-for-probes.js';

export interface WaitForArgs {
  host: string;
  port?: number;
  path?: string;
  state: 'started' | 'stopped' | 'present' | 'absent' | 'drained';
  search_regex?: string;
  timeout: number;
  delay: number;
  sleep: number;
  connect_timeout: number;
  msg?: string;
  from: 'host' | 'controller';
}

export interface WaitOutcome {
  readonly ok: boolean;
  readonly elapsedMs: number;
  readonly what: string;
  readonly seen?: string;
  readonly match?: RegExpExecArray;
  /** the arguments cannot work together */
  readonly invalid?: string;
}

export const waitForModule = {
  name: 'wait_for',
  summary: 'Wait for a port to open or close, a file or log line (e.g. "Member joined") to appear, or a port to drain; read-only.',
  checkMode: 'full',
  schema: {
    args: {
      host: { type: 'str', default: '127.0.0.1', description: 'address to connect to, as seen from the host (or the controller with from: controller)' },
      port: { type: 'int', description: 'TCP port to wait for' },
      path: { type: 'path', description: 'file on the host to wait for (with search_regex: a line in it)' },
      state: { type: 'str', default: 'started', choices: ['started', 'stopped', 'present', 'absent', 'drained'], description: 'started/present: open or exists; stopped/absent: closed or gone; drained: no active connections on port' },
      search_regex: { type: 'str', description: 'regex to find in the file or in what the port sends (JavaScript syntax; Python (?P<name>) groups accepted)' },
      timeout: { type: 'int', default: 300, description: 'seconds to wait before failing (without port and path: seconds to sleep)' },
      delay: { type: 'int', default: 0, description: 'seconds to wait before the first check' },
      sleep: { type: 'int', default: 1, description: 'seconds between checks' },
      connect_timeout: { type: 'int', default: 5, description: 'seconds one connection attempt may take' },
      msg: { type: 'str', description: 'message of the failure on timeout' },
      from: { type: 'str', default: 'host', choices: ['host', 'controller'], description: 'esbplay extension: connect from the host (through the connection) or from the controller' },
    },
    mutuallyExclusive: [['port', 'path']],
  },

  async gather(ctx: ReadContext, args: WaitForArgs): Promise<WaitOutcome> {
    const invalid = checkCombination(args);
    const what = describeTarget(args);
    if (invalid) return { ok: false, elapsedMs: 0, what, invalid };
    const started = Date.now();
    const deadline = started + args.timeout * 1000;
    await sleepMs(Math.min(args.delay * 1000, deadline - Date.now()));
    if (args.port === undefined && args.path === undefined) {
      await sleepMs(deadline - Date.now());
      return { ok: true, elapsedMs: Date.now() - started, what };
    }
    const observe = makeObserver(ctx, args, deadline);
    for (;;) {
      let obs: Observation;
      try {
        obs = await observe();
      } catch (e) {
        obs = { done: false, seen: (e as Error).message };
      }
      const now = Date.now();
      if (obs.done) return { ok: true, elapsedMs: now - started, what, seen: obs.seen, match: obs.match };
      if (now >= deadline) return { ok: false, elapsedMs: now - started, what, seen: obs.seen };
      ctx.progress?.(`waiting for ${what} (${Math.floor((now - started) / 1000)}s/${args.timeout}s)`);
      await sleepMs(Math.min(args.sleep * 1000, deadline - now));
    }
  },

  plan(args: WaitForArgs, out: WaitOutcome): Plan {
    if (out.invalid) return failPlan(out.invalid);
    const elapsed = Math.floor(out.elapsedMs / 1000);
    const result: Record<string, unknown> = { elapsed, state: args.state };
    if (args.port !== undefined) Object.assign(result, { host: args.host, port: args.port });
    if (args.path !== undefined) result.path = args.path;
    if (args.search_regex !== undefined) result.search_regex = args.search_regex;
    if (out.match) {
      result.match_groups = out.match.slice(1).map((g) => g ?? null);
      result.match_groupdict = { ...(out.match.groups ?? {}) };
    }
    if (!out.ok) {
      const why = out.seen ? ` (last check: ${out.seen})` : '';
      return failPlan(args.msg ?? `Timeout when waiting for ${out.what} after ${args.timeout}s${why}`, result);
    }
    return { changes: [], changed: false, result, noopReason: `${out.what}: ${out.seen ?? 'waited'} after ${elapsed}s` };
  },
} satisfies ModuleDefinition<WaitForArgs, WaitOutcome>;

function checkCombination(a: WaitForArgs): string | undefined {
  if (a.state === 'drained' && a.port === undefined) return 'state drained needs port';
  if (a.state === 'drained' && a.from === 'controller') return 'state drained reads the host\'s /proc/net/tcp: it cannot be used with from: controller';
  if (a.path !== undefined && a.from === 'controller') return 'path is a file on the host: from: controller applies only to port';
  if (a.port !== undefined && a.search_regex !== undefined && a.state !== 'started' && a.state !== 'present') return 'search_regex with port needs state started or present';
  for (const k of ['timeout', 'delay', 'sleep', 'connect_timeout'] as const) if (a[k] < 0) return `${k} must not be negative`;
  if (a.search_regex !== undefined) {
    try {
      compileRegex(a.search_regex);
    } catch (e) {
      return `invalid search_regex: ${(e as Error).message}`;
    }
  }
  return undefined;
}

function describeTarget(a: WaitForArgs): string {
  const gone = a.state === 'stopped' || a.state === 'absent';
  if (a.port !== undefined) {
    const addr = `${a.host}:${a.port}${a.from === 'controller' ? ' (from the controller)' : ''}`;
    if (a.state === 'drained') return `${addr} to drain`;
    if (a.search_regex !== undefined) return `/${a.search_regex}/ from ${addr}`;
    return gone ? `${addr} to close` : addr;
  }
  if (a.path !== undefined) {
    if (a.search_regex !== undefined) return gone ? `/${a.search_regex}/ to leave ${a.path}` : `/${a.search_regex}/ in ${a.path}`;
    return gone ? `${a.path} to be removed` : a.path;
  }
  return `${a.timeout}s`;
}

/** Returns a function that makes one check for the given arguments. */
function makeObserver(ctx: ReadContext, a: WaitForArgs, deadline: number): () => Promise<Observation> {
  const gone = a.state === 'stopped' || a.state === 'absent';
  const connectMs = () => Math.max(1, Math.min(a.connect_timeout * 1000, deadline - Date.now()));
  if (a.port !== undefined) {
    const port = a.port;
    if (a.state === 'drained') {
      return async () => {
        const n = await countActiveConnections(needConn(ctx), port, ctx.become);
        return { done: n === 0, seen: `${n} active connection(s)` };
      };
    }
    const re = a.search_regex !== undefined ? compileRegex(a.search_regex) : undefined;
    return async () => {
      let stream;
      try {
        stream = await openStream(ctx.conn, a.from, a.host, port, connectMs());
      } catch (e) {
        return { done: gone, seen: `cannot connect: ${(e as Error).message}` };
      }
      if (!re) {
        stream.destroy();
        return { done: !gone, seen: 'port is open' };
      }
      const m = await readUntilMatch(stream, re, deadline - Date.now());
      return m ? { done: true, seen: `found '${m[0]}'`, match: m } : { done: false, seen: 'port is open but did not send a match' };
    };
  }
  const conn = needConn(ctx);
  const path = a.path!;
  if (a.search_regex === undefined) {
    return async () => {
      const exists = (await conn.stat(path, { become: ctx.become })).exists;
      return { done: exists !== gone, seen: exists ? 'file exists' : 'file does not exist' };
    };
  }
  const re = compileRegex(a.search_regex);
  const tail = new FileTail(conn, path, ctx.become);
  return async () => {
    // absent: the whole file must no longer match, so it is read anew each time
    const text = await (gone ? new FileTail(conn, path, ctx.become) : tail).readNew();
    if (text === null) return { done: gone, seen: 'file does not exist' };
    const m = re.exec(text);
    if (gone) return { done: !m, seen: m ? `file still contains '${m[0]}'` : 'no match in file' };
    return m ? { done: true, seen: `found '${m[0]}'`, match: m } : { done: false, seen: 'no match yet' };
  };
}

function needConn(ctx: ReadContext): NonNullable<ReadContext['conn']> {
  if (!ctx.conn) throw new Error('wait_for needs a connection to the host');
  return ctx.conn;
}
