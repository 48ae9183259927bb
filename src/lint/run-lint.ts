// Runs every cluster lint rule and turns the findings into one UserError (exit 5) listing host, variable and origin.

import { UserError } from '../errors.js';
import type { PreflightContext } from '../modules/types.js';
import { firstLoc, formatViolation, LintInput, type LintGroups, type Violation } from './lint-input.js';
import { checkMemberHosts, checkWkaMembers } from './rules-members.js';
import { checkPlaceholders } from './rules-placeholders.js';
import { checkOneManager, checkSharedMachines, checkUpstream, checkVersion } from './rules-topology.js';

/** Every rule, in the order the findings are listed. */
export const LINT_RULES: readonly ((lint: LintInput) => Violation[])[] = [
  checkOneManager, checkWkaMembers, checkMemberHosts, checkSharedMachines, checkUpstream, checkVersion, checkPlaceholders,
];

export function lintCluster(ctx: PreflightContext, groups: LintGroups): Violation[] {
  const lint = new LintInput(ctx, groups);
  return LINT_RULES.flatMap((rule) => rule(lint));
}

/** Throws the UserError for the violations (at the first one's file:line), or returns when there are none. */
export function throwViolations(vs: readonly Violation[], taskLoc?: PreflightContext['loc']): void {
  if (vs.length === 0) return;
  // the same finding on several hosts (a group_vars or -e value) is one line naming them all
  const groups = new Map<string, { v: Violation; hosts: string[] }>();
  for (const v of vs) {
    const key = JSON.stringify([v.rule, v.variable, v.value, v.origin?.label, v.message]);
    const g = groups.get(key);
    if (g) g.hosts.push(v.host);
    else groups.set(key, { v, hosts: [v.host] });
  }
  const lines = [...groups.values()].map(({ v, hosts }) => `  - ${formatViolation({ ...v, host: hosts.join(', ') })}`).join('\n');
  const n = vs.length === 1 ? 'a problem' : `${vs.length} problems`;
  throw new UserError(`cluster lint found ${n} in the inventory; no host was touched:\n${lines}`, firstLoc(vs) ?? taskLoc);
}
