// One cluster lab host's own files: a copy of /etc made its own (users, sudoers, sshd, hostname, hosts), homes, logs, state dirs.

import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { LAB_USERS } from './lab-host-files.js';
import { keygen } from './lab-sshd.js';

const run = promisify(execFile);

/**
 * The directories a cluster host has of its own, bind-mounted from `<root><dir>` over `<dir>` in its
 * mount namespace (everything else, /usr included, is the machine's). /run is a fresh tmpfs per boot.
 */
export const HOST_DIRS = ['/etc', '/opt', '/srv', '/home', '/root', '/var/log', '/var/lib/mysql', '/var/lib/nginx', '/tmp'] as const;

export interface ClusterHostInput {
  readonly name: string;
  readonly address: string;
  readonly root: string;
  /** the public key line accepted for root and the lab users */
  readonly userPub: string;
  readonly passwordHash: string;
  /** an initialized MariaDB datadir (see cluster-base.ts) copied as the host's /var/lib/mysql */
  readonly mysqlTemplate: string;
}

/** Creates the host's root directory; returns the public host key line (for known_hosts). */
export async function writeClusterHostFiles(h: ClusterHostInput): Promise<string> {
  const r = (p: string) => path.join(h.root, p);
  await fs.mkdir(r('var/lib'), { recursive: true });
  await run('cp', ['-a', '/etc', r('etc')]);
  const ids = readIds(r('etc'));
  await fs.writeFile(r('etc/hostname'), `${h.name}\n`);
  await fs.writeFile(r('etc/hosts'), hostsFile(h.name, h.address));
  await fs.writeFile(r('etc/machine-id'), `${randomBytes(16).toString('hex')}\n`, { mode: 0o444 });
  await writeUsers(r('etc'), h.passwordHash);
  await fs.symlink('/etc/nginx/sites-available/default', r('etc/nginx/sites-enabled/default')).catch(() => undefined); // as the nginx postinst leaves it
  await fs.writeFile(r('etc/sudoers.d/esbplay-lab'), 'deploy ALL=(ALL:ALL) ALL\nops ALL=(ALL:ALL) NOPASSWD: ALL\n', { mode: 0o440 });
  const hostPub = await writeSshd(r('etc/ssh'), h);
  await makeDir(r('opt'), 0o755);
  await makeDir(r('srv'), 0o755);
  await makeDir(r('tmp'), 0o1777);
  await writeHome(r('root'), 0, 0, 0o700, h.userPub);
  await makeDir(r('home'), 0o755);
  for (const u of LAB_USERS) await writeHome(r(`home/${u.name}`), u.uid, u.uid, 0o755, h.userPub);
  await makeDir(r('var/log'), 0o755);
  await makeDir(r('var/log/nginx'), 0o755, 0, ids.group('adm'));
  await makeDir(r('var/log/mysql'), 0o2750, ids.user('mysql'), ids.group('adm'));
  for (const f of ['wtmp', 'btmp', 'lastlog']) await writeEmpty(r(`var/log/${f}`), f === 'btmp' ? 0o660 : 0o664, 0, ids.group('utmp'));
  await makeDir(r('var/lib/nginx'), 0o755);
  await run('cp', ['-a', '--sparse=always', h.mysqlTemplate, r('var/lib/mysql')]);
  return hostPub;
}

/** Debian's /etc/hosts for a host that knows only itself. */
export function hostsFile(name: string, address: string): string {
  return [
    '127.0.0.1\tlocalhost',
    `${address}\t${name}`,
    '',
    '# The following lines are desirable for IPv6 capable hosts',
    '::1     localhost ip6-localhost ip6-loopback',
    'ff02::1 ip6-allnodes',
    'ff02::2 ip6-allrouters',
    '',
  ].join('\n');
}

