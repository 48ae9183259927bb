// Check mode: the modules' read-only commands (find listings, the stat probe, globs, archive heads) answered with the predicted state.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { CommandResult, ExecOptions } from '../connection/types.js';
import { quoteArgv } from '../connection/quote.js';
import { FIND_FORMAT } from '../modules/unarchive-format.js';
import type { CheckConnection } from './check-connection.js';
import { statOf } from './check-connection.js';
import { CheckUnknown } from './check-unknown.js';
import { normalizePath, type Predicted } from './predicted-tree.js';

type Fields = string[]; // FIND_FORMAT fields: type, size, user, uid, group, gid, octal mode (path is the key)

/** The answer to a read-only command the prediction changes, or undefined when the host's own answer holds. */
export async function answerExecRead(c: CheckConnection, argv: readonly string[], opts?: ExecOptions): Promise<CommandResult | undefined> {
  const [cmd, a1, a2, a3] = argv;
  if (cmd === 'find' && a1 !== undefined && c.tree.covers(a1)) return answerFind(c, argv, opts);
  if (cmd === 'sh' && a1 === '-c' && a2 !== undefined) {
    if (a2.includes('stat $L --printf') && a3 === 'stat' && c.tree.lookup(argv[4]!) !== undefined) return answerProbe(c, argv, opts);
    if (a2.startsWith('IFS=; for f in $1') && argv[4] !== undefined) return answerGlob(c, argv, opts);
    if (a2.startsWith('head -c 512 -- "$1"') && argv[4] !== undefined && c.tree.lookup(argv[4]) !== undefined) {
      const data = await c.readFile(argv[4], opts);
      return data === null ? result(argv, 1, '', `head: cannot open '${argv[4]}': No such file or directory\n`) : result(argv, 0, `${data.subarray(0, 512).toString('base64')}\n`);
    }
  }
  return undefined;
}

function result(argv: readonly string[], exitCode: number, stdout: string, stderr = ''): CommandResult {
  return { command: quoteArgv(argv), argv: [...argv], exitCode, signal: null, stdout, stderr, timedOut: false, durationMs: 0 };
}

/** DIR's entries (relative path -> find fields): the host's listing with the prediction laid over it. */
async function mergedListing(c: CheckConnection, dir: string, opts?: ExecOptions): Promise<Map<string, Fields> | null> {
  const at = c.tree.lookup(dir);
  if (at?.kind === 'unknown') throw new CheckUnknown(`${dir}: ${at.why}`);
  if (at && at.kind !== 'dir' && at.kind !== 'host') return null;
  const { entries, hostCounts } = c.tree.below(dir);
  const out = new Map<string, Fields>();
  if (hostCounts) {
    const r = await c.inner.exec(['find', dir, '-mindepth', '1', '-printf', FIND_FORMAT], opts);
    if (r.exitCode !== 0 && !at) return null;
    for (const line of r.stdout.split('\n')) {
      const f = line.split('\t');
      if (f.length >= 8 && f[7] !== '') out.set(f.slice(7).join('\t'), f.slice(0, 7));
    }
  }
  const base = normalizePath(dir);
  const who = await c.identity.get(opts?.become);
  for (const [path, e] of entries) {
    const rel = path.slice(base === '/' ? 1 : base.length + 1);
    if (e.kind === 'unknown') throw new CheckUnknown(`${path}: ${e.why}`);
    if (e.kind === 'absent') {
      for (const k of [...out.keys()]) if (k === rel || k.startsWith(`${rel}/`)) out.delete(k);
      continue;
    }
    if (e.kind === 'host') {
      for (const [k, f] of out) if (k === rel || (e.recursive && k.startsWith(`${rel}/`))) out.set(k, patchFields(f, e));
      continue;
    }
    const st = await statOf(path, e, async () => ({ exists: false }));
    const type = e.kind === 'file' ? 'f' : e.kind === 'dir' ? 'd' : 'l';
    out.set(rel, [type, String(st.size ?? 0), st.owner ?? who.user, String(st.uid ?? who.uid), st.group ?? who.group, String(st.gid ?? who.gid), (st.mode ?? 0).toString(8)]);
  }
  return out;
}

function patchFields(f: Fields, e: Extract<Predicted, { kind: 'host' }>): Fields {
  const g = [...f];
  if (e.owner !== undefined) [g[2], g[3]] = [e.owner, e.uid !== undefined ? String(e.uid) : /^\d+$/.test(e.owner) ? e.owner : g[3]!];
  if (e.group !== undefined) [g[4], g[5]] = [e.group, e.gid !== undefined ? String(e.gid) : /^\d+$/.test(e.group) ? e.group : g[5]!];
  if (e.mode !== undefined && g[0] !== 'l') g[6] = e.mode.toString(8);
  return g;
}

