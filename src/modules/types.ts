// The module contract: argument schema and capabilities as data, a read-only gather, a pure plan.

import type { Become, Connection, ExecOptions } from '../connection/types.js';
import type { SourceLoc } from '../errors.js';

export type ArgType = 'str' | 'int' | 'bool' | 'path' | 'list' | 'dict' | 'mode' | 'raw';

export interface ArgSpec {
  readonly type: ArgType;
  readonly description: string;
  readonly required?: boolean;
  readonly default?: unknown;
  readonly choices?: readonly (string | number | boolean)[];
  readonly aliases?: readonly string[];
  /** element type for lists */
  readonly elements?: ArgType;
  /** the value is masked in every output */
  readonly secret?: boolean;
  /**
   * the module takes a Secret here as is (and reveals it itself); without it a Secret given to a
   * str/path argument reaches the module as its text (output is masked by the run either way)
   */
  readonly keepSecret?: boolean;
}

export interface ModuleSchema {
  readonly args: Readonly<Record<string, ArgSpec>>;
  /**
   * Name of the argument that takes free-form text: `command: ls -l` or the part of a
   * `k=v` string that is not k=v (Ansible's _raw_params).
   */
  readonly freeForm?: string;
  /**
   * Accept arguments not listed in `args` and pass them through unvalidated
   * (set_fact: every key is a fact). Listed args are still validated.
   */
  readonly anyArgs?: boolean;
  readonly mutuallyExclusive?: readonly (readonly string[])[];
  readonly requiredOneOf?: readonly (readonly string[])[];
  /** [arg, value, args required when arg == value] */
  readonly requiredIf?: readonly (readonly [string, unknown, readonly string[]])[];
  /** arguments that are expressions themselves (assert `that`, debug `var`): passed unrendered */
  readonly expressionArgs?: readonly string[];
}

/** What gather() may use: read-only by type (no writeFile). */
export interface ReadContext {
  readonly host: string;
  readonly conn: Pick<Connection, 'host' | 'transport' | 'readFile' | 'stat' | 'readWithStat' | 'exec' | 'connectTcp'> | null;
  readonly checkMode: boolean;
  readonly become?: Become;
  readonly vars: Readonly<Record<string, unknown>>;
  /** Controller path of a role/playbook file (`templates/` or `files/` search); UserError when missing. */
  findFile(kind: 'templates' | 'files', name: string): string;
  /** Renders text with this host's variables (strict mustache, no HTML escaping). */
  renderTemplate(text: string, sourceName: string): string;
  /** where the task was written, for messages */
  readonly loc?: SourceLoc;
  /** live progress for modules that wait (wait_for, uri retries); shown on a TTY */
  progress?(message: string): void;
}

/** Where a variable got its value, for messages: a file position, or a described source (`-e` on the command line). */
export interface VarOrigin {
  readonly label: string;
  readonly loc?: SourceLoc;
  /** the value is a template of other variables (the label says where those were set) */
  readonly derived?: boolean;
}

/**
 * What a module's preflight check sees (controller only, before any host is touched): every
 * inventory host's variables as the play gives them, and where each was set.
 */
export interface PreflightContext {
  readonly host: string;
  readonly vars: Readonly<Record<string, unknown>>;
  /** where the task was written */
  readonly loc?: SourceLoc;
  /** every host of the inventory */
  readonly inventoryHosts: readonly string[];
  /** the inventory's groups with their hosts (Ansible's `groups`) */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** a host's variables at play level (role defaults, inventory, play vars, role vars, -e) */
  varsOf(host: string): Readonly<Record<string, unknown>>;
  /** where a host's variable got its value; undefined when nothing sets it */
  originOf(host: string, name: string): VarOrigin | undefined;
  /** where the inventory lists a host */
  hostLoc?(host: string): SourceLoc | undefined;
}

export interface PlanContext {
  readonly host: string;
  readonly checkMode: boolean;
  readonly vars: Readonly<Record<string, unknown>>;
}

