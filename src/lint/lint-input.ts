// The cluster as the lint sees it: groups, each host's values and their origins, and the violation record.

import type { SourceLoc } from '../errors.js';
import type { PreflightContext, VarOrigin } from '../modules/types.js';
import { reveal } from '../vars/secret.js';

export interface LintGroups {
  readonly manager: string;
  readonly worker: string;
  readonly lb: string;
  readonly db: string;
}

export interface Violation {
  readonly rule: string;
  readonly host: string;
  readonly variable: string;
  /** shown unless the variable holds a secret */
  readonly value?: unknown;
  readonly origin?: VarOrigin;
  readonly message: string;
}

export class LintInput {
  constructor(
    readonly ctx: PreflightContext,
    readonly names: LintGroups,
  ) {}

  members(group: string): readonly string[] {
    return this.ctx.groups[group] ?? [];
  }

  /** manager and workers, in inventory order, each once */
  get nodes(): string[] {
    return [...new Set([...this.members(this.names.manager), ...this.members(this.names.worker)])];
  }

  /** the variable's value as the play gives it (a Secret's text revealed for comparison only) */
  value(host: string, name: string): unknown {
    return reveal(this.ctx.varsOf(host)[name]);
  }

  has(host: string, name: string): boolean {
    return name in this.ctx.varsOf(host);
  }

  origin(host: string, name: string): VarOrigin | undefined {
    return this.ctx.originOf(host, name);
  }

  violation(rule: string, host: string, variable: string, message: string, opts: { value?: unknown; secret?: boolean } = {}): Violation {
    const value = opts.secret ? undefined : 'value' in opts ? opts.value : this.has(host, variable) ? this.value(host, variable) : undefined;
    return { rule, host, variable, value, origin: this.origin(host, variable), message };
  }
}

/** One line per violation: host, variable (= value), where it was set, what is wrong. */
export function formatViolation(v: Violation): string {
  const value = v.value === undefined ? '' : ` = ${JSON.stringify(v.value)}`;
  const where = v.origin ? `set at ${v.origin.label}` : 'not set anywhere';
  return `${v.host}: ${v.variable}${value} (${where}): ${v.message} [${v.rule}]`;
}

export function firstLoc(vs: readonly Violation[]): SourceLoc | undefined {
  return vs.find((v) => v.origin?.loc)?.origin?.loc;
}
