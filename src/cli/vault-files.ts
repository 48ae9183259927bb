// File helpers of `esbplay vault`: read a file or stdin, write atomically keeping the mode, edit through $EDITOR in a private 0600 temp file.

import { chmodSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';

/** The bytes of a file, or of stdin for '-'. */
export function readInput(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UserError(code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Writes bytes to a file atomically (temp file + rename, mode kept), or to `out` for '-'. */
export function writeOutput(file: string, data: Buffer | string, out: NodeJS.WritableStream): void {
  if (file === '-') {
    out.write(data);
    return;
  }
  const real = realTarget(file);
  let mode = 0o600;
  try {
    mode = statSync(real).mode & 0o7777;
  } catch {
    // a new file: owner-only, like ansible-vault
  }
  const tmp = path.join(path.dirname(real), `.${path.basename(real)}.esbplay-vault-${process.pid}`);
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    chmodSync(tmp, mode);
    renameSync(tmp, real);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

/** Symlinks are followed, as ansible-vault does: the link stays, its target gets the new bytes. */
function realTarget(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Lets the user edit `initial` in $EDITOR (then $VISUAL, then vi): a 0600 file in a private
 * temp directory, overwritten with zeros and removed afterwards whatever happens.
 */
export function editInEditor(initial: Buffer, suffix: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'esbplay-vault-'));
  const file = path.join(dir, `edit${suffix}`);
  try {
    writeFileSync(file, initial, { mode: 0o600 });
    const editor = env.EDITOR || env.VISUAL || 'vi';
    const words = editor.split(/\s+/).filter(Boolean);
    const r = spawnSync(words[0]!, [...words.slice(1), file], { stdio: 'inherit', env });
    if (r.error) throw new UserError(`cannot run the editor '${editor}': ${r.error.message}`);
    if (r.status !== 0) throw new UserError(`the editor '${editor}' exited with ${r.status ?? r.signal}; nothing was saved`);
    return readFileSync(file);
  } finally {
    shred(file);
    rmSync(dir, { recursive: true, force: true });
  }
}

function shred(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(statSync(file).size));
  } catch {
    // already gone
  }
}
