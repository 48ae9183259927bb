// What task parsing needs from the loader: module names, task files and roles (breaks an import cycle).

import type { SourceLoc } from '../errors.js';
import type { Node, RoleRef, RoleUse } from './model.js';
import type { Scope } from './task.js';

export type { RoleUse };

export interface LoadContext {
  readonly moduleNames: ReadonlySet<string>;
  loadTaskFile(file: string, scope: Scope, from: SourceLoc): Node[];
  useRole(name: string, use: RoleUse, from: SourceLoc): RoleRef;
  /** the role's dependencies' tasks then its own, each scoped to its role (dedupe: skip a role already run in the play) */
  roleTasks(ref: RoleRef, dedupe?: boolean): Node[];
  /** the role's handlers (for include_role at run time) */
  roleHandlers(ref: RoleRef): Node[];
}
