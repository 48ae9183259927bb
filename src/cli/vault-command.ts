// `esbplay vault encrypt|decrypt|view|edit|create|rekey|encrypt_string`: ansible-vault's subcommands and options.

import { Command } from 'commander';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { isVaultText, parseEnvelope } from '../vault/envelope.js';
import { VaultDecryptError, type VaultKeyring } from '../vault/keyring.js';
import { buildKeyring } from '../vault/password-sources.js';
import { promptHidden } from '../vault/tty-prompt.js';
import { addVaultOptions, keyringFromFlags, type VaultFlags } from './vault-options.js';
import { editInEditor, readInput, writeOutput } from './vault-files.js';

interface Flags extends VaultFlags {
  output?: string;
  encryptVaultId?: string;
  newVaultId?: string;
  newVaultPasswordFile?: string;
  name: string[];
  prompt?: boolean;
  stdinName?: string;
}

type Io = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

const collectRaw = (v: string, prev: string[]) => [...prev, v];

/** Adds the `vault` command group to the program; `done` receives the exit code. */
export function addVaultCommand(program: Command, io: Io, done: (code: number) => void): void {
  const vault = program.command('vault').description('encrypt and decrypt Ansible Vault files and strings (ansible-vault compatible)');
  const sub = (name: string, description: string, action: (files: string[], f: Flags) => Promise<void>, args = '[files...]') => {
    const cmd = addVaultOptions(vault.command(name).description(description).argument(args, 'files (stdin/stdout for - where allowed)'))
      .option('--output <file>', "write the result here ('-' for stdout) instead of in place")
      .option('--encrypt-vault-id <id>', 'the vault id to encrypt with when several are given');
    cmd.action(async (files: string[] | string, f: Flags) => {
      try {
        await action(Array.isArray(files) ? files : [files], f);
      } catch (e) {
        if (e instanceof VaultDecryptError) throw new UserError(e.message);
        throw e;
      }
      done(0);
    });
    return cmd;
  };
  sub('encrypt', 'encrypt files in place (stdin to stdout when none or -)', async (files, f) => {
    const k = await keys(f, true);
    for (const file of files.length ? files : ['-']) {
      const data = readInput(file);
      if (isVaultText(data)) throw new UserError(`${file} is already vault-encrypted`);
      writeOutput(f.output ?? file, k.encrypt(data, f.encryptVaultId), io.out);
    }
    io.err.write('Encryption successful\n');
  });
  sub('decrypt', 'decrypt files in place (stdin to stdout when none or -)', async (files, f) => {
    const k = await keys(f, false);
    for (const file of files.length ? files : ['-']) writeOutput(f.output ?? file, open(k, file).plaintext, io.out);
    io.err.write('Decryption successful\n');
  });
  sub('view', 'print the plain text of vault files', async (files, f) => {
    const k = await keys(f, false);
    for (const file of files) io.out.write(open(k, file).plaintext);
  });
  sub('rekey', 'encrypt files again with a new password', async (files, f) => {
    const k = await keys(f, false);
    const slug = f.newVaultPasswordFile ? `${f.newVaultId ?? 'default'}@${f.newVaultPasswordFile}` : `${f.newVaultId ?? 'default'}@prompt`;
    const fresh = await buildKeyring({ vaultIds: [slug] }, { env: {}, newPassword: true });
    for (const file of files) writeOutput(file, fresh.encrypt(open(k, file).plaintext), io.out);
    io.err.write('Rekey successful\n');
  })
    .option('--new-vault-password-file <file>', 'the new password (file or script)')
    .option('--new-vault-id <label>', 'the vault id of the new password');
  sub('edit', 'edit a vault file in $EDITOR (re-encrypted with the same vault id)', async ([file], f) => {
    const k = await keys(f, false);
    const opened = open(k, file!);
    const edited = editInEditor(opened.plaintext, path.extname(file!));
    if (edited.equals(opened.plaintext)) return;
    const id = parseEnvelope(readInput(file!).toString('latin1')).vaultId ?? opened.usedId;
    writeOutput(file!, k.encrypt(edited, k.ids.includes(id) ? id : opened.usedId), io.out);
  }, '<file>');
  sub('create', 'create a new vault file with $EDITOR', async ([file], f) => {
    if (existsSync(file!)) throw new UserError(`${file} exists, use 'esbplay vault edit' instead`);
    const k = await keys(f, true);
    const text = editInEditor(Buffer.alloc(0), path.extname(file!));
    if (text.length === 0) throw new UserError(`nothing was written in the editor: ${file} not created`);
    writeOutput(file!, k.encrypt(text, f.encryptVaultId), io.out);
  }, '<file>');
  const encryptString = async (strings: string[], f: Flags) => {
    const k = await keys(f, true);
    const inputs = strings.length ? strings : [f.prompt ? await promptHidden('String to encrypt: ') : readInput('-').toString('utf8')];
    if (f.name.length > inputs.length) throw new UserError('more --name options than strings to encrypt');
    const names = strings.length ? f.name : [f.stdinName ?? f.name[0]];
    const blocks = inputs.map((s, i) => formatVaultString(k.encrypt(Buffer.from(s, 'utf8'), f.encryptVaultId), names[i]));
    io.out.write(`${blocks.join('\n')}\n`);
    io.err.write('Encryption successful\n');
  };
  for (const name of ['encrypt_string', 'encrypt-string']) {
    sub(name, 'encrypt strings into `!vault |` YAML values (stdin when none)', encryptString, '[strings...]')
      .option('-n, --name <name>', 'the variable name of each string, in order (repeatable)', collectRaw, [])
      .option('-p, --prompt', 'ask for the string on the terminal')
      .option('--stdin-name <name>', 'the variable name for the string read from stdin');
  }
}

/** `name: !vault |` and the vault text indented by 10, as ansible-vault encrypt_string prints it. */
export function formatVaultString(vaultText: string, name?: string): string {
  const lines = vaultText.replace(/\n$/, '').split('\n').map((l) => `${' '.repeat(10)}${l}`);
  return [`${name ? `${name}: ` : ''}!vault |`, ...lines].join('\n');
}

/** The keyring; commands that encrypt ask for a new password when no source was given. */
function keys(f: Flags, encrypting: boolean): Promise<VaultKeyring> {
  return keyringFromFlags(f, { promptWhenNone: true, newPassword: encrypting });
}

function open(k: VaultKeyring, file: string): ReturnType<VaultKeyring['decrypt']> {
  const text = readInput(file).toString('latin1');
  if (!isVaultText(text)) throw new UserError(`${file} is not a vault-encrypted file (no $ANSIBLE_VAULT header)`);
  try {
    return k.decrypt(text);
  } catch (e) {
    if (e instanceof VaultDecryptError) throw new UserError(`${file}: ${e.message}`);
    throw e;
  }
}
