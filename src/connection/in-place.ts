// unsafe_writes: when a target cannot be renamed over (a file bind-mounted over the host's own), write it in place, and the message when not allowed.

import { promises as fs } from 'node:fs';

/** The error for a target that is a mount point when unsafe_writes is off. */
export function mountPointError(file: string): Error {
  return new Error(`cannot write ${file}: it is a mount point (a file mounted over the host's own, like /etc/hosts in a container), ` +
    'so it cannot be replaced by an atomic rename; set unsafe_writes: true on the task to rewrite it in place ' +
    '(a reader may then see a partly written file), or change the file it is mounted from');
}

/** True for the errno a rename over a mount point gives (EBUSY; EXDEV across file systems). */
export function isRenameBlocked(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === 'EBUSY' || code === 'EXDEV';
}

/** Rewrites FILE in place with DATA (the complete new bytes are already on disk in the temp file), then mode and owner. */
export async function writeInPlaceLocal(file: string, data: Buffer, mode: number | undefined, uid: number | undefined, gid: number | undefined): Promise<void> {
  const fh = await fs.open(file, 'r+');
  try {
    await fh.truncate(0);
    await fh.write(data, 0, data.length, 0);
    if (mode !== undefined) await fh.chmod(mode);
    if (uid !== undefined || gid !== undefined) await fh.chown(uid ?? -1, gid ?? -1);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
