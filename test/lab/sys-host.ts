// A throwaway ssh host for the system modules: sshd in its own namespaces with private /etc, dpkg database, apt state, /home, /opt.

import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ConnectionSpec } from '../../src/connection/types.js';
import { hostKeyPath, keygen, pickSubnet, spawnHost, waitForSsh, type HostProcess } from './lab-sshd.js';

const run = promisify(execFile);

/** Directory under the host's root -> target in the host; 'copy' entries start as a copy of this machine's. */
const MOUNTS: ReadonlyArray<readonly [string, string, 'copy' | 'empty']> = [
  ['etc', '/etc', 'copy'],
  ['dpkg', '/var/lib/dpkg', 'copy'],
  ['debconf', '/var/cache/debconf', 'copy'],
  ['apt-state', '/var/lib/apt', 'empty'],
  ['apt-cache', '/var/cache/apt', 'empty'],
  ['log', '/var/log', 'empty'],
  ['mail', '/var/mail', 'empty'],
  ['home', '/home', 'empty'],
  ['opt', '/opt', 'empty'],
];

export interface SysHost {
  readonly dir: string;
  /** the host's private root: <root>/etc is its /etc, <root>/dpkg its /var/lib/dpkg... */
  readonly root: string;
  readonly address: string;
  /** a file:// apt repository the host's only apt source points at (add .debs, then call indexRepo) */
  readonly repo: string;
  /** root by default; SUDOER logs in as a plain user (use become for root) */
  spec(user?: string): ConnectionSpec;
  /** rewrites the repository's Packages index from the .deb files in it */
  indexRepo(): Promise<void>;
  stop(): Promise<void>;
}

async function prepareRoot(root: string, repo: string): Promise<void> {
  await fs.mkdir(root, { recursive: true });
  for (const [dir, target, how] of MOUNTS) {
    const at = path.join(root, dir);
    if (how === 'copy') await run('cp', ['-a', '--', target, at]);
    else await fs.mkdir(at, { recursive: true });
  }
  await fs.mkdir(path.join(root, 'apt-state', 'lists', 'partial'), { recursive: true });
  // like a real host's, the package lists are old (two days), not just made
  const old = new Date(Date.now() - 2 * 86_400_000);
  await fs.utimes(path.join(root, 'apt-state', 'lists'), old, old);
  await fs.mkdir(path.join(root, 'apt-cache', 'archives', 'partial'), { recursive: true });
  await fs.mkdir(path.join(root, 'log', 'apt'), { recursive: true });
  const apt = path.join(root, 'etc', 'apt');
  await fs.rm(path.join(apt, 'sources.list'), { force: true });
  await fs.rm(path.join(apt, 'sources.list.d'), { recursive: true, force: true });
  await fs.mkdir(path.join(apt, 'sources.list.d'));
  await fs.writeFile(path.join(apt, 'sources.list.d', 'esbplay-test.list'), `deb [trusted=yes] file:${repo} ./\n`);
  // a non-root login that may sudo without a password, for become
  const etc = path.join(root, 'etc');
  await fs.appendFile(path.join(etc, 'passwd'), `${SUDOER}:x:1600:1600::/tmp:/bin/sh\n`);
  await fs.appendFile(path.join(etc, 'group'), `${SUDOER}:x:1600:\n`);
  await fs.appendFile(path.join(etc, 'shadow'), `${SUDOER}:*:19000:0:99999:7:::\n`);
  await fs.writeFile(path.join(etc, 'sudoers.d', 'esbplay-test'), `${SUDOER} ALL=(ALL:ALL) NOPASSWD: ALL\n`, { mode: 0o440 });
}

/** The non-root user of every test host (same key as root; sudo without a password). */
export const SUDOER = 'deployer';

/** Starts the host (root only; callers skip with requireLab first). */
export async function startSysHost(name = 'syshost'): Promise<SysHost> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-syshost-'));
  await fs.chmod(dir, 0o755);
  const root = path.join(dir, 'root');
  const repo = path.join(dir, 'repo');
  let proc: HostProcess | undefined;
  try {
    await fs.mkdir(repo, { recursive: true });
    await prepareRoot(root, repo);
    const address = `127.10.${await pickSubnet([1])}.1`;
    const keyFile = path.join(dir, 'id_ed25519');
    await keygen(keyFile, 'esbplay-syshost');
    const hostPub = (await keygen(hostKeyPath(dir), name)).split(' ').slice(0, 2).join(' ');
    const knownHostsFile = path.join(dir, 'known_hosts');
    await fs.writeFile(knownHostsFile, `${address} ${hostPub}\n`);
    const config = path.join(dir, 'sshd_config');
    await fs.writeFile(config, [`ListenAddress ${address}:22`, `HostKey ${hostKeyPath(dir)}`, 'PidFile none',
      `AuthorizedKeysFile ${keyFile}.pub`, 'PermitRootLogin prohibit-password', 'UsePAM no', 'StrictModes no',
      'Subsystem sftp /usr/lib/openssh/sftp-server', 'LogLevel ERROR', ''].join('\n'));
    const host = { root, address, repo, dir };
    const indexRepo = async () => {
      const { stdout } = await run('dpkg-scanpackages', ['--multiversion', '.', '/dev/null'], { cwd: repo });
      await fs.writeFile(path.join(repo, 'Packages'), stdout);
    };
    await indexRepo();
    proc = spawnHost(root, name, config, MOUNTS.map(([dir, target]) => [dir, target] as const));
    const p = proc;
    const killOnExit = () => p.child.kill('SIGKILL');
    process.on('exit', killOnExit);
    await waitForSsh(address, 22, proc);
    return {
      ...host,
      spec: (user = 'root') => ({ host: name, transport: 'ssh', address, port: 22, user, privateKeyFile: keyFile, knownHostsFile }),
      indexRepo,
      stop: async () => {
        if (p.child.exitCode === null && p.child.signalCode === null) {
          const exited = new Promise((r) => p.child.once('exit', r));
          p.child.kill('SIGKILL');
          await exited;
        }
        process.off('exit', killOnExit);
        await fs.rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    proc?.child.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Builds a tiny .deb (installs one file under /opt/esbplay-test-NAME) into DIR; returns its path. */
export async function buildDeb(dir: string, name: string, version: string): Promise<string> {
  const src = await fs.mkdtemp(path.join(os.tmpdir(), 'esbplay-deb-'));
  try {
    await fs.mkdir(path.join(src, 'DEBIAN'));
    await fs.mkdir(path.join(src, 'opt', `esbplay-test-${name}`), { recursive: true });
    await fs.writeFile(path.join(src, 'opt', `esbplay-test-${name}`, 'VERSION'), `${version}\n`);
    await fs.writeFile(path.join(src, 'DEBIAN', 'control'), [`Package: ${name}`, `Version: ${version}`, 'Architecture: all',
      'Maintainer: esbplay tests <tests@esbplay.invalid>', 'Section: misc', 'Priority: optional',
      `Description: esbplay test package ${name}`, ' Installs one file under /opt for the apt module tests.', ''].join('\n'));
    const out = path.join(dir, `${name}_${version}_all.deb`);
    await run('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', src, out]);
    return out;
  } finally {
    await fs.rm(src, { recursive: true, force: true });
  }
}
