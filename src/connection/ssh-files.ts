// File read, stat and atomic write of the ssh transport: over SFTP when the host offers it, else exec scripts (same temp + rename).

import type { SFTPWrapper } from 'ssh2';
import type { Become, Connection, FileStat, StatAndContent, WriteOptions } from './types.js';
import { posix } from 'node:path';
import { execViaSudoWrite, readViaExec, statViaExec, sweepViaExec } from './exec-files.js';
import { canWriteViaSftp, readViaSftp, sweepViaSftp, writeViaSftp } from './sftp-files.js';
import { SweptDirs } from './temp-files.js';
import { interruptedWrite } from './interrupted.js';
import { isPermissionDenied, RemoteIdNames, statViaSftp } from './sftp-stat.js';
import { mountPointError } from './in-place.js';
import { closeQuietly, openForRead, readOpened } from './sftp-read.js';
import type { SharedContents } from './shared-contents.js';

/** The host has no SFTP subsystem (a hardened sshd without a Subsystem line): use exec scripts. */
export class SftpUnavailable extends Error {}

/** True for the error ssh2 gives when the server refuses the sftp subsystem. */
export function isNoSftpSubsystem(e: unknown): boolean {
  return e instanceof Error && /Unable to start subsystem: sftp/i.test(e.message);
}

export interface SshFileDeps {
  /** 'exec' forces the exec scripts (for tests and benchmarks) */
  readonly transfer: 'sftp' | 'exec';
  /** runs fn on the connection's SFTP channel; rejects with SftpUnavailable when the host has none */
  withSftp<T>(fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T>;
  /** the connection whose exec retries once after a reconnect (the scripts are idempotent) */
  readonly exec: Connection;
  /** true once the run was interrupted: a write not yet renamed is abandoned */
  interrupted(): boolean;
  /** the run's contents read so far: equal bytes from another host are shared, not held twice */
  readonly contents?: SharedContents;
}

export class SshFiles {
  #noSftp = false;
  readonly #swept = new SweptDirs();
  /** the host's uid/gid -> name tables for stat over SFTP; invalidate after every exec */
  readonly ids = new RemoteIdNames();

  constructor(private readonly deps: SshFileDeps) {}

  /** false once the host turned out to have no SFTP subsystem */
  get usesSftp(): boolean {
    return this.deps.transfer === 'sftp' && !this.#noSftp;
  }

  async read(file: string, become: Become | undefined): Promise<Buffer | null> {
    const viaExec = () => readViaExec(this.deps.exec, file, become);
    const data = become ? await viaExec() : await this.#sftpOr((sftp) => readViaSftp(sftp, file), viaExec);
    return data && this.#shared(data);
  }

  #shared(data: Buffer): Buffer {
    return this.deps.contents?.share(data) ?? data;
  }

  /**
   * stat() and, for a regular file, read() in one go: over SFTP the open goes out with the lstat and
   * the reads right after it (two round trips for a small file instead of six).
   */
  async readWithStat(file: string, become: Become | undefined): Promise<StatAndContent> {
    const separately = async (): Promise<StatAndContent> => {
      const stat = await this.stat(file, become);
      return { stat, content: stat.exists && stat.type === 'file' ? await this.read(file, become) : null };
    };
    if (become) return separately();
    return this.#sftpOr((sftp) => this.#readWithStatVia(sftp, file), separately);
  }

  async #readWithStatVia(sftp: SFTPWrapper, file: string): Promise<StatAndContent> {
    const opening = openForRead(sftp, file);
    opening.catch(() => undefined); // a failed open matters only when the lstat finds a regular file
    let stat: FileStat;
    try {
      stat = await this.stat(file, undefined);
    } catch (e) {
      closeQuietly(sftp, opening);
      throw e;
    }
    if (!stat.exists || stat.type !== 'file') {
      closeQuietly(sftp, opening);
      return { stat, content: null };
    }
    let handle: Buffer | null;
    try {
      handle = await opening;
    } catch (e) {
      throw new Error(`cannot read ${file}: ${(e as Error).message}`);
    }
    if (!handle) return { stat, content: null }; // removed between the lstat and the open
    try {
      return { stat, content: this.#shared(await readOpened(sftp, handle, stat.size ?? 0)) };
    } catch (e) {
      throw new Error(`cannot read ${file}: ${(e as Error).message}`);
    } finally {
      closeQuietly(sftp, handle);
    }
  }

  /**
   * lstat over SFTP (no remote process), even with become: a stat rarely needs privileges. The
   * exec path (stat(1), with sudo when become applies) is used when SFTP says permission denied,
   * and for ids that /etc/passwd and /etc/group do not name (users from LDAP and other NSS sources).
   */
  async stat(file: string, become: Become | undefined): Promise<FileStat> {
    const viaExec = () => statViaExec(this.deps.exec, file, become);
    let st: Awaited<ReturnType<typeof statViaSftp>> | FileStat;
    try {
      st = await this.#sftpOr((sftp) => statViaSftp(sftp, file, this.ids), viaExec);
    } catch (e) {
      if (isPermissionDenied(e)) return viaExec();
      throw new Error(`cannot stat ${file}: ${(e as Error).message}`);
    }
    if (!('namesComplete' in st)) return st;
    const { namesComplete, ...stat } = st;
    if (!stat.exists || namesComplete) return stat;
    const fromExec = await viaExec();
    if (fromExec.exists && fromExec.uid === stat.uid && fromExec.gid === stat.gid) this.ids.learn(stat.uid!, fromExec.owner, stat.gid!, fromExec.group);
    return fromExec;
  }

  async write(file: string, data: Buffer, opts: WriteOptions): Promise<void> {
    const dir = posix.dirname(file);
    const viaExec = async () => {
      if (this.#swept.first(`exec:${opts.become?.user ?? ''}:${dir}`)) await sweepViaExec(this.deps.exec, dir, opts.become);
      if (this.deps.interrupted()) throw interruptedWrite(file);
      return execViaSudoWrite(this.deps.exec, file, data, opts);
    };
    if (!canWriteViaSftp(opts)) return viaExec();
    const viaSftp = async (sftp: SFTPWrapper) => {
      if (this.#swept.first(`sftp:${dir}`)) await sweepViaSftp(sftp, dir);
      return writeViaSftp(sftp, file, data, opts, () => this.deps.interrupted());
    };
    try {
      return await this.#sftpOr(viaSftp, viaExec);
    } catch (e) {
      if (!(await this.#isMountPoint(file, e))) throw e;
      if (!opts.unsafeWrites) throw mountPointError(file);
      return viaExec(); // the exec script rewrites a mount point in place when told to
    }
  }

  async #sftpOr<T>(viaSftp: (sftp: SFTPWrapper) => Promise<T>, viaExec: () => Promise<T>): Promise<T> {
    if (!this.usesSftp) return viaExec();
    try {
      return await this.deps.withSftp(viaSftp);
    } catch (e) {
      if (!(e instanceof SftpUnavailable)) throw e;
      this.#noSftp = true;
      return viaExec();
    }
  }

  /**
   * SFTP reports a failed rename only as "Failure": is the target a mount point (a file
   * bind-mounted over the host's own, as /etc/hosts in a container)?
   */
  async #isMountPoint(file: string, e: unknown): Promise<boolean> {
    if (!(e instanceof Error) || !/: Failure$/.test(e.message)) return false;
    const r = await this.deps.exec.exec(['mountpoint', '-q', '--', file]).catch(() => undefined);
    return r?.exitCode === 0;
  }
}
