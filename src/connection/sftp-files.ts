// File read and atomic write over one SFTP channel (no remote process per file): temp file, fsync, posix-rename.

import path from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import type { WriteOptions } from './types.js';
import { isStaleTemp, isTempName, tempPathFor } from './temp-files.js';
import { interruptedWrite } from './interrupted.js';
import { readWhole } from './sftp-read.js';

const NO_SUCH_FILE = 2;
const CHUNK = 32 * 1024;
/** SFTP write requests in flight at once: one round trip per chunk would make big files crawl */
const WINDOW = 32;

type Cb<T> = (cb: (err: Error | undefined | null, v: T) => void) => void;
function call<T = void>(fn: Cb<T>): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v))));
}

function isNoSuchFile(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === NO_SUCH_FILE;
}

export async function readViaSftp(sftp: SFTPWrapper, file: string): Promise<Buffer | null> {
  try {
    return await readWhole(sftp, file);
  } catch (e) {
    if (isNoSuchFile(e)) return null;
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

async function lstatOrNull(sftp: SFTPWrapper, file: string): Promise<Stats | null> {
  try {
    return await call<Stats>((cb) => sftp.lstat(file, cb));
  } catch (e) {
    if (isNoSuchFile(e)) return null;
    throw e;
  }
}

/** True when sftp can do this write by itself (numeric or no owner/group; names need the remote's user database). */
export function canWriteViaSftp(opts: WriteOptions): boolean {
  const numeric = (v: string | undefined) => v === undefined || /^\d+$/.test(v);
  return !opts.become && numeric(opts.owner) && numeric(opts.group);
}

/**
 * `interrupted` is asked just before the rename: when it says yes the write is abandoned (the target keeps its bytes).
 * Three round trips: the lstat of the target goes out with the exclusive open of the temp file; then
 * every write, the mode, the owner and the fsync together (the server does them in order); then the
 * close with the rename.
 */
export async function writeViaSftp(sftp: SFTPWrapper, file: string, data: Buffer, opts: WriteOptions = {}, interrupted: () => boolean = () => false): Promise<void> {
  const tmp = tempPathFor(file);
  const opening = call<Buffer>((cb) => sftp.open(tmp, 'wx', { mode: 0o600 }, cb));
  opening.catch(() => undefined);
  const oldStat = lstatOrNull(sftp, file);
  oldStat.catch(() => undefined);
  let handle: Buffer;
  let old: Stats | null;
  try {
    handle = await opening;
  } catch (e) {
    throw new Error(`cannot write ${file}: ${(e as Error).message}`);
  }
  let renamed = false;
  let closed = false;
  try {
    old = await oldStat;
    const mode = opts.mode ?? (old ? old.mode & 0o7777 : 0o644);
    const steps: Promise<unknown>[] = [writeChunks(sftp, handle, data), call<void>((cb) => sftp.fchmod(handle, mode, cb))];
    const uid = opts.owner !== undefined ? Number(opts.owner) : old?.uid;
    const gid = opts.group !== undefined ? Number(opts.group) : old?.gid;
    if (uid !== undefined || gid !== undefined) {
      const chown = call((cb) => sftp.fchown(handle, uid ?? 0xffffffff, gid ?? 0xffffffff, cb));
      // keeping an old owner is best effort (a non-root user cannot give files away); an asked-for one is not
      steps.push(opts.owner !== undefined || opts.group !== undefined ? chown : chown.catch(() => undefined));
    }
    steps.push(call((cb) => sftp.ext_openssh_fsync(handle, cb)).catch(() => undefined));
    await Promise.all(steps);
    if (interrupted()) throw interruptedWrite(file);
    closed = true;
    const closing = call((cb) => sftp.close(handle, cb));
    const renaming = call((cb) => sftp.ext_openssh_rename(tmp, file, cb));
    renaming.then(() => (renamed = true), () => undefined);
    await Promise.all([closing, renaming]);
  } catch (e) {
    if (interrupted()) throw interruptedWrite(file);
    throw new Error(`cannot write ${file}: ${(e as Error).message}`);
  } finally {
    // on a dead channel these never answer: wait briefly, never forever
    if (!closed) await settleWithin(call<void>((cb) => sftp.close(handle, cb)), 2000);
    if (!renamed) await settleWithin(call<void>((cb) => sftp.unlink(tmp, cb)), 2000);
  }
}

async function writeChunks(sftp: SFTPWrapper, handle: Buffer, data: Buffer): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < data.length) {
      const off = next;
      const len = Math.min(CHUNK, data.length - off);
      next += len;
      await call((cb) => sftp.write(handle, data, off, len, off, cb));
    }
  };
  await Promise.all(Array.from({ length: Math.min(WINDOW, Math.ceil(data.length / CHUNK)) }, worker));
}

function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    p.catch(() => undefined).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Removes the temp files a killed run left in `dir` (readdir over the same channel). */
export async function sweepViaSftp(sftp: SFTPWrapper, dir: string): Promise<void> {
  let list: { filename: string; attrs: Stats }[];
  try {
    list = await call<{ filename: string; attrs: Stats }[]>((cb) => sftp.readdir(dir, cb as never));
  } catch {
    return;
  }
  for (const e of list) {
    if (!isTempName(e.filename) || (e.attrs.mode & 0o170000) !== 0o100000) continue;
    if (isStaleTemp(e.filename, e.attrs.mtime * 1000)) await call((cb) => sftp.unlink(path.posix.join(dir, e.filename), cb)).catch(() => undefined);
  }
}
