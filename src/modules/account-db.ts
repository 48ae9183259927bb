// The host's local account files (/etc/passwd, /etc/group, /etc/shadow) read through the connection, for user and group.

import type { ReadContext } from './types.js';
import { requireConn } from './file-common.js';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly comment: string;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

export interface AccountDb {
  readonly users: readonly PasswdEntry[];
  readonly groups: readonly GroupEntry[];
}

/** Colon-separated records of a passwd-style file; comments, blanks and NIS +/- lines are skipped. */
function parseRecords(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('+') && !l.startsWith('-'))
    .map((l) => l.split(':'));
}

async function readText(ctx: ReadContext, module: string, path: string): Promise<string> {
  const buf = await requireConn(ctx, module).readFile(path, { become: ctx.become });
  if (buf === null) throw new Error(`${path} does not exist on ${ctx.host}: ${module} manages local accounts in /etc/passwd and /etc/group`);
  return buf.toString('utf8');
}

/** Reads /etc/passwd and /etc/group (local accounts only, like Ansible's `local: true`). */
export async function readAccountDb(ctx: ReadContext, module: string): Promise<AccountDb> {
  const users = parseRecords(await readText(ctx, module, '/etc/passwd')).map(([name = '', , uid = '', gid = '', comment = '', home = '', shell = '']) => ({
    name, uid: Number(uid), gid: Number(gid), comment, home, shell,
  }));
  const groups = parseRecords(await readText(ctx, module, '/etc/group')).map(([name = '', , gid = '', members = '']) => ({
    name, gid: Number(gid), members: members.split(',').map((m) => m.trim()).filter(Boolean),
  }));
  return { users, groups };
}

/**
 * The password field of NAME in /etc/shadow, or undefined when the user has no entry.
 * Reading it needs root (become); a clear error says so.
 */
export async function readShadowPassword(ctx: ReadContext, module: string, name: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readText(ctx, module, '/etc/shadow');
  } catch (e) {
    throw new Error(`cannot read /etc/shadow on ${ctx.host} to compare the password of '${name}' (run the task as root: become: true): ${(e as Error).message}`);
  }
  return parseRecords(text).find((r) => r[0] === name)?.[1];
}

/** A group by name, or by gid when WANT is a number. */
export function findGroup(db: AccountDb, want: string): GroupEntry | undefined {
  return /^\d+$/.test(want) ? db.groups.find((g) => g.gid === Number(want)) : db.groups.find((g) => g.name === want);
}

export function findUser(db: AccountDb, name: string): PasswdEntry | undefined {
  return db.users.find((u) => u.name === name);
}
