// A cluster lab host as namespaces: boot it (own dirs bound, fresh /run, sshd), run argv inside it with nsenter, kill it whole.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { HOST_DIRS } from './cluster-host-files.js';
import { spawnNamespaces, type HostProcess } from './lab-sshd.js';
import { SSHD } from './lab-prereq.js';

/** PATH and locale of a lab host's processes (what a root login on Debian gets). */
export const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

// Fixed script; values arrive as positional arguments: $1 root, $2 hostname, then the host's own dirs.
// Sources are relative to the root (cwd, --no-canonicalize), so binding /tmp or /root cannot hide them.
const BOOT_SCRIPT = [
  'set -e',
  'root=$1; name=$2; shift 2',
  'mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run',
  'mkdir -m 0755 /run/sshd',
  'mkdir -m 1777 /run/lock',
  'ln -s /dev/shm /run/shm',
  'cd "$root"',
  'for d in "$@"; do mount --no-canonicalize --bind ".$d" "$d"; done',
  'cd /',
  'hostname "$name"',
  `exec ${SSHD} -D -e -f /etc/ssh/sshd_config`,
].join('\n');

/** Boots the host: pid 1 of its namespaces mounts its dirs and execs sshd; killing pid 1 ends every process in it. */
export function bootHost(root: string, name: string): HostProcess {
  return spawnNamespaces(BOOT_SCRIPT, [root, name, ...HOST_DIRS], { PATH: HOST_PATH, LANG: 'C.UTF-8' });
}

/** The pid (in this namespace) of the host's pid 1: unshare's only child. */
export function readInitPid(unsharePid: number): number {
  const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (children.length !== 1) throw new Error(`lab host: unshare ${unsharePid} has ${children.length} children, expected 1`);
  return Number(children[0]);
}

/** The inode names of a process's pid and mount namespaces, e.g. 'pid:[4026532811]'. */
export function readNamespaces(pid: number): { pid: string; mnt: string } {
  return { pid: readlinkSync(`/proc/${pid}/ns/pid`), mnt: readlinkSync(`/proc/${pid}/ns/mnt`) };
}

/** Every process (pid here, command line) whose pid namespace is one of pidNamespaces. */
export function findProcessesIn(pidNamespaces: readonly string[]): Array<{ pid: number; cmdline: string }> {
  const found: Array<{ pid: number; cmdline: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!pidNamespaces.includes(readlinkSync(`/proc/${entry}/ns/pid`))) continue;
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // the process exited while we looked
    }
  }
  return found;
}

export interface HostExecResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface HostExecOptions {
  readonly stdin?: string;
  /** extra environment (the base is PATH, LANG, HOME=/root, USER=root) */
  readonly env?: Readonly<Record<string, string>>;
  /** kill the command (SIGKILL) after this many ms; default 120000 */
  readonly timeoutMs?: number;
}

/**
 * Runs argv as root inside the host (its mount, UTS and pid namespaces; cwd /; a clean environment),
 * like an ssh session would, without a shell. Resolves when the command exits: a daemon it leaves
 * behind holding its output open does not keep the call waiting.
 */
export function execInHost(initPid: number, argv: readonly string[], opts: HostExecOptions = {}): Promise<HostExecResult> {
  const env = { PATH: HOST_PATH, LANG: 'C.UTF-8', HOME: '/root', USER: 'root', LOGNAME: 'root', ...opts.env };
  const child = spawn('nsenter', ['-t', String(initPid), '-m', '-u', '-p', '--wdns=/', '--', ...argv], { stdio: 'pipe', cwd: '/', env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.on('error', () => undefined);
  child.stdin.end(opts.stdin ?? '');
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    let status: { code: number | null; signal: string | null } | undefined;
    const finish = () => {
      clearTimeout(killer);
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code: status?.code ?? null, signal: status?.signal ?? null, stdout, stderr });
    };
    child.once('error', (e) => {
      clearTimeout(killer);
      reject(new Error(`nsenter into lab host (pid ${initPid}) failed: ${e.message}`));
    });
    child.once('exit', (code, signal) => {
      status = { code, signal };
      // the output is complete at 'close'; a daemon left holding the pipes must not keep us waiting
      const grace = setTimeout(finish, 500);
      child.once('close', () => {
        clearTimeout(grace);
        finish();
      });
    });
  });
}
