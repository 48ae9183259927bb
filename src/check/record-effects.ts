// Check mode: carries a task's planned changes into its host's predicted state; says when an effect cannot be known.

import { resolveMode } from '../modules/symbolic-mode.js';
import { posix } from 'node:path';
import type { Become } from '../connection/types.js';
import type { Change } from '../modules/types.js';
import type { ArchiveFormat } from '../modules/unarchive-format.js';
import { readStripComponents } from '../modules/unarchive-format.js';
import { predictGroupAdd, predictUserAdd } from './account-effects.js';
import { listArchiveMembers } from './archive-members.js';
import type { CheckConnection } from './check-connection.js';
import { notCarriedEffectOf, unknownEffectOf } from './effect-kinds.js';
import { normalizePath, type Attrs, type Content, type Predicted } from './predicted-tree.js';

type Obj = Record<string, unknown>;

export interface CarryInput {
  readonly module: string;
  readonly args: Obj;
  /** what the module's gather read */
  readonly current: unknown;
  readonly changes: readonly Change[];
  readonly become?: Become;
}

export interface Carried {
  /** the task's effect cannot be known in check mode (reported UNKNOWN on it) */
  readonly unknown?: string;
  /** predicted on the task, but not carried into the host's state (later failures may depend on it) */
  readonly notCarried?: string;
}

/** Records every change in the host's predicted state; says what of the task's effect is not known or not carried. */
export async function carryForward(c: CheckConnection, input: CarryInput): Promise<Carried> {
  const flagged = unknownEffectOf(input.module);
  const loose = notCarriedEffectOf(input.module);
  let notCarried: string | undefined;
  for (const change of input.changes) {
    const why = change.kind === 'file' ? await recordWrite(c, change.path, { bytes: change.after }, undefined, change, input.become)
      : change.kind === 'exec' ? await recordExec(c, change.argv, input)
      // a copy made on the host: its bytes are the source's, read when a later task reads them
      : change.leavesCopy ? await recordWrite(c, change.leavesCopy.path, { copyOf: change.leavesCopy.of }, change.leavesCopy.size, change.leavesCopy, input.become)
      : await recordCustom(c, input);
    if (why && loose) notCarried = loose;
    else if (why) return { unknown: flagged ?? why };
  }
  return flagged ? { unknown: flagged } : notCarried ? { notCarried } : {};
}

/** A file a change writes: its content, and the attributes it sets or keeps from the file it replaces. */
async function recordWrite(
  c: CheckConnection,
  path: string,
  content: Content,
  size: number | undefined,
  set: { readonly mode?: number; readonly owner?: string; readonly group?: string },
  become?: Become,
): Promise<undefined> {
  const prev = await c.stat(path, { become }).catch(() => ({ exists: false }) as const);
  const who = await c.identity.get(become);
  const had = prev.exists && 'type' in prev && prev.type === 'file' ? prev : undefined;
  c.tree.set(path, {
    kind: 'file',
    content,
    ...(size === undefined ? {} : { size }),
    mode: set.mode ?? had?.mode ?? 0o644,
    owner: set.owner ?? had?.owner ?? who.user,
    group: set.group ?? had?.group ?? who.group,
    uid: set.owner === undefined ? (had?.uid ?? who.uid) : /^\d+$/.test(set.owner) ? Number(set.owner) : undefined,
    gid: set.group === undefined ? (had?.gid ?? who.gid) : /^\d+$/.test(set.group) ? Number(set.group) : undefined,
  });
  return undefined;
}

/** The argv after `--` (or after the options), as the file modules build them. */
function operands(argv: readonly string[]): string[] {
  const i = argv.indexOf('--');
  return i >= 0 ? argv.slice(i + 1) : argv.slice(1).filter((a) => !a.startsWith('-'));
}

async function recordExec(c: CheckConnection, argv: readonly string[], input: CarryInput): Promise<string | undefined> {
  const { become } = input;
  const who = await c.identity.get(become);
  const fresh = (mode: number): Predicted => ({ kind: 'dir', fresh: true, mode: mode & ~who.umask, owner: who.user, group: who.group, uid: who.uid, gid: who.gid });
  const ops = operands(argv);
  switch (argv[0]) {
    case 'mkdir': {
      for (const p of ops) {
        const missing: string[] = [];
        for (let d = normalizePath(p); d !== '/' && !(await c.stat(d, { become })).exists; d = posix.dirname(d)) missing.unshift(d);
        for (const d of missing) c.tree.set(d, fresh(0o777));
      }
      return undefined;
    }
    case 'rm':
    case 'rmdir':
      for (const p of ops) c.tree.set(p, { kind: 'absent' });
      return undefined;
    case 'touch':
      for (const p of ops) if (!(await c.stat(p, { become })).exists) c.tree.set(p, { kind: 'file', content: { bytes: Buffer.alloc(0) }, mode: 0o666 & ~who.umask, owner: who.user, group: who.group, uid: who.uid, gid: who.gid });
      return undefined;
    case 'chmod':
    case 'chown': {
      const [spec = '', ...paths] = ops;
      const recursive = argv.includes('-R');
      if (argv[0] === 'chmod' && !/^[0-7]+$/.test(spec)) return predictSymbolicChmod(c, spec, paths, recursive, become);
      const attrs: Attrs = argv[0] === 'chmod' ? { mode: parseInt(spec, 8) } : ownerAttrs(spec);
      for (const p of paths) await setAttrs(c, p, attrs, recursive, become);
      return undefined;
    }
    case 'ln': {
      const [src = '', dest = ''] = ops;
      if (argv.includes('-sfn') || argv.includes('-s')) c.tree.set(dest, { kind: 'link', target: src, owner: who.user, group: who.group, uid: who.uid, gid: who.gid });
      else {
        const data = await c.readFile(src, { become });
        const st = await c.stat(src, { become });
        c.tree.set(dest, { kind: 'file', content: data ? { bytes: data } : { unknown: `hard link to ${src}` }, mode: st.mode, owner: st.owner, group: st.group, uid: st.uid, gid: st.gid });
      }
      return undefined;
    }
    case 'groupadd':
      await predictGroupAdd(c, String(input.args.name), typeof input.args.gid === 'number' ? input.args.gid : undefined, input.args.system === true, become);
      return undefined;
    case 'useradd':
      await predictUserAdd(c, input.args, become);
      return undefined;
    default:
      return `'${argv[0]}' would run: check mode does not know what it changes`;
  }
}

