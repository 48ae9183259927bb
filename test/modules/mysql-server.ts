// A throwaway MariaDB for tests: mariadb-install-db into a temp datadir, mariadbd on a free 127.10.X.1, killed after.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isAddressFree } from '../lab/lab-sshd.js';
import { LocalConnection } from '../../src/connection/local.js';
import type { ModuleDefinition } from '../../src/modules/types.js';
import { hasTool, runModule, type RunOutcome } from './op-harness.js';

const run = promisify(execFile);

export interface TestMariadb {
  readonly dir: string;
  readonly socket: string;
  /** the server's TCP address (127.10.X.1), port 3306 */
  readonly address: string;
  readonly port: number;
  /** 127.10.X.0/24: clients may bind 127.10.X.2.. as their source address */
  readonly subnet: string;
  /** runs SQL as root through the socket with the real client and returns its batch output */
  sql(text: string): Promise<string>;
  stop(): Promise<void>;
}

/** Why a MariaDB cannot be started here, or undefined when it can. */
export function mariadbUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (mariadbd --user=root, unix_socket login as root)';
  for (const t of ['mariadbd', 'mariadb-install-db', 'mariadb']) if (!hasTool(t)) return `${t} is not installed (apt-get install mariadb-server)`;
  return undefined;
}

async function pickAddress(): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const net = 1 + Math.floor(Math.random() * 254);
    if (await isAddressFree(`127.10.${net}.1`, 3306)) return `127.10.${net}.1`;
  }
  throw new Error('no free 127.10.X.1:3306 for the test MariaDB');
}

export async function startMariadb(): Promise<TestMariadb> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  await run('mariadb-install-db', ['--no-defaults', '--auth-root-authentication-method=socket', '--user=root', `--datadir=${datadir}`, '--skip-test-db'], { timeout: 120_000 });
  const address = await pickAddress();
  const log: string[] = [];
  const child: ChildProcess = spawn('mariadbd', [
    '--no-defaults', '--user=root', `--datadir=${datadir}`, `--socket=${socket}`, '--port=3306', `--bind-address=${address}`,
    `--pid-file=${path.join(dir, 'mariadbd.pid')}`, '--skip-name-resolve', '--innodb-buffer-pool-size=16M', '--skip-log-bin',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const sql = async (text: string): Promise<string> => {
    const p = spawn('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdin.on('error', () => undefined); // the client may exit (server not up yet) before reading
    p.stdin.end(text);
    const code: number = await new Promise((r) => p.on('close', (c) => r(c ?? -1)));
    if (code !== 0) throw new Error(`test sql failed (${code}): ${err}`);
    return out;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await fs.rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await fs.rm(dir, { recursive: true, force: true });
      throw new Error(`mariadbd exited (${child.exitCode}): ${log.join('')}`);
    }
    try {
      await sql('SELECT 1');
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`mariadbd did not answer within 60 s: ${log.join('')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { dir, socket, address, port: 3306, subnet: address.replace(/\.1$/, ''), sql, stop };
}

export interface MariadbSuite {
  /** the suite's server (set once its before hook ran) */
  readonly db: TestMariadb;
  /** runs a mysql_* module over the local connection, logged in as root through the server's socket */
  run(def: ModuleDefinition, args: Record<string, unknown>, checkMode?: boolean): Promise<RunOutcome>;
}

/** mocha hooks: a MariaDB for the enclosing suite (skipped where impossible, a failure under CI=true), stopped after. */
export function useMariadb(): MariadbSuite {
  let db: TestMariadb | undefined;
  const conn = new LocalConnection('db');
  before(async function () {
    const why = mariadbUnavailable();
    if (why) {
      if (process.env.CI === 'true') throw new Error(why);
      this.skip();
    }
    db = await startMariadb();
  });
  after(async () => db?.stop());
  return {
    get db() {
      if (!db) throw new Error('the test MariaDB is not running');
      return db;
    },
    run: (def, args, checkMode = false) => runModule(def, { login_unix_socket: db!.socket, ...args }, { conn, checkMode }),
  };
}
