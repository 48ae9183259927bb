// Port guards: listening sockets that make an accidental bind to 0.0.0.0 or 127.0.0.1 fail at once instead of taking the port for every lab.

import net from 'node:net';

/**
 * The cluster's service ports: nginx 80/443, MariaDB 3306, Carbon 8280/8243 (PassThrough),
 * 9443/9763 (console), 4000/4100/4200/4300 (clustering, as in the guide).
 */
export const GUARDED_PORTS = [80, 443, 3306, 4000, 4100, 4200, 4300, 8243, 8280, 9443, 9763] as const;

export interface PortGuards {
  /** "address:port" of every guard socket held */
  readonly held: readonly string[];
  close(): Promise<void>;
}

/**
 * Listens on guardAddress:port for every port (the lab's own spare address: a failure there means
 * another process holds the port on all addresses, and the lab's hosts could not bind theirs either),
 * and on 127.0.0.1:port where that is free. While a socket listens on some address of a port, Linux
 * refuses a bind of that port to 0.0.0.0 (EADDRINUSE), and the 127.0.0.1 guard refuses 127.0.0.1 too:
 * a daemon left on Debian's defaults (nginx `listen 80`, MariaDB bind-address 127.0.0.1) fails loudly.
 */
export async function holdPortGuards(guardAddress: string, ports: readonly number[] = GUARDED_PORTS): Promise<PortGuards> {
  const servers: net.Server[] = [];
  const held: string[] = [];
  const close = () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))).then(() => undefined);
  try {
    for (const port of ports) {
      const own = await listenGuard(guardAddress, port);
      if (own instanceof Error) {
        throw new Error(`port ${port} is taken on all addresses of this machine (see: ss -ltnp 'sport = :${port}'), ` +
          `so the lab hosts could not bind their own addresses: ${own.message}`);
      }
      servers.push(own);
      held.push(`${guardAddress}:${port}`);
      const local = await listenGuard('127.0.0.1', port);
      if (local instanceof Error) continue; // someone (another lab) already holds it: binds there fail anyway
      servers.push(local);
      held.push(`127.0.0.1:${port}`);
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { held, close };
}

/** A listening socket that drops every connection; an Error when the address:port cannot be bound. */
function listenGuard(address: string, port: number): Promise<net.Server | Error> {
  return new Promise((resolve) => {
    const srv = net.createServer((sock) => sock.destroy());
    srv.once('error', (e) => resolve(e));
    srv.listen({ host: address, port, backlog: 1, exclusive: true }, () => {
      srv.removeAllListeners('error');
      srv.on('error', () => undefined);
      srv.unref();
      resolve(srv);
    });
  });
}
