// Starts one lab host: sshd in its own pid, mount and UTS namespaces, and waits until it speaks SSH.

import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
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

/** Spawns the host; killing the returned child (unshare) kills every process of the host (--kill-child, pid ns). */
export function spawnHost(root: string, name: string, configFile: string): HostProcess {
  const mounts = BIND_MOUNTS.flatMap(([src, target]) => [src, target]);
  const child = spawn(
    'unshare',
    ['--pid', '--fork', '--kill-child', '--mount-proc', '--mount', '--uts', '--propagation', 'private', '--',
      'sh', '-c', HOST_SCRIPT, 'lab-host', root, name, configFile, ...mounts],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
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

export function hostKeyPath(root: string): string {
  return path.join(root, 'ssh_host_ed25519_key');
}
