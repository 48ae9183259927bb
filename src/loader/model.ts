// The typed, readonly model that loading produces: plays, blocks, tasks and roles with their sources.

import type { SourceLoc } from '../errors.js';

export type Vars = Readonly<Record<string, unknown>>;

/** A loaded role: its files, variables and where its templates/ and files/ live. */
export interface Role {
  readonly name: string;
  readonly path: string;
  readonly defaults: Vars;
  readonly vars: Vars;
  readonly tasks: readonly TaskNode[];
  readonly handlers: readonly TaskNode[];
  readonly dependencies: readonly RoleRef[];
}

/** How a play (or a meta dependency) uses a role: its params and own keywords. */
export interface RoleUse {
  readonly params: Vars;
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly throttle?: number | string;
  readonly loc: SourceLoc;
}

/** A role as used by a play (or a meta dependency). */
export interface RoleRef extends RoleUse {
  readonly role: Role;
}

/** Keywords shared by tasks and blocks (inherited from block to task). */
export interface TaskCommon {
  readonly name?: string;
  readonly when: readonly unknown[];
  readonly tags: readonly string[];
  readonly vars: Vars;
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly ignoreErrors?: boolean;
  readonly noLog?: boolean;
  readonly checkMode?: boolean;
  readonly diff?: boolean;
  readonly runOnce?: boolean;
  readonly delegateTo?: string;
  readonly environment?: unknown;
  readonly anyErrorsFatal?: boolean;
  /** at most this many hosts run the task at once (a number or a template) */
  readonly throttle?: number | string;
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
  readonly loop?: unknown;
  readonly loopVar: string;
  readonly loopLabel?: string;
  readonly register?: string;
  readonly notify: readonly string[];
  /** where `notify:` was written, for errors about unknown handlers */
  readonly notifyLoc?: SourceLoc;
  readonly listen: readonly string[];
  readonly changedWhen?: readonly unknown[];
  readonly failedWhen?: readonly unknown[];
  readonly until?: readonly unknown[];
  readonly retries?: number;
  readonly delay?: number;
  /** directory that relative include paths resolve against */
  readonly baseDir: string;
}

export interface BlockNode extends TaskCommon {
  readonly kind: 'block';
  readonly block: readonly Node[];
  readonly rescue: readonly Node[];
  readonly always: readonly Node[];
}

export type Node = TaskNode | BlockNode;

export interface Play {
  readonly name: string;
  readonly hosts: string;
  readonly vars: Vars;
  readonly varsFiles: readonly string[];
  readonly roles: readonly RoleRef[];
  /** the roles' tasks (dependencies first), run between pre_tasks and tasks */
  readonly roleTasks: readonly Node[];
  readonly preTasks: readonly Node[];
  readonly tasks: readonly Node[];
  readonly postTasks: readonly Node[];
  readonly handlers: readonly TaskNode[];
  readonly serial?: readonly (number | string)[];
  readonly maxFailPercentage?: number;
  readonly anyErrorsFatal: boolean;
  readonly forceHandlers: boolean;
  readonly gatherFacts: boolean;
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly tags: readonly string[];
  readonly checkMode?: boolean;
  readonly throttle?: number | string;
  readonly loc: SourceLoc;
}

export interface Playbook {
  readonly file: string;
  readonly dir: string;
  readonly plays: readonly Play[];
  /** loads task files and roles named at run time (include_tasks, include_role) */
  readonly loader: import('./load-context.js').LoadContext;
}
