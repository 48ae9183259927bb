// The arguments of include_role / import_role (name, tasks_from, vars_from, defaults_from, handlers_from).

import type { SourceLoc } from '../errors.js';
import { didYouMean } from '../util/closest.js';
import type { RoleUse, TaskNode } from './model.js';
import { errorAtLoc, locOf } from './yaml.js';
import { isObj } from './fields.js';

const ARGS = ['name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'allow_duplicates', 'public', 'apply', 'rolespec_validate'];

export interface RoleUseSpec extends RoleUse {
  readonly name: string;
}

/** Reads include_role/import_role arguments (already rendered for include_role). */
export function roleUseOf(task: TaskNode, args: unknown): RoleUseSpec {
  const at = (key?: string): SourceLoc => (key && isObj(task.args) && locOf(task.args, key)) || task.argsLoc;
  if (!isObj(args)) throw errorAtLoc(`${task.module} needs a mapping with 'name'`, at());
  for (const k of Object.keys(args)) if (!ARGS.includes(k)) throw errorAtLoc(`unknown ${task.module} argument '${k}'${didYouMean(k, ARGS)}`, at(k));
  const str = (k: string): string | undefined => {
    const v = args[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v === '') throw errorAtLoc(`${task.module}: '${k}' must be a file or role name`, at(k));
    return k === 'name' ? v : v.replace(/\.(ya?ml|json)$/, '');
  };
  const name = str('name');
  if (!name) throw errorAtLoc(`${task.module} needs 'name'`, at());
  return { name, params: {}, when: [], tags: [], tasksFrom: str('tasks_from'), varsFrom: str('vars_from'), defaultsFrom: str('defaults_from'), handlersFrom: str('handlers_from'), loc: task.argsLoc };
}
