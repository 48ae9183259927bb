// Pure planning for the user module: useradd/usermod/userdel argv from the wanted args and the account files.

import { posix } from 'node:path';
import type { Change, Plan } from './types.js';
import { failPlan } from './types.js';
import { findGroup, type AccountDb, type GroupEntry, type PasswdEntry } from './account-db.js';
import { formatMode } from './file-common.js';
import { reveal } from '../vars/secret.js';
import type { UserArgs, UserFacts } from './user.js';

type Obj = Record<string, unknown>;

function exec(argv: string[], summary: string, stdin?: string): Change {
  return { kind: 'exec', argv, summary, ...(stdin !== undefined ? { opts: { stdin } } : {}) };
}

/** chpasswd -e reads `name:hash` from stdin, so the hash never appears in a command line or a result. */
function setPassword(name: string, hash: string): Change {
  return exec(['chpasswd', '-e'], `set the password hash of ${name}`, `${name}:${hash}\n`);
}

function baseResult(args: UserArgs): Obj {
  return {
    name: args.name,
    state: args.state,
    ...(args.groups !== undefined ? { groups: args.groups.join(',') } : {}),
    ...(args.password !== undefined ? { password: 'NOT_LOGGING_PASSWORD' } : {}),
  };
}

interface ResolvedGroups {
  readonly primary?: GroupEntry;
  readonly extra?: GroupEntry[];
  readonly problem?: string;
  /** check mode: groups that do not exist yet (an earlier task may create them) */
  readonly missing: string[];
}

/**
 * Resolves `group` and `groups` against /etc/group; a message when one does not exist. In check mode a
 * missing group is assumed to come from an earlier task (gid unknown) and only noted.
 */
function resolveGroups(args: UserArgs, db: AccountDb, checkMode: boolean): ResolvedGroups {
  const missing: string[] = [];
  const find = (g: string): GroupEntry | undefined => {
    const found = findGroup(db, g);
    if (found || !checkMode) return found;
    missing.push(g);
    return { name: g, gid: Number.NaN, members: [] };
  };
  const primary = args.group !== undefined ? find(args.group) : undefined;
  if (args.group !== undefined && !primary) return { problem: `Group ${args.group} does not exist`, missing };
  const extra: GroupEntry[] = [];
  for (const g of args.groups ?? []) {
    const found = find(g);
    if (!found) return { problem: `Group ${g} does not exist`, missing };
    if (!extra.includes(found)) extra.push(found);
  }
  return { primary, extra: args.groups !== undefined ? extra : undefined, missing };
}

function withWarning(result: Obj, g: ResolvedGroups): Obj {
  return g.missing.length > 0 ? { ...result, warning: `group ${g.missing.join(', ')} does not exist yet (check mode assumes an earlier task creates it)` } : result;
}

function uidTakenBy(args: UserArgs, db: AccountDb): string | undefined {
  if (args.uid === undefined || args.non_unique) return undefined;
  return db.users.find((u) => u.uid === args.uid && u.name !== args.name)?.name;
}

export function planUserAbsent(args: UserArgs, user: PasswdEntry | undefined): Plan {
  const result = baseResult(args);
  if (!user) return { changes: [], noopReason: `user ${args.name} does not exist`, result };
  const argv = ['userdel', ...(args.force ? ['-f'] : []), ...(args.remove ? ['-r'] : []), args.name];
  return { changes: [exec(argv, `remove user ${args.name}${args.remove ? ' with its home' : ''}`)], result: { ...result, force: args.force, remove: args.remove } };
}

