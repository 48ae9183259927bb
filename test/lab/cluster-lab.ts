// The cluster lab: plain Debian hosts lb, db, mgr, wrk1..N on their own loopback addresses, for the roles to turn into the ESB cluster.

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionSpec } from '../../src/connection/types.js';
import { checkClusterPrereqs, makeMysqlTemplate, verifyStockConfig } from './cluster-base.js';
import { holdPortGuards, type PortGuards } from './cluster-guard.js';
import { HOST_DIRS, writeClusterHostFiles } from './cluster-host-files.js';
import { writeInventoryDir, type HostRole, type InventoryHost } from './cluster-inventory.js';
import { bootHost, execInHost, readInitPid, readNamespaces, type HostExecOptions, type HostExecResult } from './cluster-namespace.js';
import { hashPassword } from './lab-host-files.js';
import { isAddressFree, keygen, pickSubnet, waitForSsh, type HostProcess } from './lab-sshd.js';

export interface ClusterHost extends InventoryHost {
  /** the directory holding the host's own dirs: <root>/etc is its /etc, <root>/var/log its /var/log (HOST_DIRS) */
  readonly root: string;
}

/** A running host's processes, as this (the controller's) pid namespace sees them. */
export interface HostProcessInfo {
  readonly host: string;
  readonly unsharePid: number;
  /** pid 1 of the host's pid namespace; SIGKILL to it ends every process of the host */
  readonly initPid: number;
  readonly pidNs: string;
  readonly mntNs: string;
}

export interface ClusterLab {
  readonly dir: string;
  /** the lab's block: hosts are 127.10.<net>.1 (lb), .2 (db), .3 (mgr), .4.. (wrk1..); .254 holds the port guards */
  readonly net: number;
  /** in inventory order; addWorker appends */
  readonly hosts: readonly ClusterHost[];
  /** private key accepted for root, deploy, ops and app on every host */
  readonly keyFile: string;
  readonly knownHostsFile: string;
  /** login and sudo password of the deploy, ops and app users */
  readonly userPassword: string;
  /** address:port of each port guard held (see cluster-guard.ts) */
  readonly guards: readonly string[];
  host(name: string): ClusterHost;
  /** a ConnectionSpec for root on that host (key auth, lab known_hosts), with overrides */
  spec(name: string, extra?: Partial<ConnectionSpec>): ConnectionSpec;
  /** where a file of the host's own dirs is on the controller, e.g. path('db', '/var/log/mysql') */
  path(name: string, hostPath: string): string;
  /** runs argv as root inside the running host (nsenter; no shell, no ssh) */
  exec(name: string, argv: readonly string[], opts?: HostExecOptions): Promise<HostExecResult>;
  /** writes <dir>/inventory/ (hosts.yml + inventories/lab/ template) for the current hosts; returns its path */
  inventoryDir(): Promise<string>;
  /** a new worker wrk<N+1> on the next address, booted and in the lab's known_hosts */
  addWorker(): Promise<ClusterHost>;
  /** SIGKILLs every process of the host (sshd, sessions, daemons), as if the machine died */
  killHost(name: string): Promise<void>;
  /** boots a killed host again: same files, fresh /run, empty /tmp, nothing running but sshd */
  startHost(name: string): Promise<void>;
  processes(): HostProcessInfo[];
  /** kills every host (and everything started in them), drops the port guards, removes the lab's files */
  stop(): Promise<void>;
}

export interface ClusterLabOptions {
  /** number of workers (wrk1..wrkN), default 2 */
  readonly workers?: number;
}

const MAX_WORKERS = 200;
const GUARD_OCTET = 254;
const ROLE_OF: ReadonlyArray<readonly [string, HostRole]> = [['lb', 'lb'], ['db', 'db'], ['mgr', 'mgr']];

