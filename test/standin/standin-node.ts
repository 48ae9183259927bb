// Test helpers: build the stand-in once, unpack packs and the JDK into temp dirs, configure nodes, drive the real wso2server.sh.

import { execFile, spawn } from 'node:child_process';
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildStandin, type StandinArchives } from '../../standin/build/build-standin.mjs';
import { isAddressFree } from '../lab/lab-sshd.js';

const run = promisify(execFile);
let built: Promise<StandinArchives> | undefined;

/** The archives, built once per test process into a temp dir (never racing a `npm run build:standin`). */
export function standinArchives(): Promise<StandinArchives> {
  built ??= fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-standin-dist-')).then((dir) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return buildStandin(dir);
  });
  return built;
}

/** Unpacks wso2esb-<version>.tar.gz under root; returns CARBON_HOME. */
export async function unpackPack(version: '4.9.0' | '5.0.0', root: string): Promise<string> {
  const a = await standinArchives();
  await fs.mkdir(root, { recursive: true });
  await run('tar', ['-xzf', a.tarGz[version], '-C', root]);
  return path.join(root, `wso2esb-${version}`);
}

/** Unpacks the stand-in JDK under root; returns JAVA_HOME. */
export async function unpackJdk(root: string): Promise<string> {
  const a = await standinArchives();
  await fs.mkdir(root, { recursive: true });
  await run('tar', ['-xzf', a.jdk, '-C', root]);
  return path.join(root, 'standin-jdk1.8.0');
}

/** n free loopback addresses 127.10.X.1..n (ports 8280 and 9443 unused on each). */
export async function pickAddresses(n: number): Promise<string[]> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const net = 1 + Math.floor(Math.random() * 254);
    const addrs = Array.from({ length: n }, (_, i) => `127.10.${net}.${i + 101}`);
    const free = await Promise.all(addrs.flatMap((a) => [isAddressFree(a, 8280), isAddressFree(a, 9443), isAddressFree(a, 3306)]));
    if (free.every(Boolean)) return addrs;
  }
  throw new Error('no free 127.10.x.0/24 block for stand-in nodes');
}

export interface NodeOptions {
  /** every listener of the node binds this address */
  readonly address: string;
  readonly offset?: number;
  readonly hostName?: string;
  readonly cluster?: {
    readonly domain: string;
    readonly port: number;
    readonly members: ReadonlyArray<{ readonly host: string; readonly port: number }>;
    readonly subDomain?: string;
  };
}

async function edit(file: string, f: (s: string) => string): Promise<void> {
  const before = await fs.readFile(file, 'latin1');
  const after = f(before);
  if (after === before) throw new Error(`test edit changed nothing in ${file}`);
  await fs.writeFile(file, after, 'latin1');
}

function replaceOnce(s: string, from: string | RegExp, to: string): string {
  if (typeof from === 'string' ? !s.includes(from) : !from.test(s)) throw new Error(`pattern not found: ${from}`);
  return s.replace(from, to);
}

