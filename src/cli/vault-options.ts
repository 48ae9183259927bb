// The vault password options shared by `esbplay run` and `esbplay vault`, and the keyring they produce.

import { Option, type Command } from 'commander';
import { buildKeyring, type BuildOptions } from '../vault/password-sources.js';
import type { VaultKeyring } from '../vault/keyring.js';

export interface VaultFlags {
  vaultId: string[];
  vaultPasswordFile: string[];
  askVaultPass?: boolean;
}

const collectRaw = (v: string, prev: string[]) => [...prev, v];

/** Adds --vault-id, --vault-password-file and --ask-vault-pass (Ansible's names and meaning). */
export function addVaultOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--vault-id <[label@]source>', "vault password: a file, an executable script printing it, or 'prompt'; optional label (repeatable)").argParser(collectRaw).default([]))
    .addOption(new Option('--vault-password-file <file>', 'vault password file or script, for vault id "default" (repeatable)').argParser(collectRaw).default([]))
    .option('-J, --ask-vault-pass', 'ask for the vault password on the terminal');
}

/** Reads every password the flags (and ESBPLAY_/ANSIBLE_VAULT_PASSWORD_FILE) name. */
export function keyringFromFlags(f: VaultFlags, opts: BuildOptions = {}): Promise<VaultKeyring> {
  return buildKeyring({ vaultIds: f.vaultId, vaultPasswordFiles: f.vaultPasswordFile, askVaultPass: f.askVaultPass }, opts);
}
