// The typed, readonly model that loading produces: plays, blocks, tasks and roles with their sources.

import type { SourceLoc } from '../errors.js';
import type { BoolKeyword, NumberKeyword } from './keyword-template.js';

export type Vars = Readonly<Record<string, unknown>>;

/** A loaded role: its files, variables and where its templates/ and files/ live. */
export interface Role {
  readonly name: string;
  readonly path: string;
  /** defaults/main.yml and vars/main.yml (a RoleRef may name other files: defaults_from, vars_from) */
  readonly defaults: Vars;
  readonly vars: Vars;
  readonly dependencies: readonly RoleRef[];
  /** meta/main.yml `allow_duplicates`: run again when used twice with the same params */
  readonly allowDuplicates: boolean;
}

/**
 * Keywords every level may set and blocks/tasks inherit (declared in keywords.ts, `inherited`):
 * the nearest level that sets one wins; `environment` merges level by level. A boolean keyword may be
 * a template (KeywordTemplate): the executor renders it per host (executor/keyword-values.ts).
 */
export interface InheritableKeywords {
  readonly become?: BoolKeyword;
  readonly becomeUser?: string;
  readonly ignoreErrors?: BoolKeyword;
  readonly noLog?: BoolKeyword;
  readonly checkMode?: BoolKeyword;
  readonly diff?: BoolKeyword;
  readonly runOnce?: BoolKeyword;
  readonly delegateTo?: string;
  readonly environment?: unknown;
  readonly connection?: string;
  readonly remoteUser?: string;
  readonly port?: NumberKeyword;
  readonly becomeMethod?: string;
  readonly anyErrorsFatal?: BoolKeyword;
  /** at most this many hosts run the task at once (a number or a template) */
  readonly throttle?: number | string;
}

/** How a play (or a meta dependency, or include_role) uses a role: its params and own keywords. */
export interface RoleUse extends InheritableKeywords {
  readonly params: Vars;
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  readonly vars?: Vars;
  /** include_role/import_role: which file of tasks/, vars/, defaults/, handlers/ (default main) */
  readonly tasksFrom?: string;
  readonly varsFrom?: string;
  readonly defaultsFrom?: string;
  readonly handlersFrom?: string;
  readonly loc: SourceLoc;
}

/** A role as used by a play (or a meta dependency). */
export interface RoleRef extends RoleUse {
  readonly role: Role;
  /** its defaults and vars: the main files, or the ones defaults_from/vars_from name */
  readonly roleDefaults: Vars;
  readonly roleVars: Vars;
}

/** Keywords shared by tasks and blocks (inherited from block to task). */
export interface TaskCommon extends InheritableKeywords {
  readonly name?: string;
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  readonly vars: Vars;
  /** the role this node belongs to (for templates/, files/ and the "role : task" label) */
  readonly role?: RoleRef;
  readonly loc: SourceLoc;
}

export interface TaskNode extends TaskCommon {
  readonly kind: 'task';
  /** canonical module name ('copy', 'xml', ...) or an include keyword */
  readonly module: string;
  /** args as written: a mapping or a `k=v` string (free form) */
  readonly args: unknown;
  readonly argsLoc: SourceLoc;
  /** the loop: `loop:` as written, or a `with_<lookup>:` with its terms */
  readonly loop?: Loop;
  readonly loopControl: LoopControl;
  readonly register?: string;
  readonly notify: readonly string[];
  /** where `notify:` was written, for errors about unknown handlers */
  readonly notifyLoc?: SourceLoc;
  readonly listen: readonly string[];
  readonly changedWhen?: readonly unknown[];
  readonly failedWhen?: readonly unknown[];
  readonly until?: readonly unknown[];
  readonly retries?: NumberKeyword;
  readonly delay?: NumberKeyword;
  /** directory that relative include paths resolve against */
  readonly baseDir: string;
}

/** `loop: <list>` or `with_<lookup>: <terms>` (items, dict, sequence, ...). */
export interface Loop {
  readonly lookup: 'loop' | string;
  readonly terms: unknown;
}

export interface LoopControl {
  readonly loopVar: string;
  readonly label?: string;
  readonly indexVar?: string;
  readonly extended?: boolean;
  readonly pause?: number;
}

export interface BlockNode extends TaskCommon {
  readonly kind: 'block';
  /** a role's tasks: skipped on hosts where this role (same params) already ran in the play */
  readonly roleOnce?: string;
  readonly block: readonly Node[];
  readonly rescue: readonly Node[];
  readonly always: readonly Node[];
}

export type Node = TaskNode | BlockNode;

export interface Play extends InheritableKeywords {
  readonly name: string;
  readonly hosts: string;
  readonly vars: Vars;
  /** each entry a file, or a list of candidates of which the first that exists is read */
  readonly varsFiles: readonly (string | readonly string[])[];
  readonly roles: readonly RoleRef[];
  /** the roles' tasks (dependencies first), run between pre_tasks and tasks */
  readonly roleTasks: readonly Node[];
  readonly preTasks: readonly Node[];
  readonly tasks: readonly Node[];
  readonly postTasks: readonly Node[];
  readonly handlers: readonly TaskNode[];
  readonly serial?: readonly (number | string)[];
  readonly maxFailPercentage?: NumberKeyword;
  readonly forceHandlers: BoolKeyword;
  readonly gatherFacts: boolean;
  readonly tags: readonly string[];
  readonly loc: SourceLoc;
}

export interface Playbook {
  readonly file: string;
  readonly dir: string;
  readonly plays: readonly Play[];
  /** loads task files and roles named at run time (include_tasks, include_role) */
  readonly loader: import('./load-context.js').LoadContext;
}