/** Appends the lab users (LAB_USERS, homes under /home) to the host's passwd, shadow, group and gshadow. */
async function writeUsers(etc: string, passwordHash: string): Promise<void> {
  const add = (file: string, lines: string) => fs.appendFile(path.join(etc, file), lines);
  await add('passwd', LAB_USERS.map((u) => `${u.name}:x:${u.uid}:${u.uid}::/home/${u.name}:/bin/bash\n`).join(''));
  await add('shadow', LAB_USERS.map((u) => `${u.name}:${passwordHash}:19000:0:99999:7:::\n`).join(''));
  await add('group', LAB_USERS.map((u) => `${u.name}:x:${u.uid}:\n`).join(''));
  await add('gshadow', LAB_USERS.map((u) => `${u.name}:!::\n`).join(''));
}

/** The host's own ed25519 host key (the machine's keys are removed) and a drop-in that wins over the stock sshd_config. */
async function writeSshd(sshDir: string, h: ClusterHostInput): Promise<string> {
  for (const f of await fs.readdir(sshDir)) if (f.startsWith('ssh_host_')) await fs.rm(path.join(sshDir, f));
  const pub = await keygen(path.join(sshDir, 'ssh_host_ed25519_key'), h.name);
  const conf = [
    '# esbplay cluster lab host: first match wins, so these override the stock sshd_config below the Include.',
    `ListenAddress ${h.address}:22`,
    'HostKey /etc/ssh/ssh_host_ed25519_key',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'MaxSessions 10',
    'MaxStartups 100:30:200',
    'LogLevel ERROR',
    '',
  ].join('\n');
  await fs.mkdir(path.join(sshDir, 'sshd_config.d'), { recursive: true });
  await fs.writeFile(path.join(sshDir, 'sshd_config.d', 'esbplay-lab.conf'), conf);
  return pub;
}

/** A home with Debian's dot files and the lab key in ~/.ssh/authorized_keys, owned by uid:gid. */
async function writeHome(home: string, uid: number, gid: number, mode: number, userPub: string): Promise<void> {
  await makeDir(home, mode, uid, gid);
  const dotFiles: Array<[string, string]> = uid === 0
    ? [['/usr/share/base-files/dot.bashrc', '.bashrc'], ['/usr/share/base-files/dot.profile', '.profile']]
    : [['/etc/skel/.bashrc', '.bashrc'], ['/etc/skel/.profile', '.profile'], ['/etc/skel/.bash_logout', '.bash_logout']];
  for (const [src, name] of dotFiles) {
    await fs.copyFile(src, path.join(home, name)).catch(() => undefined);
    await fs.chown(path.join(home, name), uid, gid).catch(() => undefined);
  }
  await makeDir(path.join(home, '.ssh'), 0o700, uid, gid);
  await writeEmpty(path.join(home, '.ssh', 'authorized_keys'), 0o600, uid, gid, `${userPub}\n`);
}

async function makeDir(dir: string, mode: number, uid = 0, gid = 0): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await fs.chown(dir, uid, gid);
  await fs.chmod(dir, mode);
}

async function writeEmpty(file: string, mode: number, uid: number, gid: number, text = ''): Promise<void> {
  await fs.writeFile(file, text);
  await fs.chown(file, uid, gid);
  await fs.chmod(file, mode);
}

/** uid/gid lookups in an /etc copy (the system users and groups the packages created). */
function readIds(etc: string): { user(name: string): number; group(name: string): number } {
  const table = (file: string) => new Map(readFileSync(path.join(etc, file), 'utf8').split('\n')
    .map((l) => l.split(':')).filter((f) => f.length > 2).map((f) => [f[0]!, Number(f[2])]));
  const users = table('passwd');
  const groups = table('group');
  const get = (m: Map<string, number>, kind: string, name: string) => {
    const id = m.get(name);
    if (id === undefined) throw new Error(`the machine has no ${kind} '${name}' (is the Debian package installed?)`);
    return id;
  };
  return { user: (n) => get(users, 'user', n), group: (n) => get(groups, 'group', n) };
}
