// lstat over the SFTP channel (no remote process), with owner/group names from the host's /etc/passwd and /etc/group.

import type { SFTPWrapper, Stats } from 'ssh2';
import type { FileStat } from './types.js';
import { readWhole } from './sftp-read.js';

const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;

type Cb<T> = (cb: (err: Error | undefined | null, v: T) => void) => void;
function call<T>(fn: Cb<T>): Promise<T> {
  return new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v))));
}

function sftpCode(e: unknown): unknown {
  return typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
}

/** True for the SFTP "permission denied" status: the caller may retry the stat with become. */
export function isPermissionDenied(e: unknown): boolean {
  return sftpCode(e) === PERMISSION_DENIED;
}

interface IdNames {
  readonly users: ReadonlyMap<number, string>;
  readonly groups: ReadonlyMap<number, string>;
}

/** id -> name from passwd/group text (name:x:id:...); the first entry for an id wins, like getpwuid. */
export function parseIdNames(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const f = line.split(':');
    if (f.length < 3 || !f[0] || !/^\d+$/.test(f[2]!)) continue;
    const id = Number(f[2]);
    if (!names.has(id)) names.set(id, f[0]);
  }
  return names;
}

/**
 * The remote user database, read once over SFTP and kept until invalidated (the connection
 * invalidates it after every exec, since a command may have added users or groups).
 */
export class RemoteIdNames {
  #cached: Promise<IdNames> | undefined;
  /** ids the database does not name, confirmed by a fresh read: no re-read for them until invalidated */
  readonly #unnamed = new Set<string>();
  /** names (or null: none) learned from the exec stat for ids the files do not name (NSS, LDAP) */
  readonly #learned = new Map<string, string | null>();

  invalidate(): void {
    this.#cached = undefined;
    this.#unnamed.clear();
    this.#learned.clear();
  }

  /** Records what the exec stat (stat -c %U/%G) said for ids the files did not name. */
  learn(uid: number, owner: string | undefined, gid: number, group: string | undefined): void {
    this.#learned.set(`u${uid}`, owner ?? null);
    this.#learned.set(`g${gid}`, group ?? null);
  }

  /**
   * Owner and group names; `complete` is false when /etc/passwd or /etc/group does not name an id
   * even after a fresh read and nothing was learned for it (ids from NSS sources other than files).
   */
  async resolve(sftp: SFTPWrapper, uid: number, gid: number): Promise<{ owner?: string; group?: string; complete: boolean }> {
    let names = await this.#load(sftp);
    const missing = (n: IdNames) => (!n.users.has(uid) && !this.#unnamed.has(`u${uid}`)) || (!n.groups.has(gid) && !this.#unnamed.has(`g${gid}`));
    if (missing(names)) {
      this.#cached = undefined; // a user added since the last read (by something other than our exec)
      names = await this.#load(sftp);
      if (!names.users.has(uid)) this.#unnamed.add(`u${uid}`);
      if (!names.groups.has(gid)) this.#unnamed.add(`g${gid}`);
    }
    const pick = (map: ReadonlyMap<number, string>, key: string, id: number): [string | undefined, boolean] => {
      const name = map.get(id);
      if (name !== undefined) return [name, true];
      const learned = this.#learned.get(key);
      return learned === undefined ? [undefined, false] : [learned ?? undefined, true];
    };
    const [owner, ownerKnown] = pick(names.users, `u${uid}`, uid);
    const [group, groupKnown] = pick(names.groups, `g${gid}`, gid);
    return { owner, group, complete: ownerKnown && groupKnown };
  }

  #load(sftp: SFTPWrapper): Promise<IdNames> {
    if (!this.#cached) {
      const read = async (file: string) => parseIdNames(String((await readWhole(sftp, file)) ?? ''));
      const p = Promise.all([read('/etc/passwd'), read('/etc/group')]).then(([users, groups]) => ({ users, groups }));
      p.catch(() => (this.#cached === p ? (this.#cached = undefined) : undefined));
      this.#cached = p;
    }
    return this.#cached;
  }
}

function fileType(mode: number): FileStat['type'] {
  switch (mode & 0o170000) {
    case 0o100000: return 'file';
    case 0o040000: return 'directory';
    case 0o120000: return 'symlink';
    default: return 'other';
  }
}

/**
 * lstat(2) over SFTP, the same FileStat statViaExec gives. Throws the SFTP error for anything
 * but "no such file" (permission denied included, see isPermissionDenied).
 */
export async function statViaSftp(sftp: SFTPWrapper, file: string, ids: RemoteIdNames): Promise<FileStat & { namesComplete?: boolean }> {
  let st: Stats;
  try {
    st = await call<Stats>((cb) => sftp.lstat(file, cb));
  } catch (e) {
    if (sftpCode(e) === NO_SUCH_FILE) return { exists: false };
    throw e;
  }
  const type = fileType(st.mode);
  const [names, linkTarget] = await Promise.all([
    ids.resolve(sftp, st.uid, st.gid),
    type === 'symlink' ? call<string>((cb) => sftp.readlink(file, cb)) : Promise.resolve(undefined),
  ]);
  return {
    exists: true,
    type,
    mode: st.mode & 0o7777,
    uid: st.uid,
    gid: st.gid,
    owner: names.owner,
    group: names.group,
    size: st.size,
    mtimeMs: st.mtime * 1000,
    linkTarget,
    namesComplete: names.complete,
  };
}
