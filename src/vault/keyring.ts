// Vault secrets of a run (vault id -> password) and decryption/encryption that picks the password like Ansible.

import { decryptAes256, encryptAes256 } from './aes256.js';
import { formatEnvelope, parseEnvelope, VaultFormatError } from './envelope.js';

export const DEFAULT_VAULT_ID = 'default';

/** One vault password and the label it was given (`--vault-id label@source`). */
export interface VaultSecretEntry {
  readonly id: string;
  readonly password: Buffer;
  /** where it came from, for messages (a file path, `prompt`, an env variable) */
  readonly source: string;
}

/** Why a vault text could not be opened; the caller adds the file:line. */
export class VaultDecryptError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-password' | 'wrong-password' | 'format',
  ) {
    super(message);
  }
}

export interface Decrypted {
  readonly plaintext: Buffer;
  /** the vault id whose password opened it */
  readonly usedId: string;
  /** the vault id written in the header (1.2), if any */
  readonly headerId?: string;
}

/** The passwords given for a run, in the order given. Immutable once built. */
export class VaultKeyring {
  readonly entries: readonly VaultSecretEntry[];

  constructor(entries: readonly VaultSecretEntry[] = []) {
    this.entries = entries.filter((e) => e.password.length > 0);
  }

  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** The labels of the passwords, for messages (never the passwords). */
  get ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  /**
   * Decrypts a vault text. Like Ansible, a vault id in the header is tried first, then every
   * other password in the order given (the header id is only a hint: it is not signed).
   */
  decrypt(text: string): Decrypted {
    let env;
    try {
      env = parseEnvelope(text);
    } catch (e) {
      if (e instanceof VaultFormatError) throw new VaultDecryptError(`malformed vault data: ${e.message}`, 'format');
      throw e;
    }
    if (env.cipher !== 'AES256') throw new VaultDecryptError(`vault cipher '${env.cipher}' is not supported (only AES256)`, 'format');
    if (this.empty) throw new VaultDecryptError(noPasswordMessage(), 'no-password');
    const ordered = [...this.entries.filter((e) => e.id === env.vaultId), ...this.entries.filter((e) => e.id !== env.vaultId)];
    for (const entry of ordered) {
      const plaintext = decryptAes256(env, entry.password);
      if (plaintext) return { plaintext, usedId: entry.id, headerId: env.vaultId };
    }
    const tried = ordered.map((e) => `${e.id} (${e.source})`).join(', ');
    const head = env.vaultId ? `vault id '${env.vaultId}' in the header; ` : '';
    throw new VaultDecryptError(`vault decryption failed: wrong vault password or tampered data (${head}tried ${tried})`, 'wrong-password');
  }

  /** The password to encrypt with: the one labelled `id`, or the only one there is. */
  pickForEncrypt(id?: string): VaultSecretEntry {
    if (this.empty) throw new VaultDecryptError(noPasswordMessage(), 'no-password');
    if (id !== undefined) {
      const hit = this.entries.find((e) => e.id === id);
      if (!hit) throw new VaultDecryptError(`no vault password with id '${id}' was given (known: ${this.ids.join(', ')})`, 'no-password');
      return hit;
    }
    const distinct = [...new Set(this.ids)];
    if (distinct.length > 1) throw new VaultDecryptError(`several vault ids are available (${distinct.join(', ')}): choose one with --encrypt-vault-id`, 'no-password');
    return this.entries[0]!;
  }

  /** Encrypts with the chosen password: format 1.1, or 1.2 with the id when it is not 'default'. */
  encrypt(plaintext: Buffer, id?: string): string {
    const entry = this.pickForEncrypt(id);
    return formatEnvelope(encryptAes256(plaintext, entry.password), entry.id);
  }
}

export function noPasswordMessage(): string {
  return 'vault-encrypted data but no vault password was given: use --vault-password-file FILE, --vault-id [label@]FILE|prompt or --ask-vault-pass (or set ESBPLAY_VAULT_PASSWORD_FILE)';
}
