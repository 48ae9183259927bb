// Who files written on a host belong to (the connecting or become user) and its umask, read once per user in check mode.

import type { Become, Connection } from '../connection/types.js';

export interface Identity {
  readonly uid: number;
  readonly user: string;
  readonly gid: number;
  readonly group: string;
  readonly umask: number;
}

// fixed text, no values: the ids and names of the user running it, then its umask
const IDENTITY_SCRIPT = 'id -u; id -un; id -g; id -gn; umask';

export class IdentityCache {
  private readonly byUser = new Map<string, Promise<Identity>>();

  constructor(private readonly conn: Connection) {}

  get(become?: Become): Promise<Identity> {
    const key = become ? `become:${become.user ?? 'root'}` : 'self';
    let p = this.byUser.get(key);
    if (!p) {
      p = this.read(become);
      this.byUser.set(key, p);
    }
    return p;
  }

  private async read(become?: Become): Promise<Identity> {
    const r = await this.conn.exec(['sh', '-c', IDENTITY_SCRIPT], { become });
    const [uid = '', user = '', gid = '', group = '', umask = ''] = r.stdout.split('\n').map((l) => l.trim());
    if (r.exitCode !== 0 || !/^\d+$/.test(uid)) throw new Error(`cannot tell the user and umask on ${this.conn.host}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return { uid: Number(uid), user, gid: Number(gid), group, umask: /^[0-7]+$/.test(umask) ? parseInt(umask, 8) : 0o022 };
  }
}
