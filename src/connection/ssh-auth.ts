// SSH client authentication: which methods to try, in OpenSSH's order (key file, agent, default keys, password).

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnyAuthMethod } from 'ssh2';
import { loadSsh2 } from './load-ssh2.js';
import { reveal } from '../vars/secret.js';
import type { ConnectionSpec } from './types.js';

export const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

export interface AuthPlan {
  readonly methods: AnyAuthMethod[];
  /** human description of each method, for "tried: ..." messages (never a secret) */
  readonly described: string[];
  /** why some key was not usable (encrypted, unreadable), for the failure message */
  readonly notes: string[];
}

type KeyLoad = { key: Buffer } | { problem: string };

async function loadKey(file: string): Promise<KeyLoad | null> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    return { problem: `cannot read ${file}: ${(e as Error).message}` };
  }
  const parsed = (await loadSsh2()).utils.parseKey(data);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    return { problem: encrypted ? `${file} is encrypted (load it into ssh-agent instead)` : `${file}: ${parsed.message}` };
  }
  return { key: data };
}

/** Builds the list of methods for user on a host; `homeDir` is for the default keys. */
export async function planAuth(spec: ConnectionSpec, user: string, homeDir = os.homedir()): Promise<AuthPlan> {
  const methods: AnyAuthMethod[] = [];
  const described: string[] = [];
  const notes: string[] = [];
  const addKey = async (file: string, explicit: boolean) => {
    const r = await loadKey(file);
    if (r === null) {
      if (explicit) notes.push(`private key file ${file} does not exist`);
      return;
    }
    if ('problem' in r) {
      notes.push(r.problem);
      return;
    }
    methods.push({ type: 'publickey', username: user, key: r.key });
    described.push(`publickey ${file}`);
  };
  if (spec.privateKeyFile) await addKey(expandHome(spec.privateKeyFile, homeDir), true);
  const agent = process.env.SSH_AUTH_SOCK;
  if (agent) {
    methods.push({ type: 'agent', username: user, agent });
    described.push('ssh-agent');
  }
  if (!spec.privateKeyFile) {
    for (const name of DEFAULT_KEY_FILES) await addKey(path.join(homeDir, '.ssh', name), false);
  }
  if (spec.password !== undefined) {
    methods.push({ type: 'password', username: user, password: String(reveal(spec.password)) });
    described.push('password');
  }
  return { methods, described, notes };
}

export function expandHome(file: string, homeDir = os.homedir()): string {
  if (file === '~') return homeDir;
  if (file.startsWith('~/')) return path.join(homeDir, file.slice(2));
  return file;
}
