// Lint rule: the guide's sample values (SVN URL and user, xxxxxx passwords, xxx.xxx.xxx.xx addresses) are refused.

import { isSecretName } from '../vars/secret.js';
import type { LintInput, Violation } from './lint-input.js';

const PLACEHOLDERS: readonly { readonly test: (s: string) => boolean; readonly what: string }[] = [
  { test: (s) => s.includes('svn.wso2.org/repos/esb'), what: "the guide's sample SVN URL (https://svn.wso2.org/repos/esb)" },
  { test: (s) => s === 'svnuser', what: "the guide's sample SVN user" },
  { test: (s) => s === 'xxxxxx', what: "the guide's placeholder password" },
  { test: (s) => /x{3}\.x{3}\.x{3}\.x{1,3}\d*/i.test(s), what: "a placeholder address of the guide (xxx.xxx.xxx.xx)" },
];

// names the engine sets itself: never user input
const SKIP = new Set(['hostvars', 'groups', 'group_names', 'omit', 'playbook_dir', 'inventory_dir', 'inventory_file']);

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Every variable of every cluster host whose value (or a string inside it) is one of the guide's placeholders. */
export function checkPlaceholders(lint: LintInput): Violation[] {
  const out: Violation[] = [];
  const hosts = [...new Set([...lint.nodes, ...lint.members(lint.names.lb), ...lint.members(lint.names.db)])];
  for (const h of hosts) {
    for (const name of Object.keys(lint.ctx.varsOf(h))) {
      if (SKIP.has(name) || name.startsWith('ansible_play') || name.startsWith('esbplay_')) continue;
      let value: unknown;
      try {
        value = lint.value(h, name);
      } catch {
        continue; // a variable that cannot be rendered at play level is not this rule's business
      }
      const hit = PLACEHOLDERS.find((p) => strings(value).some(p.test));
      // a value made from another variable is reported where that one was set
      if (hit && lint.origin(h, name)?.derived) continue;
      if (hit) out.push(lint.violation('placeholder', h, name, `is ${hit.what}`, { secret: isSecretName(name) || hit.what.includes('password') }));
    }
  }
  return out;
}
