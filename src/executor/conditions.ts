// Evaluates a task's conditions (when, changed_when, failed_when, until) with file:line on errors.

import type { SourceLoc } from '../errors.js';
import { evaluateCondition } from '../vars/expr/index.js';

/** All conditions true (ANDed, like Ansible's list form). Returns the first false one otherwise. */
export function firstFalse(conds: readonly unknown[], vars: Readonly<Record<string, unknown>>, loc: SourceLoc): unknown | undefined {
  for (const c of conds) {
    if (!evaluateCondition(c as string | boolean | number, vars as Record<string, unknown>, loc)) return c;
  }
  return undefined;
}

export function allTrue(conds: readonly unknown[], vars: Readonly<Record<string, unknown>>, loc: SourceLoc): boolean {
  return firstFalse(conds, vars, loc) === undefined;
}

export function describeCondition(c: unknown): string {
  return typeof c === 'string' ? c : JSON.stringify(c);
}
