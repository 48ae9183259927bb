// Vault test helpers: temp dirs, the real ansible-vault, password files, keyrings.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VaultKeyring } from '../../src/vault/keyring.js';

export interface TempDir {
  readonly dir: string;
  /** writes a file (mode optional) and returns its path */
  write(name: string, data: string | Buffer, mode?: number): string;
  cleanup(): void;
}

export function tempDir(prefix = 'esbplay-vault-test-'): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    write: (name, data, mode) => {
      const p = path.join(dir, name);
      writeFileSync(p, data, mode !== undefined ? { mode } : {});
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs the real ansible-vault; returns stdout (throws with stderr on failure). */
export function ansibleVault(args: readonly string[], opts: { cwd: string; input?: string | Buffer }): string {
  return execFileSync('ansible-vault', args, { cwd: opts.cwd, input: opts.input, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ANSIBLE_NOCOLOR: '1' } }).toString('utf8');
}

/** ansible-vault's exit status and output without throwing. */
export function ansibleVaultStatus(args: readonly string[], cwd: string): { status: number | null; out: string; err: string } {
  const r = spawnSync('ansible-vault', args, { cwd, env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
  return { status: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

export function keyring(...entries: [id: string, password: string][]): VaultKeyring {
  return new VaultKeyring(entries.map(([id, password]) => ({ id, password: Buffer.from(password, 'utf8'), source: `${id}-file` })));
}
