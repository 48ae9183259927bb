// The `user` module: add, change or remove a local user (useradd/usermod/userdel, chpasswd -e for the hash), Ansible semantics.

import { posix } from 'node:path';
import type { ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { findUser, readAccountDb, readShadowPassword, type AccountDb } from './account-db.js';
import { requireConn } from './file-common.js';
import { planUserAbsent, planUserCreate, planUserModify } from './user-plan.js';
import type { Secret } from '../vars/secret.js';

export interface UserArgs {
  name: string;
  state: 'present' | 'absent';
  uid?: number;
  non_unique: boolean;
  group?: string;
  groups?: string[];
  append: boolean;
  comment?: string;
  home?: string;
  shell?: string;
  password?: Secret;
  update_password: 'always' | 'on_create';
  password_lock?: boolean;
  create_home: boolean;
  move_home: boolean;
  skeleton?: string;
  system: boolean;
  remove: boolean;
  force: boolean;
}

export interface UserFacts {
  readonly db: AccountDb;
  /** the user's /etc/shadow password field (read only when password/password_lock is given) */
  readonly shadow?: string;
  /** does the home directory the user will have exist */
  readonly homeExists?: boolean;
  /** does the parent of a new user's home exist (useradd -m cannot create it) */
  readonly homeParentExists?: boolean;
  /** mode for a home directory created outside useradd: 0777 & ~UMASK of /etc/login.defs */
  readonly homeMode?: number;
  /** the skeleton directory to copy into such a home, when it exists */
  readonly skeleton?: string;
}

export const userModule = {
  name: 'user',
  summary: 'Add, change or remove a local user account (useradd, usermod, userdel), e.g. the non-root user that runs a server.',
  checkMode: 'full',
  schema: {
    args: {
      name: { type: 'str', required: true, aliases: ['user'], description: 'Name of the user.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether the account should exist.' },
      uid: { type: 'int', description: 'The user id (an existing user with another uid is changed).' },
      non_unique: { type: 'bool', default: false, description: 'Allow a uid another user already has (-o).' },
      group: { type: 'str', description: 'Primary group (name or gid); it must exist. Default for a new user: a group of its own name (or -N when such a group already exists).' },
      groups: { type: 'list', elements: 'str', description: 'Supplementary groups (each must exist). Replaces the current list unless `append`; an empty list removes all.' },
      append: { type: 'bool', default: false, description: 'Add the user to `groups` without removing it from the others.' },
      comment: { type: 'str', description: 'The GECOS field (full name).' },
      home: { type: 'path', description: 'Home directory. An existing user gets it changed (moved too with `move_home`).' },
      shell: { type: 'str', description: 'Login shell, e.g. `/usr/sbin/nologin` for a service account.' },
      password: {
        type: 'str',
        secret: true,
        description: 'The password **hash** (crypt format, e.g. from `openssl passwd -6`), written with `chpasswd -e` from standard input, never on a command line; masked in every output.',
      },
      update_password: {
        type: 'str',
        default: 'always',
        choices: ['always', 'on_create'],
        description: '`always`: set the hash when it differs from /etc/shadow (reading it needs root). `on_create`: only for a new user.',
      },
      password_lock: { type: 'bool', description: 'Lock (`true`, usermod -L) or unlock (`false`, usermod -U) the password.' },
      create_home: {
        type: 'bool',
        default: true,
        aliases: ['createhome'],
        description: 'Create the home directory (from the skeleton) for a new user, and for an existing user whose home is missing.',
      },
      move_home: { type: 'bool', default: false, description: 'With a changed `home`: move the old home\'s contents there (usermod -m).' },
      skeleton: { type: 'path', description: 'Skeleton directory copied into a new home (default /etc/skel).' },
      system: { type: 'bool', default: false, description: 'Create a system account (uid from the system range, useradd -r). Only used when the user is created.' },
      remove: { type: 'bool', default: false, description: 'With `state: absent`: also remove the home directory and mail spool (userdel -r).' },
      force: { type: 'bool', default: false, description: 'With `state: absent`: remove even when the user is logged in (userdel -f).' },
    },
  },

  async gather(ctx, args) {
    return gatherUser(ctx, args);
  },

  plan(args, facts, ctx): Plan {
    const user = findUser(facts.db, args.name);
    if (args.state === 'absent') return planUserAbsent(args, user);
    if (args.home !== undefined && !posix.isAbsolute(args.home)) return failPlan(`home must be an absolute path, got '${args.home}'`);
    return user ? planUserModify(args, user, facts, ctx.checkMode) : planUserCreate(args, facts, ctx.checkMode);
  },
} as const satisfies ModuleDefinition<UserArgs, UserFacts>;

async function gatherUser(ctx: ReadContext, args: UserArgs): Promise<UserFacts> {
  const db = await readAccountDb(ctx, 'user');
  if (args.state === 'absent') return { db };
  const conn = requireConn(ctx, 'user');
  const exists = (p: string) => conn.stat(p, { become: ctx.become }).then((s) => s.exists);
  const user = findUser(db, args.name);
  const wantsShadow = user && (args.password_lock !== undefined || (args.password !== undefined && args.update_password === 'always'));
  const shadow = wantsShadow ? await readShadowPassword(ctx, 'user', args.name) : undefined;
  const home = args.home ?? user?.home;
  if (!args.create_home || home === undefined) return { db, shadow };
  const homeExists = await exists(home);
  if (!user) return { db, shadow, homeExists, homeParentExists: await exists(posix.dirname(home)) };
  if (homeExists || (args.home !== undefined && args.home !== user.home && args.move_home)) return { db, shadow, homeExists };
  const defs = (await conn.readFile('/etc/login.defs', { become: ctx.become }))?.toString('utf8') ?? '';
  const umask = /^UMASK\s+(\d+)\s*$/m.exec(defs)?.[1];
  const skeleton = args.skeleton ?? '/etc/skel';
  return { db, shadow, homeExists, homeMode: umask ? 0o777 & ~parseInt(umask, 8) : undefined, skeleton: (await exists(skeleton)) ? skeleton : undefined };
}