function ownerAttrs(spec: string): Attrs {
  const [owner, group] = spec.split(':');
  return { ...(owner ? { owner } : {}), ...(group ? { group } : {}), ...(owner && /^\d+$/.test(owner) ? { uid: Number(owner) } : {}), ...(group && /^\d+$/.test(group) ? { gid: Number(group) } : {}) };
}

/** chmod with a symbolic mode: each path's predicted bits changed as chmod would; below a directory (-R) the bits are not known. */
async function predictSymbolicChmod(c: CheckConnection, spec: string, paths: readonly string[], recursive: boolean, become?: Become): Promise<string | undefined> {
  if (recursive) return `chmod -R ${spec} would run: check mode does not know the bits of every entry below`;
  for (const p of paths) {
    const st = await c.stat(p, { become });
    if (st.exists && st.mode !== undefined) await setAttrs(c, p, { mode: resolveMode(spec, st.mode, st.type === 'directory') }, false, become);
  }
  return undefined;
}

async function setAttrs(c: CheckConnection, path: string, attrs: Attrs, recursive: boolean, become?: Become): Promise<void> {
  const cur = c.tree.lookup(path);
  const apply = (e: Predicted): Predicted => (e.kind === 'absent' || e.kind === 'unknown' ? e : { ...e, ...(e.kind === 'link' ? { ...attrs, mode: undefined } : attrs) } as Predicted);
  if (cur && cur.kind !== 'host' && cur.kind !== 'absent' && cur.kind !== 'unknown') c.tree.update(path, apply(cur));
  else if ((await c.stat(path, { become })).exists) {
    c.tree.update(path, { kind: 'host', recursive, ...(cur?.kind === 'host' ? cur : {}), ...attrs } as Predicted);
  }
  if (recursive) for (const [p, e] of c.tree.below(path).entries) c.tree.update(p, apply(e));
}

async function recordCustom(c: CheckConnection, input: CarryInput): Promise<string | undefined> {
  const { module, args, current, become } = input;
  if (module === 'unarchive') return recordUnarchive(c, args, current as Obj, become);
  if (module === 'openssl_privatekey' || module === 'x509_certificate') {
    const path = String(args.path);
    const who = await c.identity.get(become);
    c.tree.set(path, { kind: 'file', content: { unknown: `${module} generates it` }, mode: typeof args.mode === 'number' ? args.mode : 0o600, owner: who.user, group: who.group, uid: who.uid, gid: who.gid });
    return undefined;
  }
  return `${module}: check mode does not carry this change forward`;
}

/** The member tree an unarchive extracts (bytes read from the controller's archive when a later task reads them). */
async function recordUnarchive(c: CheckConnection, args: Obj, cur: Obj, become?: Become): Promise<string | undefined> {
  const dest = String(args.dest);
  if (args.remote_src === true) {
    for (const m of (cur.members as { path: string }[]) ?? []) c.tree.set(posix.join(dest, m.path), { kind: 'unknown', why: `unpacked from ${String(args.src)}, an archive on the host` });
    return undefined;
  }
  const who = await c.identity.get(become);
  const format = cur.format as ArchiveFormat;
  const members = await listArchiveMembers(String(cur.archive), format, readStripComponents((args.extra_opts as string[]) ?? []));
  // as root GNU tar keeps the stored modes and owners; otherwise (and unzip) the umask applies and the user owns
  const keepStored = format !== 'zip' && who.uid === 0;
  // parents before children: a directory entry set later would hide what was set below it
  for (const m of [...members].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = posix.join(dest, m.path);
    const mode = typeof args.mode === 'number' && m.type !== 'link' ? args.mode : keepStored ? m.mode : m.mode & ~who.umask;
    const owner = typeof args.owner === 'string' ? args.owner : keepStored ? (m.owner ?? who.user) : who.user;
    const group = typeof args.group === 'string' ? args.group : keepStored ? (m.group ?? who.group) : who.group;
    const ids = owner === who.user && group === who.group ? { uid: who.uid, gid: who.gid } : {};
    const attrs = { mode, owner, group, ...ids };
    if (m.type === 'dir') {
      const st = await c.stat(path, { become });
      c.tree.set(path, st.exists && st.type === 'directory' ? { kind: 'host', recursive: false, ...attrs } : { kind: 'dir', fresh: true, ...attrs });
    } else if (m.type === 'link') c.tree.set(path, { kind: 'link', target: m.linkTarget ?? '', ...attrs, mode: undefined });
    else if (m.type === 'file') c.tree.set(path, { kind: 'file', content: { member: m }, size: m.size, ...attrs });
    else c.tree.set(path, { kind: 'unknown', why: `special file from ${String(args.src)}` });
  }
  return undefined;
}
