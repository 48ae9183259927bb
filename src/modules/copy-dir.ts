// copy of a controller directory: walk it, compare every file with the host, plan mkdir + file changes.

import { readdirSync } from 'node:fs';
import { readControllerFile } from '../vault/scope.js';
import { join, posix } from 'node:path';
import type { Change, Plan, ReadContext } from './types.js';
import { planContentWrite, readTarget, requireConn, type TargetState } from './file-common.js';
import type { ContentDestArgs } from './content-dest.js';
import type { Mode } from './symbolic-mode.js';

export interface DirCopyState {
  readonly kind: 'dir';
  readonly destRoot: string;
  /** host directories the copy needs, and whether they exist */
  readonly dirs: readonly { path: string; exists: boolean; isFile: boolean }[];
  /** `vaulted`: the source was vault-encrypted (written decrypted, never diffed) */
  readonly files: readonly { target: TargetState; data: Buffer; vaulted: boolean }[];
}

/** Relative paths of every directory and file below root (sorted, directories first in each level). */
function walkControllerDir(root: string, rel = ''): { dirs: string[]; files: string[] } {
  const out = { dirs: [] as string[], files: [] as string[] };
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      out.dirs.push(r);
      const sub = walkControllerDir(root, r);
      out.dirs.push(...sub.dirs);
      out.files.push(...sub.files);
    } else if (e.isFile()) out.files.push(r);
  }
  return out;
}

/**
 * Gathers a directory copy: `src/` copies the contents into dest, `src` (no slash) copies the
 * directory itself into dest/basename(src), like Ansible.
 */
export async function gatherDirCopy(ctx: ReadContext, srcDir: string, srcArg: string, dest: string): Promise<DirCopyState> {
  const conn = requireConn(ctx, 'copy');
  const destRoot = srcArg.endsWith('/') ? dest.replace(/(.)\/+$/, '$1') : posix.join(dest, posix.basename(srcArg));
  const tree = walkControllerDir(srcDir);
  const dirs = [];
  for (const d of ['', ...tree.dirs]) {
    const path = d ? posix.join(destRoot, d) : destRoot;
    const st = await conn.stat(path, { become: ctx.become });
    dirs.push({ path, exists: st.exists, isFile: st.exists && st.type !== 'directory' });
  }
  const files = [];
  for (const f of tree.files) {
    files.push({ target: await readTarget(ctx, 'copy', posix.join(destRoot, f)), ...readControllerFile(join(srcDir, f)) });
  }
  return { kind: 'dir', destRoot, dirs, files };
}

export function planDirCopy(state: DirCopyState, args: ContentDestArgs & { directory_mode?: Mode }): Plan {
  const clash = state.dirs.find((d) => d.isFile);
  if (clash) return { changes: [], failed: `cannot copy a directory onto ${clash.path}: it exists and is not a directory` };
  const changes: Change[] = [];
  const missing = state.dirs.filter((d) => !d.exists).map((d) => d.path);
  if (missing.length > 0) {
    const list = (state: string) => missing.map((d) => `path: ${d}\nstate: ${state}\n`).join('');
    changes.push({ kind: 'exec', argv: ['mkdir', '-p', '--', ...missing], summary: `create ${missing.length} directory(ies) under ${state.destRoot}`, diff: { before: list('absent'), after: list('directory') } });
  }
  if (args.directory_mode !== undefined && missing.length > 0) {
    changes.push({ kind: 'exec', argv: ['chmod', '--', typeof args.directory_mode === 'number' ? args.directory_mode.toString(8).padStart(4, '0') : args.directory_mode, ...missing], summary: `mode of new directories under ${state.destRoot}` });
  }
  let written = 0;
  for (const { target, data, vaulted } of state.files) {
    if (!args.force && target.stat.exists) continue;
    const p = planContentWrite(target, data, { mode: args.mode, owner: args.owner, group: args.group, backup: args.backup, validate: args.validate, sensitive: vaulted });
    if (p.changes.length > 0) written++;
    changes.push(...p.changes);
  }
  if (changes.length === 0) return { changes, noopReason: `every file under ${state.destRoot} is already up to date`, result: { dest: state.destRoot } };
  return { changes, result: { dest: state.destRoot, msg: `${written} file(s) copied, ${missing.length} directory(ies) created` } };
}
