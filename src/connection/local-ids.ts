// Maps user and group names to ids (and back) on this machine, from /etc/passwd and /etc/group.

import { readFileSync } from 'node:fs';

export type Table = { byName: Map<string, number>; byId: Map<number, string> };
let users: Table | undefined;
let groups: Table | undefined;

/** Names and ids of an /etc/passwd- or /etc/group-format file, read now (the first name of an id wins). */
export function readIdTable(file: string): Table {
  const t: Table = { byName: new Map(), byId: new Map() };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return t;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || !f[0]) continue;
    const id = Number(f[2]);
    if (!Number.isInteger(id)) continue;
    t.byName.set(f[0], id);
    if (!t.byId.has(id)) t.byId.set(id, f[0]);
  }
  return t;
}

export async function userName(uid: number): Promise<string | undefined> {
  users ??= readIdTable('/etc/passwd');
  return users.byId.get(uid);
}

export async function groupName(gid: number): Promise<string | undefined> {
  groups ??= readIdTable('/etc/group');
  return groups.byId.get(gid);
}

function resolve(name: string, table: Table, what: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  const id = table.byName.get(name);
  if (id === undefined) throw new Error(`no such ${what}: ${name}`);
  return id;
}

export async function resolveUid(name: string): Promise<number> {
  users ??= readIdTable('/etc/passwd');
  return resolve(name, users, 'user');
}

export async function resolveGid(name: string): Promise<number> {
  groups ??= readIdTable('/etc/group');
  return resolve(name, groups, 'group');
}