export function planUserCreate(args: UserArgs, facts: UserFacts, checkMode: boolean): Plan {
  const { db } = facts;
  const result = baseResult(args);
  const g = resolveGroups(args, db, checkMode);
  if (g.problem) return failPlan(g.problem, result);
  const taken = uidTakenBy(args, db);
  if (taken) return failPlan(`uid ${args.uid} is already used by user ${taken} (set non_unique: true to share it)`, result);
  const argv = ['useradd'];
  if (args.uid !== undefined) argv.push('-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
  // like Ansible: with no group given and a group of the user's name already there, useradd must not create one
  if (args.group !== undefined) argv.push('-g', args.group);
  else if (findGroup(db, args.name)) argv.push('-N');
  if (g.extra?.length) argv.push('-G', g.extra.map((x) => x.name).join(','));
  if (args.comment !== undefined) argv.push('-c', args.comment);
  if (args.home !== undefined) argv.push('-d', args.home);
  if (args.shell !== undefined) argv.push('-s', args.shell);
  if (args.create_home) argv.push('-m', ...(args.skeleton !== undefined ? ['-k', args.skeleton] : []));
  else argv.push('-M');
  if (args.system) argv.push('-r');
  argv.push(args.name);
  const changes: Change[] = [];
  if (args.create_home && args.home !== undefined && facts.homeParentExists === false) {
    changes.push(exec(['mkdir', '-p', '--', posix.dirname(args.home)], `create ${posix.dirname(args.home)} (parent of the home)`));
  }
  changes.push(exec(argv, `add user ${args.name}`));
  if (args.password !== undefined) changes.push(setPassword(args.name, `${args.password_lock ? '!' : ''}${String(reveal(args.password))}`));
  const known = {
    ...(args.uid !== undefined ? { uid: args.uid } : {}),
    ...(g.primary ? { group: g.primary.gid } : {}),
    ...(args.comment !== undefined ? { comment: args.comment } : {}),
    ...(args.home !== undefined ? { home: args.home } : {}),
    ...(args.shell !== undefined ? { shell: args.shell } : {}),
  };
  return { changes, result: withWarning({ ...result, system: args.system, create_home: args.create_home, ...known }, g) };
}

export function planUserModify(args: UserArgs, user: PasswdEntry, facts: UserFacts, checkMode: boolean): Plan {
  const { db } = facts;
  const result = { ...baseResult(args), append: args.append, move_home: args.move_home };
  const g = resolveGroups(args, db, checkMode);
  if (g.problem) return failPlan(g.problem, result);
  const taken = uidTakenBy(args, db);
  if (taken && args.uid !== user.uid) return failPlan(`uid ${args.uid} is already used by user ${taken} (set non_unique: true to share it)`, result);
  const mods: string[] = [];
  const why: string[] = [];
  if (args.uid !== undefined && args.uid !== user.uid) {
    mods.push('-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
    why.push(`uid ${user.uid} -> ${args.uid}`);
  }
  if (g.primary && g.primary.gid !== user.gid) {
    mods.push('-g', Number.isNaN(g.primary.gid) ? g.primary.name : String(g.primary.gid));
    why.push(`primary group -> ${g.primary.name}`);
  }
  if (g.extra) {
    const current = db.groups.filter((x) => x.members.includes(args.name)).map((x) => x.name);
    const wanted = g.extra.map((x) => x.name);
    const differs = new Set([...current.filter((x) => !wanted.includes(x)), ...wanted.filter((x) => !current.includes(x))]);
    if (wanted.length === 0) {
      if (current.length > 0 && !args.append) mods.push('-G', '');
    } else if (args.append ? wanted.some((x) => differs.has(x)) : differs.size > 0) {
      mods.push(...(args.append ? ['-a'] : []), '-G', wanted.join(','));
    }
    if (mods.includes('-G')) why.push(`groups ${current.join(',') || '(none)'} -> ${args.append ? `+${wanted.join(',')}` : wanted.join(',') || '(none)'}`);
  }
  for (const [key, flag] of [['comment', '-c'], ['home', '-d'], ['shell', '-s']] as const) {
    const want = args[key];
    if (want === undefined || want === user[key]) continue;
    mods.push(flag, want, ...(key === 'home' && args.move_home ? ['-m'] : []));
    why.push(`${key} '${user[key]}' -> '${want}'`);
  }
  const shadow = facts.shadow ?? '';
  const newHash = args.password !== undefined && args.update_password === 'always' && shadow.replace(/^!+/, '') !== String(reveal(args.password)).replace(/^!+/, '');
  if (!newHash && args.password_lock === true && !shadow.startsWith('!')) mods.push('-L');
  if (!newHash && args.password_lock === false && shadow.startsWith('!')) mods.push('-U');
  if (mods.includes('-L') || mods.includes('-U')) why.push(args.password_lock ? 'lock the password' : 'unlock the password');
  const changes: Change[] = [];
  if (mods.length > 0) changes.push(exec(['usermod', ...mods, args.name], `change user ${args.name}: ${why.join(', ')}`));
  if (newHash) changes.push(setPassword(args.name, `${args.password_lock ? '!' : ''}${String(reveal(args.password))}`));
  const uid = args.uid ?? user.uid;
  const gid = g.primary?.gid ?? user.gid;
  const home = args.home ?? user.home;
  if (args.create_home && facts.homeExists === false && !(home !== user.home && args.move_home)) changes.push(...createHome(home, uid, gid, facts));
  const final = withWarning({ ...result, uid, group: gid, comment: args.comment ?? user.comment, home, shell: args.shell ?? user.shell }, g);
  if (changes.length === 0) return { changes, noopReason: `user ${args.name} exists as wanted (uid ${user.uid})`, result: final };
  return { changes, result: final };
}

/** A missing home of an existing user, made as Ansible does: the skeleton copied, mode from UMASK, owned by the user. */
function createHome(home: string, uid: number, gid: number, facts: UserFacts): Change[] {
  const out = [exec(['mkdir', '-p', '--', home], `create the missing home ${home}`)];
  if (facts.skeleton !== undefined) out.push(exec(['cp', '-a', '--', `${facts.skeleton}/.`, home], `copy ${facts.skeleton} into ${home}`));
  if (facts.homeMode !== undefined) out.push(exec(['chmod', '--', formatMode(facts.homeMode), home], `mode of ${home}`));
  out.push(exec(['chown', '-R', '--', `${uid}:${gid}`, home], `owner of ${home}`));
  return out;
}