/** find DIR -mindepth 1 ... in the three forms the modules use: the full listing, "is it empty", "does anything drift". */
async function answerFind(c: CheckConnection, argv: readonly string[], opts?: ExecOptions): Promise<CommandResult> {
  const dir = argv[1]!;
  const rest = argv.slice(2);
  const listing = await mergedListing(c, dir, opts);
  if (listing === null) return result(argv, 1, '', `find: '${dir}': No such file or directory\n`);
  const join = (rel: string) => (dir.endsWith('/') ? `${dir}${rel}` : `${dir}/${rel}`);
  if (rest.join(' ') === `-mindepth 1 -printf ${FIND_FORMAT}`) {
    return result(argv, 0, [...listing].map(([rel, f]) => `${f.join('\t')}\t${rel}\n`).join(''));
  }
  if (rest.join(' ') === '-mindepth 1 -maxdepth 1 -print -quit') {
    const first = [...listing.keys()].find((k) => !k.includes('/'));
    return result(argv, 0, first === undefined ? '' : `${join(first)}\n`);
  }
  const drift = rest.slice(0, 6).join(' ') === '-mindepth 1 ! -type l (' && rest.slice(-3).join(' ') === ') -print -quit';
  if (drift) {
    const tests = parseDrift(rest.slice(6, -3));
    const hit = [...listing].find(([, f]) => f[0] !== 'l' && tests.some((t) => t(f)));
    return result(argv, 0, hit ? `${join(hit[0])}\n` : '');
  }
  throw new CheckUnknown(`'find ${dir} ...' would list a directory earlier tasks change only in this check run`);
}

/** The `! -perm MODE -o ! -user U -o ! -group G` tests of file recurse, as predicates on find fields. */
function parseDrift(expr: readonly string[]): ((f: Fields) => boolean)[] {
  const tests: ((f: Fields) => boolean)[] = [];
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] !== '!') continue;
    const [test, value = ''] = [expr[i + 1], expr[i + 2]];
    if (test === '-perm') tests.push((f) => parseInt(f[6]!, 8) !== parseInt(value, 8));
    if (test === '-user') tests.push((f) => f[2] !== value && f[3] !== value);
    if (test === '-group') tests.push((f) => f[4] !== value && f[5] !== value);
  }
  return tests;
}

/** The stat module's probe for a predicted path ($1 path, $2 follow, $3 checksum algorithm, $4 mime, $5 attributes). */
async function answerProbe(c: CheckConnection, argv: readonly string[], opts?: ExecOptions): Promise<CommandResult> {
  let path = argv[4]!;
  const [follow, algo, mime, attrs] = argv.slice(5);
  let st = await c.stat(path, opts);
  if (follow === '1' && st.type === 'symlink' && st.linkTarget !== undefined) {
    path = posix.resolve(posix.dirname(path), st.linkTarget);
    st = await c.stat(path, opts);
  }
  if (!st.exists) return result(argv, 0, 'absent');
  if (mime === '1' || attrs === '1') throw new CheckUnknown(`the mime type and attributes of ${path} are not known in check mode`);
  const who = await c.identity.get(opts?.become);
  const typeBits = st.type === 'directory' ? 0x4000 : st.type === 'symlink' ? 0xa000 : 0x8000;
  const mode = st.mode ?? 0;
  const uid = st.uid ?? who.uid;
  const size = st.size ?? 0;
  const now = (Date.now() / 1000).toFixed(9);
  const nums = `${(typeBits | mode).toString(16)} ${uid} ${st.gid ?? who.gid} ${size} 0 0 1 ${now} ${now} ${now} ${Math.ceil(size / 512)} 4096 0`;
  const shift = who.uid === 0 ? -1 : who.uid === uid ? 6 : 0;
  const can = (bit: number) => (shift < 0 ? bit !== 1 || (mode & 0o111) !== 0 || st.type === 'directory' : ((mode >> shift) & bit) !== 0);
  const access = `${can(4) ? 'r' : ''}${can(2) ? 'w' : ''}${can(1) ? 'x' : ''}`;
  let checksum = '';
  if (algo && st.type === 'file' && access.includes('r')) {
    const data = await c.readFile(path, opts);
    if (data) checksum = createHash(algo).update(data).digest('hex');
  }
  const link = st.type === 'symlink' ? [st.linkTarget ?? '', posix.resolve(posix.dirname(path), st.linkTarget ?? '')] : ['', ''];
  const out = [`${nums}\n${st.owner ?? who.user}\n${st.group ?? who.group}`, access, ...link, checksum, '', ''].join('\0');
  return result(argv, 0, `${out}\0`);
}

/** A glob test (command creates/removes): a predicted entry matching it counts, else the host answers. */
async function answerGlob(c: CheckConnection, argv: readonly string[], opts?: ExecOptions): Promise<CommandResult | undefined> {
  const re = globRegExp(argv[4]!);
  const base = argv[4]!.replace(/\/[^/]*[*?[].*$/, '') || '/';
  const { entries } = c.tree.below(base);
  if (entries.some(([p, e]) => e.kind === 'unknown' && re.test(p))) throw new CheckUnknown(`${argv[4]}: earlier tasks whose effect check mode cannot know write there`);
  if (entries.some(([p, e]) => e.kind !== 'absent' && re.test(p))) return result(argv, 0, '');
  return c.inner.exec(argv, opts);
}

function globRegExp(glob: string): RegExp {
  let s = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') s += '[^/]*';
    else if (ch === '?') s += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) s += '\\[';
      else {
        s += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else s += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${s}$`);
}