export async function startClusterLab(opts: ClusterLabOptions = {}): Promise<ClusterLab> {
  const workers = opts.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) throw new Error(`a cluster lab has 0 to ${MAX_WORKERS} workers`);
  const missing = checkClusterPrereqs();
  if (missing) throw new Error(missing);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-cluster-'));
  await fs.chmod(dir, 0o755); // mysqld (user mysql) initializes the datadir template in here
  const procs = new Map<string, { proc: HostProcess; info: HostProcessInfo }>();
  const hosts: ClusterHost[] = [];
  let guards: PortGuards | undefined;
  const killAll = () => {
    for (const { proc } of procs.values()) if (alive(proc)) proc.child.kill('SIGKILL'); // --kill-child takes pid 1 along
  };
  process.on('exit', killAll);
  const killHost = async (name: string) => {
    const p = procs.get(name);
    if (!p || !alive(p.proc)) return;
    const exited = new Promise((r) => p.proc.child.once('exit', r));
    process.kill(p.info.initPid, 'SIGKILL'); // unshare reaps pid 1 only after the kernel has killed the whole namespace
    await exited;
  };
  const stop = async () => {
    await Promise.all([...procs.keys()].map(killHost));
    process.off('exit', killAll);
    await guards?.close();
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    const slots = Array.from({ length: 3 + workers }, (_, i) => i + 1);
    const [net] = await Promise.all([pickSubnet([...slots, GUARD_OCTET]), verifyStockConfig()]);
    guards = await holdPortGuards(`127.10.${net}.${GUARD_OCTET}`);
    const keyFile = path.join(dir, 'id_ed25519');
    const knownHostsFile = path.join(dir, 'known_hosts');
    const [userPub, mysqlTemplate] = await Promise.all([keygen(keyFile, 'esbplay-cluster-lab'), makeMysqlTemplate(path.join(dir, 'base'))]);
    const userPassword = 'lab-Passw0rd';
    const passwordHash = hashPassword(userPassword);
    const find = (name: string): ClusterHost => {
      const h = hosts.find((x) => x.name === name);
      if (!h) throw new Error(`no cluster lab host ${name} (hosts: ${hosts.map((x) => x.name).join(', ')})`);
      return h;
    };
    const initPid = (name: string): number => {
      const p = procs.get(find(name).name);
      if (!p || !alive(p.proc)) throw new Error(`cluster lab host ${name} is not running`);
      return p.info.initPid;
    };
    const startHost = async (name: string) => {
      const h = find(name);
      if (procs.has(name) && alive(procs.get(name)!.proc)) return;
      await clearDir(path.join(h.root, 'tmp')); // Debian 12 empties /tmp at boot (tmpfiles.d/tmp.conf)
      const proc = bootHost(h.root, h.name);
      try {
        await waitForSsh(h.address, h.port, proc);
      } catch (e) {
        if (alive(proc)) proc.child.kill('SIGKILL');
        throw e;
      }
      const init = readInitPid(proc.child.pid!);
      procs.set(name, { proc, info: { host: name, unsharePid: proc.child.pid!, initPid: init, ...nsOf(init) } });
    };
    const createHosts = async (added: ClusterHost[]) => {
      const pubs = await Promise.all(added.map((h) => writeClusterHostFiles({ ...h, userPub, passwordHash, mysqlTemplate })));
      await fs.appendFile(knownHostsFile, added.map((h, i) => `${h.address} ${pubs[i]!.split(' ').slice(0, 2).join(' ')}\n`).join(''));
      hosts.push(...added);
      await Promise.all(added.map((h) => startHost(h.name)));
    };
    const makeHost = (name: string, role: HostRole, octet: number): ClusterHost =>
      ({ name, role, address: `127.10.${net}.${octet}`, port: 22, root: path.join(dir, 'hosts', name) });
    await createHosts([
      ...ROLE_OF.map(([name, role], i) => makeHost(name, role, i + 1)),
      ...Array.from({ length: workers }, (_, i) => makeHost(`wrk${i + 1}`, 'worker', 4 + i)),
    ]);
    return {
      dir, net, hosts, keyFile, knownHostsFile, userPassword, guards: guards.held,
      host: find,
      spec: (name, extra = {}) => {
        const h = find(name);
        return { host: h.name, transport: 'ssh', address: h.address, port: h.port, user: 'root', privateKeyFile: keyFile, knownHostsFile, ...extra };
      },
      path: (name, hostPath) => {
        const own = HOST_DIRS.find((d) => hostPath === d || hostPath.startsWith(`${d}/`));
        if (!own || hostPath.split('/').includes('..')) {
          throw new Error(`${hostPath} is not in ${name}'s own dirs (${HOST_DIRS.join(', ')}); a running host's other files are under /proc/<initPid>/root`);
        }
        return path.join(find(name).root, hostPath);
      },
      exec: (name, argv, execOpts) => execInHost(initPid(name), argv, execOpts),
      inventoryDir: () => writeInventoryDir(path.join(dir, 'inventory'), hosts, { keyFile, knownHostsFile }),
      addWorker: async () => {
        const n = hosts.filter((h) => h.role === 'worker').length + 1;
        if (n > MAX_WORKERS) throw new Error(`a cluster lab has at most ${MAX_WORKERS} workers`);
        const h = makeHost(`wrk${n}`, 'worker', 3 + n);
        if (!(await isAddressFree(h.address, 22))) throw new Error(`cannot add ${h.name}: ${h.address}:22 is taken by another process`);
        await createHosts([h]);
        return h;
      },
      killHost: async (name) => killHost(find(name).name),
      startHost,
      processes: () => [...procs.values()].filter((p) => alive(p.proc)).map((p) => p.info),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

function alive(p: HostProcess): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

async function clearDir(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir)) await fs.rm(path.join(dir, entry), { recursive: true, force: true });
}

function nsOf(pid: number): { pidNs: string; mntNs: string } {
  const ns = readNamespaces(pid);
  return { pidNs: ns.pid, mntNs: ns.mnt };
}
