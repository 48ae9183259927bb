// Opens one authenticated ssh2 Client for a ConnectionSpec: host key policy, auth, timeouts, optional jump host.

import os from 'node:os';
import path from 'node:path';
import type { Client, ClientChannel } from 'ssh2';
import { loadSsh2 } from './load-ssh2.js';
import { Socket } from 'node:net';
import { UnreachableError } from '../errors.js';
import { coalesceWrites } from './coalesce-writes.js';
import type { ConnectionSpec } from './types.js';
import { planAuth } from './ssh-auth.js';
import {
  checkHostKey, fingerprintKey, keyTypeOf, knownHostName, knownKeyTypes, loadKnownHosts,
  preferredHostKeyAlgorithms, recordHostKey,
} from './known-hosts.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface HostKeyPolicy {
  /** files read to verify keys */
  readonly readFiles: readonly string[];
  /** file new keys are recorded in (acceptNewHostKeys) */
  readonly recordFile: string;
  readonly check: boolean;
  readonly acceptNew: boolean;
}

export interface OpenedClient {
  readonly client: Client;
  /** the first hop when a jump host is used; closed together with client */
  readonly jump?: Client;
}

interface Endpoint {
  readonly address: string;
  readonly port: number;
  readonly user: string;
}

export function hostKeyPolicyOf(spec: ConnectionSpec, homeDir = os.homedir()): HostKeyPolicy {
  const userFile = path.join(homeDir, '.ssh', 'known_hosts');
  return {
    readFiles: spec.knownHostsFile ? [spec.knownHostsFile] : [userFile, '/etc/ssh/ssh_known_hosts'],
    recordFile: spec.knownHostsFile ?? userFile,
    check: spec.hostKeyChecking !== false,
    acceptNew: spec.acceptNewHostKeys === true,
  };
}

/** Parses ProxyJump-style `[user@]host[:port]` (IPv6 as `[addr]:port`). */
export function parseJumpHost(jump: string, defaultUser: string): Endpoint {
  const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(jump.trim());
  if (!m) throw new UnreachableError(`invalid jump host "${jump}": expected [user@]host[:port]`, jump);
  return { user: m[1] ?? defaultUser, address: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 };
}

/** Told when a host key was trusted on first use and recorded (so the run can say so). */
export type NewHostKeyListener = (label: string, fingerprint: string, file: string) => void;

export async function connectClient(spec: ConnectionSpec, onNewHostKey?: NewHostKeyListener): Promise<OpenedClient> {
  const user = spec.user ?? os.userInfo().username;
  const target: Endpoint = { address: spec.address ?? spec.host, port: spec.port ?? 22, user };
  const policy = { ...hostKeyPolicyOf(spec), onNewHostKey };
  if (!spec.jumpHost) return { client: await connectEndpoint(spec, target, policy) };
  const hop = parseJumpHost(spec.jumpHost, user);
  const jump = await connectEndpoint(spec, hop, policy, `jump host ${hop.address}:${hop.port} for ${spec.host}`);
  try {
    const sock = await new Promise<ClientChannel>((resolve, reject) =>
      jump.forwardOut('127.0.0.1', 0, target.address, target.port, (e, s) => (e ? reject(e) : resolve(s))));
    const client = await connectEndpoint(spec, target, policy, undefined, sock);
    client.once('close', () => jump.end());
    return { client, jump };
  } catch (e) {
    jump.end();
    if (e instanceof UnreachableError) throw e;
    throw new UnreachableError(`${spec.host}: jump host ${hop.address}:${hop.port} cannot reach ${target.address}:${target.port}: ${(e as Error).message}`, spec.host);
  }
}

async function connectEndpoint(
  spec: ConnectionSpec, ep: Endpoint, policy: HostKeyPolicy & { onNewHostKey?: NewHostKeyListener }, label = spec.host, sock?: ClientChannel,
): Promise<Client> {
  const name = knownHostName(ep.address, ep.port);
  const where = `${label} (${ep.user}@${ep.address}:${ep.port})`;
  const entries = policy.check ? await loadKnownHosts(policy.readFiles) : [];
  const auth = await planAuth(spec, ep.user);
  const timeoutMs = spec.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let hostKeyProblem: string | undefined;
  const verifyHostKey = (key: Buffer, verify: (ok: boolean) => void) => {
    if (!policy.check) return verify(true);
    const verdict = checkHostKey(entries, name, key);
    const presented = `${keyTypeOf(key)} key ${fingerprintKey(key)}`;
    if (verdict.status === 'known') return verify(true);
    if (verdict.status === 'unknown' && policy.acceptNew) {
      recordHostKey(policy.recordFile, name, key).then(() => {
        policy.onNewHostKey?.(label, fingerprintKey(key), policy.recordFile);
        verify(true);
      }, (e: Error) => {
        hostKeyProblem = `${where}: cannot record the new host key in ${policy.recordFile}: ${e.message}`;
        verify(false);
      });
      return;
    }
    if (verdict.status === 'unknown') {
      hostKeyProblem = `${where}: host key not known (${presented}); not in ${policy.readFiles.join(' or ')}. ` +
        `Verify the fingerprint, then add the key (ssh-keyscan) or allow trust on first use (accept new host keys)`;
    } else if (verdict.status === 'revoked') {
      hostKeyProblem = `${where}: host key ${fingerprintKey(key)} is marked @revoked in ${verdict.entry.file}:${verdict.entry.line}`;
    } else {
      const old = verdict.entry;
      hostKeyProblem = `${where}: HOST KEY CHANGED: the host presents ${presented}, but ${old.file}:${old.line} ` +
        `records ${old.keyType} key ${fingerprintKey(old.key)}. Someone may be intercepting the connection, or the host was ` +
        `reinstalled; refusing to connect. If the change is expected, remove the old entry (ssh-keygen -R '${name}' -f ${old.file})`;
    }
    verify(false);
  };
  const client = new (await loadSsh2()).Client();
  return new Promise<Client>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(new UnreachableError(message, spec.host));
    };
    client.once('ready', () => {
      settled = true;
      client.setNoDelay(true); // small request/response packets: no Nagle delay per command
      resolve(client);
    });
    client.on('error', (e: Error & { level?: string; code?: string }) => {
      if (hostKeyProblem) return fail(hostKeyProblem);
      if (e.level === 'client-authentication') {
        const tried = auth.described.length ? auth.described.join(', ') : 'nothing (no key file, no ssh-agent, no password)';
        const notes = auth.notes.length ? `; ${auth.notes.join('; ')}` : '';
        return fail(`${where}: authentication failed (tried ${tried})${notes}`);
      }
      if (e.level === 'client-timeout') return fail(`${where}: timed out after ${timeoutMs} ms while connecting`);
      fail(`${where}: cannot connect: ${e.code === 'ECONNREFUSED' ? 'connection refused' : e.message}`);
    });
    client.once('close', () => fail(hostKeyProblem ?? `${where}: connection closed during the handshake`));
    client.connect({
      host: ep.address,
      port: ep.port,
      username: ep.user,
      sock,
      readyTimeout: timeoutMs,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 3,
      authHandler: auth.methods,
      algorithms: { serverHostKey: preferredHostKeyAlgorithms(knownKeyTypes(entries, name)) as never },
      hostVerifier: verifyHostKey,
    });
    // ssh2's own TCP socket (a jump host's channel is left as it is): one writev per event-loop turn
    const own = (client as unknown as { _sock?: unknown })._sock;
    if (!sock && own instanceof Socket) coalesceWrites(own);
  });
}
