// The set_fact module: every key of its (already rendered) arguments becomes a host fact.

import type { ModuleDefinition, Plan } from './types.js';
import { failPlan } from './types.js';

export interface SetFactArgs {
  cacheable: boolean;
  [fact: string]: unknown;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const setFactModule = {
  name: 'set_fact',
  summary: 'Set host variables (facts) from its key: value arguments, for the tasks that follow.',
  checkMode: 'full',
  controllerOnly: true,
  schema: {
    args: {
      cacheable: { type: 'bool', default: false, description: 'accepted for Ansible compatibility; esbplay keeps no fact cache' },
    },
    anyArgs: true,
  },

  async gather(): Promise<undefined> {
    return undefined;
  },

  plan(args: SetFactArgs): Plan {
    const facts: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) if (k !== 'cacheable') facts[k] = v;
    const names = Object.keys(facts);
    if (names.length === 0) return failPlan('set_fact needs at least one name: value to set');
    const bad = names.find((n) => !NAME.test(n));
    if (bad !== undefined) return failPlan(`set_fact: '${bad}' is not a valid variable name (letters, digits and _, not starting with a digit)`);
    return { changes: [], changed: false, facts, noopReason: `set ${names.join(', ')}`, result: { ansible_facts: facts } };
  },
} satisfies ModuleDefinition<SetFactArgs, undefined>;
