// Check mode: the host's connection with the predicted state in front: reads see what earlier tasks would have written.

import type { Duplex } from 'node:stream';
import type { CommandResult, Connection, ExecOptions, FileStat, ReadOptions, StatAndContent, WriteOptions } from '../connection/types.js';
import { readArchiveMember, type ArchiveMember } from './archive-members.js';
import { CheckUnknown } from './check-unknown.js';
import { answerExecRead } from './exec-reads.js';
import { IdentityCache } from './host-identity.js';
import { PredictedTree, type Predicted } from './predicted-tree.js';

export class CheckConnection implements Connection {
  readonly tree = new PredictedTree();
  readonly identity: IdentityCache;
  private readonly members = new Map<ArchiveMember, Promise<Buffer>>();

  constructor(readonly inner: Connection) {
    this.identity = new IdentityCache(inner);
  }

  get host(): string {
    return this.inner.host;
  }

  get transport(): string {
    return this.inner.transport;
  }

  async readFile(path: string, opts?: ReadOptions): Promise<Buffer | null> {
    const e = this.tree.lookup(path);
    if (!e) return this.inner.readFile(this.tree.resolveParents(path), opts);
    switch (e.kind) {
      case 'absent':
      case 'dir':
      case 'link':
        return e.kind === 'link' ? this.readFile(resolveLink(path, e.target), opts) : null;
      case 'host':
        return this.inner.readFile(this.tree.resolveParents(path), opts);
      case 'unknown':
        throw new CheckUnknown(`${path}: ${e.why}`);
      case 'file':
        return this.contentOf(path, e);
    }
  }

  /** The bytes of a predicted file (read from the archive on the controller when unpacked). */
  async contentOf(path: string, e: Extract<Predicted, { kind: 'file' }>): Promise<Buffer> {
    const c = e.content;
    if ('bytes' in c) return c.bytes;
    if ('unknown' in c) throw new CheckUnknown(`the content of ${path} is not known in check mode: ${c.unknown}`);
    if ('copyOf' in c) {
      const bytes = await this.readFile(c.copyOf);
      if (bytes === null) throw new CheckUnknown(`${path} would be a copy of ${c.copyOf}, which is gone`);
      return bytes;
    }
    let p = this.members.get(c.member);
    if (!p) {
      p = readArchiveMember(c.member);
      this.members.set(c.member, p);
    }
    return p;
  }

  async stat(path: string, opts?: ReadOptions): Promise<FileStat> {
    const e = this.tree.lookup(path);
    const real = this.tree.resolveParents(path);
    if (!e) return this.inner.stat(real, opts);
    return statOf(path, e, () => this.inner.stat(real, opts));
  }

  /** A path no earlier task of the run predicts: the host's stat and bytes in one go (see Connection.readWithStat). */
  async readWithStat(path: string, opts?: ReadOptions): Promise<StatAndContent> {
    if (!this.tree.lookup(path) && this.inner.readWithStat) return this.inner.readWithStat(this.tree.resolveParents(path), opts);
    const stat = await this.stat(path, opts);
    return { stat, content: stat.exists && stat.type === 'file' ? await this.readFile(path, opts) : null };
  }

  async exec(argv: readonly string[], opts?: ExecOptions): Promise<CommandResult> {
    const answered = await answerExecRead(this, argv, opts);
    if (answered) return answered;
    const touched = argv.slice(1).find((a) => a.startsWith('/') && this.tree.covers(a));
    if (touched !== undefined) throw new CheckUnknown(`'${argv[0]}' would read ${touched}, which earlier tasks change only in this check run`);
    return this.inner.exec(argv, opts);
  }

  /** Only tasks with check_mode: false write in a check run: the host holds the truth for that path again. */
  async writeFile(path: string, data: Buffer, opts?: WriteOptions): Promise<void> {
    await this.inner.writeFile(path, data, opts);
    this.tree.forget(path);
  }

  connectTcp(host: string, port: number, timeoutMs?: number): Promise<Duplex> {
    return this.inner.connectTcp(host, port, timeoutMs);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  // interrupt/killNow are optional on a Connection: passed on when the inner one has them
  async interrupt(): Promise<void> {
    await (this.inner as Interruptible).interrupt?.();
  }

  killNow(): void {
    (this.inner as Interruptible).killNow?.();
  }
}

interface Interruptible {
  interrupt?(): Promise<void>;
  killNow?(): void;
}

function resolveLink(path: string, target: string): string {
  return target.startsWith('/') ? target : `${path.replace(/\/[^/]*$/, '')}/${target}`;
}

/** FileStat of a predicted entry (a host entry with changed attributes asks the host first). */
export async function statOf(path: string, e: Predicted, hostStat: () => Promise<FileStat>): Promise<FileStat> {
  switch (e.kind) {
    case 'absent':
      return { exists: false };
    case 'unknown':
      throw new CheckUnknown(`${path}: ${e.why}`);
    case 'host': {
      const st = await hostStat();
      if (!st.exists) return st;
      return { ...st, ...definedAttrs(e) };
    }
    case 'file':
      return { exists: true, type: 'file', ...definedAttrs(e), size: 'bytes' in e.content ? e.content.bytes.length : e.size };
    case 'dir':
      return { exists: true, type: 'directory', ...definedAttrs(e), size: 4096 };
    case 'link':
      return { exists: true, type: 'symlink', ...definedAttrs(e), linkTarget: e.target, size: e.target.length };
  }
}

function definedAttrs(e: { mode?: number; owner?: string; group?: string; uid?: number; gid?: number }): Partial<FileStat> {
  const out: Record<string, unknown> = {};
  for (const k of ['mode', 'owner', 'group', 'uid', 'gid'] as const) if (e[k] !== undefined) out[k] = e[k];
  return out as Partial<FileStat>;
}