export interface ApplyContext {
  readonly host: string;
  readonly conn: Connection;
  readonly become?: Become;
}

export interface DiffText {
  readonly before: string;
  readonly after: string;
  readonly beforeHeader?: string;
  readonly afterHeader?: string;
}

export type Change =
  | {
      readonly kind: 'file';
      readonly path: string;
      /** current bytes; null when the file does not exist */
      readonly before: Buffer | null;
      readonly after: Buffer;
      readonly mode?: number;
      readonly owner?: string;
      readonly group?: string;
      /** keep a timestamped copy of the old file beside it */
      readonly backup?: boolean;
      /** command run on the new content before it replaces the old; %s is the temp file's path */
      readonly validate?: string;
      /** the diff shows this instead of the bytes (e.g. content of a secret file) */
      readonly sensitive?: boolean;
    }
  | {
      readonly kind: 'exec';
      readonly argv: readonly string[];
      readonly opts?: ExecOptions;
      readonly summary: string;
      readonly diff?: DiffText;
      /** exit codes counted as success (default [0]) */
      readonly okCodes?: readonly number[];
      /** false: keep trailing empty lines of stdout/stderr in the result (default: strip them) */
      readonly stripEmptyEnds?: boolean;
    }
  | {
      readonly kind: 'custom';
      readonly summary: string;
      readonly diff?: DiffText;
      /**
       * The file this change leaves behind as a copy of another file on the same host (copy
       * remote_src done on the host): check mode carries it forward as that file's bytes. Owner and
       * group are the asked ones; without them the replaced file's (or the user's) stand.
       */
      readonly leavesCopy?: { readonly path: string; readonly of: string; readonly size: number; readonly mode: number; readonly owner?: string; readonly group?: string };
      /**
       * Makes the change; what it returns is merged into the task result. A boolean `changed` in
       * it is the task's verdict (`false`: the write changed nothing after all, e.g. a mysql_query
       * UPDATE of no row: the task is ok and notifies nothing); without one the plan's stands.
       */
      apply(ctx: ApplyContext): Promise<Record<string, unknown> | void>;
    };

export interface Plan {
  readonly changes: readonly Change[];
  /** why nothing needs to change (shown with -v and in JSON) */
  readonly noopReason?: string;
  /** data added to the task result (and so to `register`), e.g. matches, msg */
  readonly result?: Readonly<Record<string, unknown>>;
  /** the task fails on this host with this message (bad input found by the module, assert, fail) */
  readonly failed?: string;
  /** facts set on the host (set_fact) */
  readonly facts?: Readonly<Record<string, unknown>>;
  /** hide this task's values from output (no_log-like) */
  readonly sensitive?: boolean;
  /** the module decides changed itself (e.g. debug: never changed) */
  readonly changed?: boolean;
}

export interface ModuleDefinition<A = any, C = any> {
  readonly name: string;
  /** one line; docs/modules/ pages start with it */
  readonly summary: string;
  readonly schema: ModuleSchema;
  /** full: check mode predicts exactly; partial: some changes only "would run"; none: skipped in check mode */
  readonly checkMode: 'full' | 'partial' | 'none';
  /** runs on the controller only and needs no connection (debug, set_fact, assert, fail) */
  readonly controllerOnly?: boolean;
  /** read current state, never change anything */
  gather(ctx: ReadContext, args: A): Promise<C>;
  /** pure: desired args + current state -> changes, or a reason for no change */
  plan(args: A, current: C, ctx: PlanContext): Plan;
  /** controller-only check in the preflight (and --dry-run), before any host is touched: throws a UserError (exit 5) */
  preflight?(args: A, ctx: PreflightContext): void;
}

/** A module's plan carries a failure message instead of changes. */
export function failPlan(message: string, result: Record<string, unknown> = {}): Plan {
  return { changes: [], failed: message, result };
}
