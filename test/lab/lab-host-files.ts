// Per-lab-host files: the directories bound over /opt, /etc/nginx, /etc/hosts, the user database, sudoers, sshd_config.

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Lab users besides root: deploy needs a sudo password, ops sudoes without one, app is a become_user target. */
export const LAB_USERS = [
  { name: 'deploy', uid: 1500 },
  { name: 'ops', uid: 1501 },
  { name: 'app', uid: 1502 },
] as const;

/** The files a lab host mounts over the machine's own (target in the host -> file under the host's root). */
export const BIND_MOUNTS: ReadonlyArray<readonly [string, string]> = [
  ['opt', '/opt'],
  ['etc-nginx', '/etc/nginx'],
  ['hosts', '/etc/hosts'],
  ['passwd', '/etc/passwd'],
  ['shadow', '/etc/shadow'],
  ['group', '/etc/group'],
  ['sudoers', '/etc/sudoers'],
];

export function hashPassword(password: string): string {
  const r = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n`, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl passwd failed: ${r.stderr}`);
  return r.stdout.trim();
}

export interface HostFilesInput {
  readonly name: string;
  readonly address: string;
  readonly root: string;
  readonly hostKeyFile: string;
  readonly authorizedKeysFile: string;
  readonly passwordHash: string;
}

/** Creates the host's root directory with everything sshd and the bind mounts need. */
export async function writeHostFiles(h: HostFilesInput): Promise<string> {
  const r = h.root;
  await fs.mkdir(path.join(r, 'opt'), { recursive: true });
  await fs.mkdir(path.join(r, 'etc-nginx'), { recursive: true });
  await fs.writeFile(path.join(r, 'opt', 'lab-host'), `${h.name}\n`);
  await fs.writeFile(path.join(r, 'hosts'), `127.0.0.1\tlocalhost\n${h.address}\t${h.name}\n`);
  for (const u of LAB_USERS) {
    const home = path.join(r, 'opt', 'home', u.name);
    await fs.mkdir(home, { recursive: true });
    await fs.chown(home, u.uid, u.uid);
  }
  const users = LAB_USERS.map((u) => `${u.name}:x:${u.uid}:${u.uid}::/opt/home/${u.name}:/bin/bash\n`).join('');
  const shadow = LAB_USERS.map((u) => `${u.name}:${h.passwordHash}:19000:0:99999:7:::\n`).join('');
  const groups = LAB_USERS.map((u) => `${u.name}:x:${u.uid}:\n`).join('');
  await fs.writeFile(path.join(r, 'passwd'), readFileSync('/etc/passwd', 'utf8') + users);
  await fs.writeFile(path.join(r, 'shadow'), readFileSync('/etc/shadow', 'utf8') + shadow, { mode: 0o640 });
  await fs.writeFile(path.join(r, 'group'), readFileSync('/etc/group', 'utf8') + groups);
  const sudoers = [
    'Defaults env_reset',
    'Defaults !lecture',
    'root ALL=(ALL:ALL) ALL',
    'deploy ALL=(ALL:ALL) ALL',
    'ops ALL=(ALL:ALL) NOPASSWD: ALL',
    '',
  ].join('\n');
  await fs.writeFile(path.join(r, 'sudoers'), sudoers, { mode: 0o440 });
  const config = [
    `ListenAddress ${h.address}:22`,
    `HostKey ${h.hostKeyFile}`,
    'PidFile none',
    `AuthorizedKeysFile ${h.authorizedKeysFile}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'MaxSessions 10',
    'MaxStartups 100:30:200',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    'LogLevel ERROR',
    '',
  ].join('\n');
  const configFile = path.join(r, 'sshd_config');
  await fs.writeFile(configFile, config);
  return configFile;
}
