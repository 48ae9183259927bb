// Starts one lab host: sshd in its own pid, mount and UTS namespaces, and waits until it speaks SSH.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIND_MOUNTS } from './lab-host-files.js';
import { SSHD } from './lab-prereq.js';

// Fixed script; every value arrives as a positional argument. $1 root, $2 hostname, $3 sshd_config, then pairs.
const HOST_SCRIPT = [
  'set -e',
  'root=$1; name=$2; config=$3; shift 3',
  'mkdir -p /run/sshd',
  'while [ $# -gt 0 ]; do mount --bind "$root/$1" "$2"; shift 2; done',
  'hostname "$name"',
  `exec ${SSHD} -D -e -f "$config"`,
].join('\n');

export interface HostProcess {
  readonly child: ChildProcess;
  /** everything sshd wrote to stderr so far (for error messages) */
  output(): string;
}

/**
 * Spawns the host; killing the returned child (unshare) kills every process of the host (--kill-child, pid ns).
 * binds: [directory under root, target] pairs bound in the host's mount namespace.
 */
export function spawnHost(root: string, name: string, configFile: string, binds: ReadonlyArray<readonly [string, string]> = BIND_MOUNTS): HostProcess {
  const mounts = binds.flatMap(([src, target]) => [src, target]);
  return spawnNamespaces(HOST_SCRIPT, [root, name, configFile, ...mounts]);
}

/**
 * Runs `sh -c script lab-host ...args` as pid 1 of new pid, mount (private) and UTS namespaces with
 * its own /proc; unshare --kill-child takes the whole namespace down when unshare dies.
 */
export function spawnNamespaces(script: string, args: readonly string[], env?: NodeJS.ProcessEnv): HostProcess {
  const child = spawn(
    'unshare',
    ['--pid', '--fork', '--kill-child', '--mount-proc', '--mount', '--uts', '--propagation', 'private', '--',
      'sh', '-c', script, 'lab-host', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(env ? { env } : {}) },
  );
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString('utf8');
    if (out.length > 20_000) out = out.slice(-10_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (e) => collect(Buffer.from(`spawn failed: ${e.message}\n`)));
  return { child, output: () => out };
}

/** Resolves once address:port answers with an SSH banner; rejects with sshd's own output after timeoutMs. */
export async function waitForSsh(address: string, port: number, proc: HostProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`lab sshd on ${address}:${port} exited (${proc.child.exitCode ?? proc.child.signalCode}): ${proc.output().trim()}`);
    }
    if (await probeBanner(address, port)) return;
    if (Date.now() > deadline) {
      throw new Error(`lab sshd on ${address}:${port} did not accept connections within ${timeoutMs} ms: ${proc.output().trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function probeBanner(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: address, port });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(2000, () => done(false));
    sock.once('data', (d) => done(d.toString('latin1').startsWith('SSH-')));
    sock.once('error', () => done(false));
  });
}

/** True when nothing listens on address:port yet (so the lab does not collide with another lab). */
export function isAddressFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, address, () => srv.close(() => resolve(true)));
  });
}

/** A random 127.10.N.0/24 block in which every given last octet is free on port 22; returns N. */
export async function pickSubnet(lastOctets: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const net = 1 + Math.floor(Math.random() * 254);
    const free = await Promise.all(lastOctets.map((i) => isAddressFree(`127.10.${net}.${i}`, 22)));
    if (free.every(Boolean)) return net;
  }
  throw new Error('no free 127.10.x.0/24 block with port 22 unused for the ssh lab');
}

/** Writes a new passphrase-less ed25519 key pair to file (+ .pub) and returns the public key line. */
export async function keygen(file: string, comment: string): Promise<string> {
  await fs.rm(file, { force: true });
  await fs.rm(`${file}.pub`, { force: true });
  await promisify(execFile)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  return (await fs.readFile(`${file}.pub`, 'utf8')).trim();
}

export function hostKeyPath(root: string): string {
  return path.join(root, 'ssh_host_ed25519_key');
}