/** Edits the stock files of a node as an operator would: bind addresses, offset, host name, clustering. */
export async function configureNode(home: string, o: NodeOptions): Promise<void> {
  const conf = path.join(home, 'repository', 'conf');
  await edit(path.join(conf, 'axis2', 'axis2.xml'), (s) => {
    s = s.split('<!--parameter name="bind-address" locked="false">hostname or IP address</parameter-->').join(`<parameter name="bind-address" locked="false">${o.address}</parameter>`);
    const c = o.cluster;
    if (!c) return s;
    s = replaceOnce(s, /(<clustering class="[^"]+"\s+enable=")false"/, '$1true"');
    s = replaceOnce(s, '<parameter name="domain">wso2.carbon.domain</parameter>', `<parameter name="domain">${c.domain}</parameter>`);
    s = replaceOnce(s, '<parameter name="localMemberHost">127.0.0.1</parameter>', `<parameter name="localMemberHost">${o.address}</parameter>`);
    s = replaceOnce(s, '<parameter name="localMemberPort">4100</parameter>', `<parameter name="localMemberPort">${c.port}</parameter>`);
    if (c.subDomain) s = replaceOnce(s, '<parameter name="properties">', `<parameter name="properties">\n            <property name="subDomain" value="${c.subDomain}"/>`);
    const members = c.members.map((m) => `            <member>\n                <hostName>${m.host}</hostName>\n                <port>${m.port}</port>\n            </member>`).join('\n');
    return replaceOnce(s, /<members>[\s\S]*?<\/members>/, `<members>\n${members}\n        </members>`);
  });
  await edit(path.join(conf, 'tomcat', 'catalina-server.xml'), (s) => s.replace(/port="(9763|9443)"\n/g, `port="$1"\n                address="${o.address}"\n`));
  if (o.offset !== undefined || o.hostName) {
    await edit(path.join(conf, 'carbon.xml'), (s) => {
      if (o.offset !== undefined) s = replaceOnce(s, '<Offset>0</Offset>', `<Offset>${o.offset}</Offset>`);
      if (o.hostName) s = replaceOnce(s, '<!--HostName>www.wso2.org</HostName-->', `<HostName>${o.hostName}</HostName>`);
      return s;
    });
  }
}

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs bin/wso2server.sh with the stand-in JAVA_HOME (and JAVA_OPTS etc. from env); resolves when the script exits. */
export function runServerScript(home: string, javaHome: string, args: readonly string[], env: Record<string, string> = {}): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn(path.join(home, 'bin', 'wso2server.sh'), [...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), JAVA_HOME: javaHome, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export const logFile = (home: string) => path.join(home, 'repository', 'logs', 'wso2carbon.log');

export async function readLog(home: string): Promise<string> {
  return fs.readFile(logFile(home), 'utf8').catch(() => '');
}

/** Waits until the node's log matches re (after byte offset `from`); rejects with the log's tail after timeoutMs. */
export async function waitForLog(home: string, re: RegExp, timeoutMs = 20_000, from = 0): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await fs.readFile(logFile(home)).catch(() => Buffer.alloc(0))).subarray(from).toString('utf8');
    const m = text.match(re);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no ${re} in ${logFile(home)} within ${timeoutMs} ms; last lines:\n${text.split('\n').slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function readPid(home: string): Promise<number | undefined> {
  const t = await fs.readFile(path.join(home, 'wso2carbon.pid'), 'utf8').catch(() => '');
  const n = Number(t.trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once pid has exited; rejects after timeoutMs. */
export async function waitForExit(pid: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`pid ${pid} still alive after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when pid is alive and is the stand-in JVM of this home (never a recycled pid of something else). */
function isNodeOf(pid: number, home: string): boolean {
  return isAlive(pid) && readFileSyncSafe(`/proc/${pid}/cmdline`).includes(`-Dcarbon.home=${home}`);
}

/** Remembers every node home a test starts and SIGKILLs the stand-in JVMs still running there (call from afterEach/after). */
export class NodeReaper {
  readonly #homes = new Set<string>();
  readonly #pids = new Map<number, string>();

  constructor() {
    // a test process that ends early (mocha --bail, an uncaught error) still kills its servers
    process.once('exit', () => {
      for (const h of this.#homes) {
        const pid = Number(readFileSyncSafe(path.join(h, 'wso2carbon.pid')).trim());
        if (Number.isInteger(pid) && pid > 0 && isNodeOf(pid, h)) process.kill(pid, 'SIGKILL');
      }
    });
  }

  track(home: string): string {
    this.#homes.add(home);
    return home;
  }

  /** remember the current pid of every tracked node (call after starts, so restarts are covered too) */
  async remember(): Promise<void> {
    for (const h of this.#homes) {
      const pid = await readPid(h);
      if (pid) this.#pids.set(pid, h);
    }
  }

  async killAll(): Promise<void> {
    await this.remember();
    const killed: number[] = [];
    for (const [pid, home] of this.#pids) {
      if (!isNodeOf(pid, home)) continue;
      process.kill(pid, 'SIGKILL');
      killed.push(pid);
    }
    for (const pid of killed) await waitForExit(pid, 5000).catch(() => undefined);
    this.#pids.clear();
  }
}

export const FAST = '-Dstandin.startDelayMs=300 -Dstandin.stopDelayMs=600 -Dstandin.heartbeatMs=200 -Dstandin.memberTimeoutMs=2000';

/** One test file's stand-in setup: a temp dir with the JDK, free addresses, fresh configured nodes, and the cleanup. */
export class StandinBench {
  readonly reaper = new NodeReaper();
  tmp = '';
  javaHome = '';
  addrs: string[] = [];
  #next = 0;

  /** `reserved` addresses at the start of addrs are left for other servers (e.g. MariaDB). */
  async setUp(name: string, addresses: number, reserved = 0): Promise<void> {
    this.tmp = await fs.mkdtemp(path.join(os.tmpdir(), `esbplay-standin-${name}-`));
    this.javaHome = await unpackJdk(this.tmp);
    this.addrs = await pickAddresses(addresses);
    this.#next = reserved;
  }

  /** A freshly unpacked node on the next free address, configured with `extra` (bind address always set). */
  async newNode(version: '4.9.0' | '5.0.0' = '4.9.0', extra: Omit<NodeOptions, 'address'> = {}): Promise<{ home: string; address: string }> {
    const i = this.#next++;
    const address = this.addrs[i];
    if (!address) throw new Error(`test bench has only ${this.addrs.length} addresses`);
    const home = await unpackPack(version, path.join(this.tmp, `node${i}`));
    await configureNode(home, { address, ...extra });
    return { home: this.reaper.track(home), address };
  }

  async tearDown(): Promise<void> {
    await this.reaper.killAll();
    if (this.tmp) await fs.rm(this.tmp, { recursive: true, force: true });
  }
}
