// A real MariaDB for tests: mariadb-install-db into a temp datadir, mariadbd bound to one lab address, root without password.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MysqlConnection, type QueryResult } from '../../standin/server/mysql-client.mjs';

const run = promisify(execFile);

export interface TestMariaDb {
  readonly address: string;
  readonly port: number;
  /** runs statements as root (no password, over TCP) and returns the last result */
  query(...sql: string[]): Promise<QueryResult>;
  stop(): Promise<void>;
}

/** null when this machine can run MariaDB for tests, else why not. */
export function mariaDbMissing(): string | null {
  if (!existsSync('/usr/sbin/mariadbd') || !existsSync('/usr/bin/mariadb-install-db')) return 'mariadb-server is not installed (apt-get install mariadb-server)';
  if (process.getuid?.() !== 0) return 'mariadbd --user=root needs root';
  return null;
}

export async function startMariaDb(address: string, port = 3306): Promise<TestMariaDb> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-mariadb-'));
  const datadir = path.join(dir, 'data');
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { timeout: 60_000 });
  const child: ChildProcess = spawn('mariadbd', [
    '--no-defaults', `--datadir=${datadir}`, `--socket=${path.join(dir, 'sock')}`, `--port=${port}`, `--bind-address=${address}`,
    '--user=root', '--skip-log-bin', '--innodb-buffer-pool-size=32M', `--pid-file=${path.join(dir, 'pid')}`,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      (await MysqlConnection.connect({ host: address, port, user: 'root', password: '', timeoutMs: 1000 })).close();
      break;
    } catch (e) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`mariadbd on ${address}:${port} did not start: ${(e as Error).message}\n${err}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    address,
    port,
    async query(...sql: string[]) {
      const c = await MysqlConnection.connect({ host: address, port, user: 'root', password: '' });
      try {
        let last: QueryResult = { columns: [], rows: [], affectedRows: 0 };
        for (const s of sql) last = await c.query(s);
        return last;
      } finally {
        c.close();
      }
    },
    stop,
  };
}
