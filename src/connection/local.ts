// The local transport: child processes without a shell, and node:fs for files.

import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { CommandResult, Connection, ExecOptions, FileStat, ReadOptions, WriteOptions } from './types.js';
import { becomeArgv } from './quote.js';
import { execViaSudoWrite, readViaExec, statViaExec, sweepViaExec } from './exec-files.js';
import { groupName, resolveGid, resolveUid, userName } from './local-ids.js';
import { isRenameBlocked, mountPointError, writeInPlaceLocal } from './in-place.js';
import { ChildGroups, runChild } from './local-child.js';
import { isStaleTemp, isTempName, SweptDirs, tempPathFor } from './temp-files.js';
import { interruptedResult, interruptedWrite } from './interrupted.js';
import { reveal } from '../vars/secret.js';

export { runChild } from './local-child.js';

export class LocalConnection implements Connection {
  readonly transport = 'local';
  readonly #children = new ChildGroups();
  readonly #swept = new SweptDirs();
  #interrupted = false;
  constructor(readonly host: string) {}

  exec(argv: readonly string[], opts: ExecOptions = {}): Promise<CommandResult> {
    if (this.#interrupted) return Promise.resolve(interruptedResult(argv));
    const full = becomeArgv(argv, needsBecome(opts.become) ? opts.become : undefined);
    let stdin = opts.stdin;
    if (needsBecome(opts.become) && opts.become?.password !== undefined) {
      stdin = Buffer.concat([Buffer.from(`${String(reveal(opts.become.password))}\n`), toBuf(stdin)]);
    }
    return runChild(full, { ...opts, stdin }, this.host, this.#children);
  }

  /** The run was interrupted: running commands end (TERM, then KILL), later commands do not start, writes not yet renamed are abandoned. */
  async interrupt(): Promise<void> {
    this.#interrupted = true;
    await this.#children.end();
  }

  killNow(): void {
    this.#interrupted = true;
    this.#children.signal('SIGKILL');
  }

  /** Removes temp files a killed run left in DIR (once per directory per run). */
  async #sweep(dir: string): Promise<void> {
    if (!this.#swept.first(dir)) return;
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter(isTempName);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const st = await fs.lstat(full).catch(() => undefined);
      if (st?.isFile() && isStaleTemp(name, st.mtimeMs)) await fs.rm(full, { force: true });
    }
  }

  async readFile(file: string, opts: ReadOptions = {}): Promise<Buffer | null> {
    if (needsBecome(opts.become)) return readViaExec(this, file, opts.become);
    try {
      return await fs.readFile(file);
    } catch (e) {
      if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return null;
      throw e;
    }
  }

  async stat(file: string, opts: ReadOptions = {}): Promise<FileStat> {
    if (needsBecome(opts.become)) return statViaExec(this, file, opts.become);
    let st;
    try {
      st = await fs.lstat(file);
    } catch (e) {
      if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return { exists: false };
      throw e;
    }
    const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
    return {
      exists: true,
      type,
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      owner: await userName(st.uid),
      group: await groupName(st.gid),
      size: st.size,
      mtimeMs: st.mtimeMs,
      linkTarget: type === 'symlink' ? await fs.readlink(file) : undefined,
    };
  }

  async writeFile(file: string, data: Buffer, opts: WriteOptions = {}): Promise<void> {
    if (needsBecome(opts.become)) {
      if (this.#swept.first(`become:${path.dirname(file)}`)) await sweepViaExec(this, path.dirname(file), opts.become);
      return execViaSudoWrite(this, file, data, opts);
    }
    const old = await this.stat(file);
    const mode = opts.mode ?? (old.exists ? old.mode : undefined) ?? 0o644;
    const uid = opts.owner !== undefined ? await resolveUid(opts.owner) : old.uid;
    const gid = opts.group !== undefined ? await resolveGid(opts.group) : old.gid;
    await this.#sweep(path.dirname(file));
    const tmp = tempPathFor(file);
    const fh = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
    try {
      await fh.writeFile(data);
      await fh.chmod(mode);
      if ((uid !== undefined && uid !== process.getuid?.()) || (gid !== undefined && gid !== process.getgid?.())) {
        await fh.chown(uid ?? -1, gid ?? -1);
      }
      await fh.sync();
      await fh.close();
      if (this.#interrupted) throw interruptedWrite(file);
      await this.#replace(tmp, file, data, opts, mode, uid, gid);
    } catch (e) {
      await fh.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  /** rename over the target; a mount point is rewritten in place only with unsafe_writes */
  async #replace(tmp: string, file: string, data: Buffer, opts: WriteOptions, mode: number, uid?: number, gid?: number): Promise<void> {
    try {
      await fs.rename(tmp, file);
    } catch (e) {
      if (!isRenameBlocked(e)) throw e;
      if (!opts.unsafeWrites) throw mountPointError(file);
      await writeInPlaceLocal(file, data, mode, opts.owner !== undefined ? uid : undefined, opts.group !== undefined ? gid : undefined);
      await fs.rm(tmp, { force: true });
    }
  }

  connectTcp(host: string, port: number, timeoutMs = 10_000): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const sock = net.connect({ host, port });
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new Error(`timed out connecting to ${host}:${port}`));
      }, timeoutMs);
      sock.once('connect', () => {
        clearTimeout(timer);
        resolve(sock);
      });
      sock.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  async close(): Promise<void> {}
}

function needsBecome(b: ExecOptions['become']): boolean {
  if (!b) return false;
  const target = b.user ?? 'root';
  const me = process.getuid?.() === 0 ? 'root' : process.env.USER;
  return target !== me;
}

function toBuf(s: string | Buffer | undefined): Buffer {
  return s === undefined ? Buffer.alloc(0) : Buffer.isBuffer(s) ? s : Buffer.from(s);
}

function isErrno(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === code;
}

