// -vvv: a connection that reports what it does (commands with their become user, file transfers) as verbose events.

import { userInfo } from 'node:os';
import { quoteArgv } from '../connection/quote.js';
import type { Connection, ConnectionSpec } from '../connection/types.js';
import type { RunEvent } from '../report/events.js';

/** The -v level at which connection detail shows (Ansible shows ESTABLISH/EXEC/PUT at -vvv). */
export const CONNECTION_DETAIL_LEVEL = 3;

type Emit = (e: RunEvent) => void;

/** `<host> ESTABLISH SSH CONNECTION FOR USER: deploy` before the connection opens. */
export function announceConnection(spec: ConnectionSpec, emit: Emit): void {
  const user = spec.user ?? userInfo().username; // as ssh-connect.ts defaults it
  const where = spec.transport === 'ssh' ? ` (${spec.address ?? spec.host}:${spec.port ?? 22})` : '';
  emit({
    type: 'verbose',
    level: CONNECTION_DETAIL_LEVEL,
    host: spec.host,
    message: `<${spec.host}> ESTABLISH ${spec.transport.toUpperCase()} CONNECTION FOR USER: ${user}${where}`,
  });
}

/** The same connection; each exec, read and write is reported first (the run masks secrets in events). */
export function traceConnection(conn: Connection, emit: Emit): Connection {
  const say = (message: string) =>
    emit({ type: 'verbose', level: CONNECTION_DETAIL_LEVEL, host: conn.host, message: `<${conn.host}> ${message}` });
  const as = (become: { user?: string } | undefined) => (become ? ` (become ${become.user ?? 'root'})` : '');
  return new Proxy(conn, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'exec')
        return (argv: readonly string[], opts?: Parameters<Connection['exec']>[1]) => (
          say(`EXEC${as(opts?.become)} ${quoteArgv(argv)}`),
          target.exec(argv, opts)
        );
      if (prop === 'writeFile')
        return (p: string, data: Buffer, opts?: Parameters<Connection['writeFile']>[2]) => (
          say(`PUT${as(opts?.become)} ${data.length} bytes TO ${p}`),
          target.writeFile(p, data, opts)
        );
      if (prop === 'readFile')
        return (p: string, opts?: Parameters<Connection['readFile']>[1]) => (
          say(`FETCH${as(opts?.become)} ${p}`),
          target.readFile(p, opts)
        );
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
