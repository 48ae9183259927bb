// Where vault passwords come from: --vault-id [label@]source, --vault-password-file, --ask-vault-pass, environment.

import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UserError } from '../errors.js';
import { DEFAULT_VAULT_ID, VaultKeyring, type VaultSecretEntry } from './keyring.js';
import { promptHidden } from './tty-prompt.js';

/** The vault options of a command line, before any password is read. */
export interface VaultOptions {
  /** `--vault-id` values in order: `label@source` or `source` (a file, a script or `prompt`) */
  readonly vaultIds?: readonly string[];
  readonly vaultPasswordFiles?: readonly string[];
  readonly askVaultPass?: boolean;
}

export interface BuildOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** ask (on the terminal) when no source was given at all: the vault subcommands do, a run does not */
  readonly promptWhenNone?: boolean;
  /** prompts for a new password ask twice and compare (encrypt, create, rekey) */
  readonly newPassword?: boolean;
}

/** The `label@source` slugs in Ansible's order: identity list env, --vault-id, password files, then the prompt. */
export function vaultIdSlugs(o: VaultOptions, env: NodeJS.ProcessEnv = process.env, promptWhenNone = false): string[] {
  const slugs: string[] = [];
  for (const v of [env.ESBPLAY_VAULT_IDENTITY_LIST, env.ANSIBLE_VAULT_IDENTITY_LIST]) {
    for (const s of (v ?? '').split(',')) if (s.trim()) slugs.push(s.trim());
  }
  slugs.push(...(o.vaultIds ?? []));
  const files = [...(o.vaultPasswordFiles ?? [])];
  for (const v of [env.ESBPLAY_VAULT_PASSWORD_FILE, env.ANSIBLE_VAULT_PASSWORD_FILE]) if (v && !files.includes(v)) files.push(v);
  for (const f of files) slugs.push(`${DEFAULT_VAULT_ID}@${f}`);
  if (o.askVaultPass || (slugs.length === 0 && promptWhenNone)) slugs.push(`${DEFAULT_VAULT_ID}@prompt`);
  return [...new Set(slugs)];
}

/** Reads every password (files, scripts, prompts) into a keyring; a bad source is a UserError (exit 5). */
export async function buildKeyring(o: VaultOptions, b: BuildOptions = {}): Promise<VaultKeyring> {
  const entries: VaultSecretEntry[] = [];
  for (const slug of vaultIdSlugs(o, b.env ?? process.env, b.promptWhenNone)) {
    const at = slug.indexOf('@');
    const label = at >= 0 ? slug.slice(0, at) : undefined;
    const source = at >= 0 ? slug.slice(at + 1) : slug;
    if (at >= 0 && label === '') throw new UserError(`--vault-id '${slug}': the label before '@' is empty`);
    if (source === '') throw new UserError(`--vault-id '${slug}': no password source after '@'`);
    const id = label ?? DEFAULT_VAULT_ID;
    const password = source === 'prompt' ? await askPassword(id, !!b.newPassword, id === DEFAULT_VAULT_ID) : readPasswordSource(path.resolve(b.cwd ?? process.cwd(), source), label);
    entries.push({ id, password, source: source === 'prompt' ? 'prompt' : source });
  }
  return new VaultKeyring(entries);
}

async function askPassword(id: string, twice: boolean, plainPrompt: boolean): Promise<Buffer> {
  const first = twice ? (plainPrompt ? 'New Vault password: ' : `New vault password (${id}): `) : plainPrompt ? 'Vault password: ' : `Vault password (${id}): `;
  let pw: string;
  try {
    pw = await promptHidden(first);
    if (twice) {
      const again = await promptHidden(plainPrompt ? 'Confirm New Vault password: ' : `Confirm new vault password (${id}): `);
      if (again !== pw) throw new UserError('the vault passwords do not match');
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`vault password prompt (${id}): ${(e as Error).message}`);
  }
  if (pw.trim() === '') throw new UserError(`an empty vault password was given at the prompt (${id})`);
  return Buffer.from(pw, 'utf8');
}

/** A password file (its text, trimmed) or an executable script (its stdout); `*-client` scripts get --vault-id. */
export function readPasswordSource(file: string, label: string | undefined): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new UserError(`vault password file ${file} was not found`);
  }
  if (st.isDirectory()) throw new UserError(`vault password file ${file} is a directory`);
  const pw = isExecutable(file) ? runScript(file, label) : readFile(file);
  if (pw.length === 0) throw new UserError(`vault password ${isExecutable(file) ? 'script' : 'file'} ${file} gave an empty password`);
  return pw;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return (statSync(file).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function readFile(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file).toString('utf8').trim(), 'utf8');
  } catch (e) {
    throw new UserError(`cannot read vault password file ${file}: ${(e as Error).message}`);
  }
}

function runScript(file: string, label: string | undefined): Buffer {
  const client = path.parse(file).name.endsWith('-client');
  const args = client && label ? ['--vault-id', label] : [];
  const r = spawnSync(file, args, { stdio: ['inherit', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  if (r.error) throw new UserError(`vault password script ${file} could not run: ${r.error.message} (if it is not a script, remove its executable bit)`);
  if (r.status !== 0) throw new UserError(`vault password script ${file} exited with ${r.status ?? r.signal}: ${r.stderr.toString('utf8').trim().slice(0, 300)}`);
  return Buffer.from(r.stdout.toString('utf8').replace(/^[\r\n]+|[\r\n]+$/g, ''), 'utf8');
}
