// Helpers shared by the file modules: common argument specs, reading a target, mode/owner changes.

import { posix } from 'node:path';
import type { FileStat } from '../connection/types.js';
import type { ArgSpec, Change, DiffText, Plan, ReadContext } from './types.js';
import { createdMode, resolveMode, type Mode } from './symbolic-mode.js';

export const ATTR_ARGS = {
  mode: {
    type: 'mode',
    description: "Permission bits of the file, octal (`0644`, `'0644'`) or symbolic (`u=rw,g=r,o=`, `u+x,g-w`, `u=rwX` with recurse: applied to each file's current bits, as chmod). Default: keep the existing file's, `0644` for a new file.",
  },
  owner: { type: 'str', description: 'User (name or numeric id) that should own the file. Default: unchanged (the connecting or become user for a new file).' },
  group: { type: 'str', description: 'Group (name or numeric id) that should own the file. Default: unchanged.' },
  unsafe_writes: {
    type: 'bool',
    default: false,
    description: 'When the file cannot be replaced by an atomic rename because it is a mount point (a bind-mounted `/etc/hosts` in a container), rewrite it in place instead of failing. A reader may then see a partly written file.',
  },
} as const satisfies Record<string, ArgSpec>;

export const BACKUP_ARG = {
  type: 'bool',
  default: false,
  description: 'Keep a timestamped copy of the old file beside it before replacing it.',
} as const satisfies ArgSpec;

export const VALIDATE_ARG = {
  type: 'str',
  description: 'Command run on the new content before it replaces the file; `%s` is the temporary file. A non-zero exit keeps the old file and fails the task (e.g. `nginx -t -c %s`).',
} as const satisfies ArgSpec;

export interface FileAttrs {
  readonly mode?: Mode;
  readonly owner?: string;
  readonly group?: string;
}

export interface TargetState {
  readonly path: string;
  readonly stat: FileStat;
  /** the file's bytes; null when it does not exist or is not a regular file */
  readonly content: Buffer | null;
  /** set when the file is missing: does its directory exist */
  readonly parentExists?: boolean;
}

export type Conn = NonNullable<ReadContext['conn']>;

/** The context's connection; file modules cannot run without one. */
export function requireConn(ctx: ReadContext, module: string): Conn {
  if (!ctx.conn) throw new Error(`module '${module}' needs a connection to ${ctx.host} (none was opened)`);
  return ctx.conn;
}

/** Stats PATH and reads it when it is a regular file (in one go where the connection can: readWithStat). */
export async function readTarget(ctx: ReadContext, module: string, path: string): Promise<TargetState> {
  const conn = requireConn(ctx, module);
  if (conn.readWithStat) return { path, ...(await conn.readWithStat(path, { become: ctx.become })) };
  const stat = await conn.stat(path, { become: ctx.become });
  const content = stat.exists && stat.type === 'file' ? await conn.readFile(path, { become: ctx.become }) : null;
  return { path, stat, content };
}

/** readTarget() of the real file behind PATH (symlinks followed, at most 20): one stat per link, the file's read with its stat. */
export async function readRealTarget(ctx: ReadContext, module: string, path: string): Promise<TargetState> {
  let cur = path;
  for (let i = 0; i < 20; i++) {
    const target = await readTarget(ctx, module, cur);
    if (target.stat.type !== 'symlink' || target.stat.linkTarget === undefined) return target;
    cur = posix.resolve(posix.dirname(cur), target.stat.linkTarget);
  }
  throw new Error(`too many levels of symbolic links at ${path}`);
}

/** Follows symlinks (at most 20) so edits land in the real file, as Ansible's realpath does. */
export async function resolveSymlinks(ctx: ReadContext, module: string, path: string): Promise<string> {
  const conn = requireConn(ctx, module);
  let cur = path;
  for (let i = 0; i < 20; i++) {
    const st = await conn.stat(cur, { become: ctx.become });
    if (st.type !== 'symlink' || st.linkTarget === undefined) return cur;
    cur = posix.resolve(posix.dirname(cur), st.linkTarget);
  }
  throw new Error(`too many levels of symbolic links at ${path}`);
}

