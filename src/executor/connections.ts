// One connection per host for the whole run, opened on first use and closed at the end.

import type { Connection } from '../connection/types.js';
import { UnreachableError } from '../errors.js';

export type ConnectionOpener = (host: string, vars: Readonly<Record<string, unknown>>) => Promise<Connection>;

export class ConnectionPool {
  private readonly conns = new Map<string, Promise<Connection>>();
  /** connections that are open, for killNow (synchronous: the process is about to exit) */
  private readonly opened = new Set<Connection>();
  private interrupted = false;

  constructor(private readonly open: ConnectionOpener) {}

  /** The host's connection; the first call opens it. A failure to open is UnreachableError. */
  get(host: string, vars: Readonly<Record<string, unknown>>): Promise<Connection> {
    let c = this.conns.get(host);
    if (!c) {
      c = this.open(host, vars).then(async (conn) => {
        this.opened.add(conn);
        if (this.interrupted) await conn.interrupt?.(); // opened while the run was being interrupted
        return conn;
      }, (e: unknown) => {
        this.conns.delete(host);
        if (e instanceof UnreachableError) throw e;
        throw new UnreachableError(`cannot connect to ${host}: ${(e as Error).message}`, host);
      });
      this.conns.set(host, c);
    }
    return c;
  }

  /** Hosts whose connection is open (or opening). */
  get size(): number {
    return this.conns.size;
  }

  /** The run was interrupted: every connection ends its running commands and abandons writes not yet renamed. */
  async interruptAll(): Promise<void> {
    this.interrupted = true;
    await Promise.all([...this.conns.values()].map((p) => p.then((c) => c.interrupt?.()).catch(() => undefined)));
  }

  /** A second signal: local commands are killed now (remote ones already got TERM from the first). */
  killNow(): void {
    for (const c of this.opened) c.killNow?.();
  }

  async closeAll(): Promise<void> {
    const all = [...this.conns.values()];
    this.conns.clear();
    await Promise.all(all.map((p) => p.then((c) => c.close()).catch(() => undefined)));
  }
}
