// Check mode: the /etc/group and /etc/passwd lines a group or user task would add, so later tasks find the account.

import type { Become } from '../connection/types.js';
import type { CheckConnection } from './check-connection.js';

type Obj = Record<string, unknown>;

// Debian's login.defs: system ids are taken from the top of 100..999, others from 1000 up
const SYS_MIN = 100;
const SYS_MAX = 999;
const FIRST_ID = 1000;

function records(text: string): string[][] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

/** The id groupadd/useradd would pick: the highest free system id, or one above the highest regular id. */
export function nextFreeId(used: ReadonlySet<number>, system: boolean): number {
  if (system) {
    for (let id = SYS_MAX; id >= SYS_MIN; id--) if (!used.has(id)) return id;
  }
  const regular = [...used].filter((n) => n >= FIRST_ID && n < 60000);
  return regular.length ? Math.max(...regular) + 1 : FIRST_ID;
}

async function readText(c: CheckConnection, path: string, become?: Become): Promise<string> {
  return (await c.readFile(path, { become }))?.toString('utf8') ?? '';
}

async function append(c: CheckConnection, path: string, text: string, line: string, become?: Become): Promise<void> {
  const st = await c.stat(path, { become });
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  c.tree.set(path, { kind: 'file', content: { bytes: Buffer.from(`${body}${line}\n`) }, mode: st.mode ?? 0o644, owner: st.owner, group: st.group, uid: st.uid, gid: st.gid });
}

/** groupadd [-g GID] [-r] NAME, predicted; returns the gid. */
export async function predictGroupAdd(c: CheckConnection, name: string, gid: number | undefined, system: boolean, become?: Become): Promise<number> {
  const text = await readText(c, '/etc/group', become);
  const known = records(text).find((r) => r[0] === name);
  if (known) return Number(known[2]);
  const id = gid ?? nextFreeId(new Set(records(text).map((r) => Number(r[2]))), system);
  await append(c, '/etc/group', text, `${name}:x:${id}:`, become);
  return id;
}

/** useradd for the user module's arguments, predicted: the passwd line, its own group, its home. */
export async function predictUserAdd(c: CheckConnection, args: Obj, become?: Become): Promise<void> {
  const name = String(args.name);
  const passwd = await readText(c, '/etc/passwd', become);
  if (records(passwd).some((r) => r[0] === name)) return;
  const system = args.system === true;
  const uid = typeof args.uid === 'number' ? args.uid : nextFreeId(new Set(records(passwd).map((r) => Number(r[2]))), system);
  const groups = records(await readText(c, '/etc/group', become));
  let gid: number;
  if (args.group !== undefined) {
    const g = String(args.group);
    gid = /^\d+$/.test(g) ? Number(g) : Number(groups.find((r) => r[0] === g)?.[2] ?? NaN);
  } else if (groups.some((r) => r[0] === name)) gid = 100; // -N: the users group
  else gid = await predictGroupAdd(c, name, groups.some((r) => Number(r[2]) === uid) ? undefined : uid, system, become);
  const home = typeof args.home === 'string' ? args.home : `/home/${name}`;
  const shell = typeof args.shell === 'string' ? args.shell : '/bin/sh';
  await append(c, '/etc/passwd', passwd, `${name}:x:${uid}:${Number.isNaN(gid) ? '' : gid}:${typeof args.comment === 'string' ? args.comment : ''}:${home}:${shell}`, become);
  if (args.create_home !== false && !(await c.stat(home, { become })).exists) {
    c.tree.set(home, { kind: 'dir', fresh: true, mode: 0o700, owner: name, uid, gid: Number.isNaN(gid) ? undefined : gid });
  }
}