/** gather() of the in-place editors (lineinfile, blockinfile): the real file behind PATH, read. */
export async function gatherEditTarget(ctx: ReadContext, module: string, path: string): Promise<TargetState> {
  const target = await readRealTarget(ctx, module, path);
  if (target.stat.exists) return target;
  const parent = await requireConn(ctx, module).stat(posix.dirname(target.path), { become: ctx.become });
  return { ...target, parentExists: parent.exists };
}

/** Why an in-place editor cannot edit TARGET (a directory, a device...), or undefined. */
export function checkEditable(target: TargetState, path: string): string | undefined {
  if (target.stat.type === 'directory') return `Path ${path} is a directory !`;
  if (target.stat.exists && target.content === null) return `Path ${path} is not a regular file`;
  return undefined;
}

export function formatMode(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function idMatches(want: string, name: string | undefined, id: number | undefined): boolean {
  return /^\d+$/.test(want) ? id === Number(want) : name === want;
}

/**
 * The bits a `mode` argument gives the file STAT describes: an octal mode itself, a symbolic one
 * applied to its current bits (a missing file: the bits it is created with); undefined when the
 * current bits are unknown (chmod then applies the symbolic mode itself).
 */
export function modeFor(mode: Mode, stat: FileStat): number | undefined {
  if (typeof mode === 'number') return mode;
  if (!stat.exists) return resolveMode(mode, createdMode(stat.type === 'directory'), stat.type === 'directory');
  return stat.mode === undefined ? undefined : resolveMode(mode, stat.mode, stat.type === 'directory');
}

/** chmod's argument for MODE on STAT's file: octal digits, or the symbolic text when only chmod can resolve it (recursion, a path just created). */
function chmodArg(mode: Mode, stat: FileStat, recurse: boolean): string {
  const bits = recurse || !stat.exists ? undefined : modeFor(mode, stat);
  return bits !== undefined ? formatMode(bits) : typeof mode === 'number' ? formatMode(mode) : mode;
}

/** Attribute names whose current value differs from the wanted one. */
export function attrsToChange(stat: FileStat, attrs: FileAttrs): ('mode' | 'owner' | 'group')[] {
  const out: ('mode' | 'owner' | 'group')[] = [];
  if (attrs.mode !== undefined && stat.mode !== modeFor(attrs.mode, stat)) out.push('mode');
  if (attrs.owner !== undefined && !idMatches(attrs.owner, stat.owner, stat.uid)) out.push('owner');
  if (attrs.group !== undefined && !idMatches(attrs.group, stat.group, stat.gid)) out.push('group');
  return out;
}

/** `path:`/`state:`/`mode:`... lines, Ansible's file diff shown as text. */
export function describeState(fields: Record<string, string | number | undefined>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${k === 'mode' && typeof v === 'number' ? `'${formatMode(v)}'` : v}\n`)
    .join('');
}

function currentAttrs(stat: FileStat): Record<string, string | number | undefined> {
  return { mode: stat.mode, owner: stat.owner ?? stat.uid, group: stat.group ?? stat.gid };
}

export interface AttrChangeOptions {
  readonly recurse?: boolean;
  /** change the symlink itself, not its target (chown -h) */
  readonly noDereference?: boolean;
  /** attributes to set even if stat says they match (e.g. on a path that does not exist yet) */
  readonly force?: boolean;
  readonly diff?: DiffText;
}

/**
 * chmod/chown exec changes that bring PATH's mode and owner to ATTRS (empty when they match).
 * Several paths (directories just created) get the same attributes in one chmod and one chown.
 */
export function planAttrChanges(path: string | readonly string[], stat: FileStat, attrs: FileAttrs, opts: AttrChangeOptions = {}): Change[] {
  const paths = typeof path === 'string' ? [path] : path;
  const shown = paths.join(' ');
  const which = opts.force ? (['mode', 'owner', 'group'] as const).filter((k) => attrs[k] !== undefined) : attrsToChange(stat, attrs);
  if (which.length === 0) return [];
  const R = opts.recurse ? ['-R'] : [];
  const changes: Change[] = [];
  if (which.includes('mode') && attrs.mode !== undefined) {
    const arg = chmodArg(attrs.mode, stat, opts.recurse === true);
    changes.push({ kind: 'exec', argv: ['chmod', ...R, '--', arg, ...paths], summary: `mode ${arg} on ${shown}` });
  }
  const owner = which.includes('owner') ? attrs.owner : undefined;
  const group = which.includes('group') ? attrs.group : undefined;
  if (owner !== undefined || group !== undefined) {
    const spec = `${owner ?? ''}${group !== undefined ? `:${group}` : ''}`;
    const h = opts.noDereference ? ['-h'] : [];
    changes.push({ kind: 'exec', argv: ['chown', ...R, ...h, '--', spec, ...paths], summary: `owner ${spec} on ${shown}` });
  }
  const before = currentAttrs(stat);
  const diff = opts.diff ?? {
    before: describeState({ path: shown, ...Object.fromEntries(which.map((k) => [k, before[k]])) }),
    after: describeState({ path: shown, ...Object.fromEntries(which.map((k) => [k, k === 'mode' && attrs.mode !== undefined ? (modeFor(attrs.mode, stat) ?? attrs.mode) : attrs[k]])) }),
  };
  changes[0] = { ...changes[0]!, diff } as Change;
  return changes;
}

export interface ContentWriteOptions extends FileAttrs {
  readonly backup?: boolean;
  readonly validate?: string;
  readonly sensitive?: boolean;
  /** message when the content changes (e.g. 'line added') */
  readonly msg?: string;
  /** why nothing changes (e.g. 'line already present') */
  readonly noopReason?: string;
  readonly result?: Record<string, unknown>;
}

/**
 * The changes that make TARGET hold AFTER with the wanted attributes: one file change when the
 * bytes differ, else chmod/chown when only attributes differ, else a no-op with a reason.
 */
export function planContentWrite(target: TargetState, after: Buffer, opts: ContentWriteOptions): Plan {
  const result = { ...opts.result };
  const mode = opts.mode === undefined ? undefined : modeFor(opts.mode, target.stat);
  const attrs = { mode, owner: opts.owner, group: opts.group };
  if (target.content === null || !target.content.equals(after)) {
    // like Ansible's lineinfile/blockinfile with create: missing parent directories are made
    const mkdir: Change[] = target.parentExists === false
      ? [{ kind: 'exec', argv: ['mkdir', '-p', '--', posix.dirname(target.path)], summary: `create directory ${posix.dirname(target.path)}` }]
      : [];
    const change: Change = {
      kind: 'file',
      path: target.path,
      before: target.content,
      after,
      ...attrs,
      backup: opts.backup && target.content !== null,
      validate: opts.validate,
      sensitive: opts.sensitive,
    };
    return { changes: [...mkdir, change], result: { ...result, msg: opts.msg ?? 'content changed' }, sensitive: opts.sensitive };
  }
  const changes = planAttrChanges(target.path, target.stat, attrs);
  if (changes.length > 0) return { changes, result: { ...result, msg: 'ownership, perms or SE linux context changed' } };
  const attrNote = attrs.mode !== undefined || attrs.owner !== undefined || attrs.group !== undefined ? ' and mode/owner already right' : '';
  return { changes: [], noopReason: `${opts.noopReason ?? `${target.path} already has the wanted content`}${attrNote}`, result: { ...result, msg: '' } };
}
