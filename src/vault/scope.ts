// The vault passwords of the current run, reachable from the YAML loader and controller file reads without threading them through every call.

import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { UserError, type SourceLoc } from '../errors.js';
import { registerSecretText, Secret } from '../vars/secret.js';
import { isVaultText, VAULT_HEADER } from './envelope.js';
import { VaultDecryptError, VaultKeyring } from './keyring.js';

/**
 * Scoped (not global) context: runPlaybook and the CLI enter it with the run's keyring; every
 * synchronous and asynchronous call below sees it, a concurrent run in the same process sees its own.
 */
const current = new AsyncLocalStorage<VaultKeyring>();

/** Runs fn with keyring as the vault passwords of everything it loads. */
export function withVaultKeyring<T>(keyring: VaultKeyring, fn: () => T): T {
  return current.run(keyring, fn);
}

/** The keyring of the current run (empty outside one). */
export function currentKeyring(): VaultKeyring {
  return current.getStore() ?? EMPTY;
}

const EMPTY = new VaultKeyring([]);

/** Decrypts vault text or throws a UserError at `loc` that says what failed and what to do. */
export function decryptAt(text: string, loc: SourceLoc | undefined, what: string): Buffer {
  try {
    return currentKeyring().decrypt(text).plaintext;
  } catch (e) {
    if (e instanceof VaultDecryptError) throw new UserError(`${what}: ${e.message}`, loc);
    throw e;
  }
}

/** An inline `!vault |` value: its plain text as a Secret. */
export function decryptInlineVault(text: string, loc: SourceLoc): Secret {
  return new Secret(decryptAt(text, loc, 'inline !vault value').toString('utf8'));
}

/** YAML file text: decrypted when the whole file is a vault (a message naming the file otherwise). */
export function decryptFileText(text: string, file: string): { text: string; vaulted: boolean } {
  if (!isVaultText(text)) return { text, vaulted: false };
  // an error points at the vault file itself, not at where it was referenced
  return { text: decryptAt(text, { file, line: 1, col: 1 }, `vault-encrypted file ${file}`).toString('utf8'), vaulted: true };
}

/**
 * A controller file (copy src, template source): its bytes, decrypted when it is a vault file,
 * as Ansible's copy and template do. `vaulted` tells the caller to treat the content as secret.
 */
export function readControllerFile(file: string): { data: Buffer; vaulted: boolean } {
  const raw = readFileSync(file);
  if (!isVaultText(raw)) return { data: raw, vaulted: false };
  const data = decryptAt(raw.toString('latin1'), { file, line: 1, col: 1 }, `vault-encrypted file ${file}`);
  // small contents (a key, a password file) are masked wherever they show; big ones only have their diffs hidden
  if (data.length <= 4096) registerSecretText(data.toString('utf8'));
  return { data, vaulted: true };
}

/** Preflight: a vault-encrypted controller file must open with the given passwords (UserError at the file otherwise). */
export function checkControllerFile(file: string): void {
  if (startsWithHeader(file)) readControllerFile(file);
}

function startsWithHeader(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(VAULT_HEADER.length);
      return readSync(fd, head, 0, head.length, 0) === head.length && isVaultText(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
