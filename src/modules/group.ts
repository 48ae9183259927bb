// The `group` module: add, change (gid) or remove a local group with groupadd/groupmod/groupdel, Ansible semantics.

import type { Change, ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';
import { readAccountDb, type AccountDb } from './account-db.js';

export interface GroupArgs {
  name: string;
  state: 'present' | 'absent';
  gid?: number;
  system: boolean;
  non_unique: boolean;
}

export const groupModule = {
  name: 'group',
  summary: 'Add, change or remove a local group (groupadd, groupmod, groupdel).',
  checkMode: 'full',
  schema: {
    args: {
      name: { type: 'str', required: true, description: 'Name of the group.' },
      state: { type: 'str', default: 'present', choices: ['present', 'absent'], description: 'Whether the group should exist.' },
      gid: { type: 'int', description: 'The group id. An existing group with another gid is changed (groupmod -g).' },
      system: { type: 'bool', default: false, description: 'Create a system group (a gid from the system range, groupadd -r). Only used when the group is created.' },
      non_unique: { type: 'bool', default: false, description: 'Allow a gid another group already has (-o).' },
    },
    requiredIf: [['non_unique', true, ['gid']]],
  },

  async gather(ctx) {
    return readAccountDb(ctx, 'group');
  },

  plan(args, db): Plan {
    const current = db.groups.find((g) => g.name === args.name);
    const result: Record<string, unknown> = { name: args.name, state: args.state };
    if (args.state === 'absent') {
      if (!current) return { changes: [], noopReason: `group ${args.name} does not exist`, result };
      const owner = db.users.find((u) => u.gid === current.gid);
      if (owner) return failPlan(`cannot remove group ${args.name}: it is the primary group of user ${owner.name}`, result);
      return { changes: [exec(['groupdel', args.name], `remove group ${args.name}`)], result };
    }
    const taken = gidTakenBy(db, args);
    if (taken) return failPlan(`gid ${args.gid} is already used by group ${taken} (set non_unique: true to share it)`, result);
    const o = args.non_unique ? ['-o'] : [];
    if (!current) {
      const argv = ['groupadd', ...(args.gid !== undefined ? ['-g', String(args.gid), ...o] : []), ...(args.system ? ['-r'] : []), args.name];
      return { changes: [exec(argv, `add group ${args.name}`)], result: { ...result, system: args.system, ...(args.gid !== undefined ? { gid: args.gid } : {}) } };
    }
    const done = { ...result, system: args.system, gid: current.gid };
    if (args.gid === undefined || args.gid === current.gid) {
      return { changes: [], noopReason: `group ${args.name} exists with gid ${current.gid}`, result: done };
    }
    return { changes: [exec(['groupmod', '-g', String(args.gid), ...o, args.name], `gid of ${args.name}: ${current.gid} -> ${args.gid}`)], result: { ...done, gid: args.gid } };
  },
} as const satisfies ModuleDefinition<GroupArgs, AccountDb>;

function exec(argv: string[], summary: string): Change {
  return { kind: 'exec', argv, summary };
}

/** The other group that already has the wanted gid (unless non_unique). */
function gidTakenBy(db: AccountDb, args: GroupArgs): string | undefined {
  if (args.gid === undefined || args.non_unique) return undefined;
  return db.groups.find((g) => g.gid === args.gid && g.name !== args.name)?.name;
}
