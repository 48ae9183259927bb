// The stat probe answered in this process for the local transport: no child process (spawning one blocks every host's event loop).
//
// The same facts the probe script's stat(1), test -r/-w/-x, readlink, realpath -m and <algo>sum give,
// from node:fs as the same user. Anything this does not answer exactly the same way (become, mime
// type, lsattr attributes, ids /etc/passwd or /etc/group do not name, a dangling link's real path)
// returns FALLBACK, and the caller runs the probe script as before.

import { constants, createReadStream, promises as fs, type BigIntStats } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ProbeFacts, ProbeRequest } from './stat-probe.js';
import { readIdTable } from '../connection/local-ids.js';

export const FALLBACK = Symbol('run the probe script');

/** Facts of req.path, null when it does not exist, or FALLBACK. */
export async function probeLocally(req: ProbeRequest): Promise<ProbeFacts | null | typeof FALLBACK> {
  if (req.mime || req.attributes) return FALLBACK;
  let st: BigIntStats;
  try {
    st = req.follow ? await fs.stat(req.path, { bigint: true }) : await fs.lstat(req.path, { bigint: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return FALLBACK; // stat(1) words the error itself
  }
  const owner = nameOf('/etc/passwd', Number(st.uid));
  const group = nameOf('/etc/group', Number(st.gid));
  if (owner === undefined || group === undefined) return FALLBACK; // NSS sources beyond the files
  let linkTarget: string | undefined;
  let linkSource: string | undefined;
  if (!req.follow && st.isSymbolicLink()) {
    linkTarget = await fs.readlink(req.path);
    try {
      linkSource = await fs.realpath(req.path);
    } catch {
      return FALLBACK; // dangling: realpath -m resolves what exists and keeps the rest
    }
  }
  const [readable, writeable, executable] = await Promise.all([constants.R_OK, constants.W_OK, constants.X_OK].map(async (mode) => {
    try {
      await fs.access(req.path, mode);
      return true;
    } catch {
      return false;
    }
  }));
  const checksum = req.checksum && st.isFile() && readable ? await hashFile(req.path, req.checksum) : undefined;
  return {
    rawMode: Number(st.mode),
    uid: Number(st.uid),
    gid: Number(st.gid),
    size: Number(st.size),
    inode: Number(st.ino),
    dev: Number(st.dev),
    nlink: Number(st.nlink),
    atime: seconds(st.atimeNs),
    mtime: seconds(st.mtimeNs),
    ctime: seconds(st.ctimeNs),
    blocks: Number(st.blocks),
    blockSize: Number(st.blksize),
    deviceType: Number(st.rdev),
    owner,
    group,
    readable: !!readable,
    writeable: !!writeable,
    executable: !!executable,
    linkTarget: linkTarget || undefined,
    linkSource: linkSource || undefined,
    checksum,
    mime: undefined,
    lsattr: undefined,
  };
}

/** `%.9Y` as the probe prints it, then read back as a number: the same double. */
function seconds(ns: bigint): number {
  const s = ns / 1_000_000_000n;
  const frac = ns % 1_000_000_000n;
  return Number(`${s}.${frac.toString().padStart(9, '0')}`);
}

/** The name the files give an id now (read fresh: a task may have added it); undefined when they give none. */
function nameOf(file: string, id: number): string | undefined {
  return readIdTable(file).byId.get(id);
}

function hashFile(file: string, algorithm: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash(algorithm);
    createReadStream(file).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
  });
}
