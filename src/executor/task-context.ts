// Builds what a module sees for one task on one host: become, file lookup, template rendering.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Become } from '../connection/types.js';
import type { TaskNode } from '../loader/model.js';
import type { SourceLoc } from '../errors.js';
import { errorAtLoc, locOf } from '../loader/yaml.js';
import { renderString, renderValue } from '../vars/render.js';
import type { Inherited, PlayContext } from './run-context.js';
import { checkControllerPath } from './controller-paths.js';

type Obj = Record<string, unknown>;

/** become from task/block/play keywords, then ansible_become* host variables. */
export function resolveBecome(pc: PlayContext, inh: Inherited, vars: Obj): Become | undefined {
  const on = inh.become ?? pc.play.become ?? truthy(vars.ansible_become);
  if (!on) return undefined;
  const user = inh.becomeUser ?? pc.play.becomeUser ?? (vars.ansible_become_user as string | undefined);
  const password = (vars.ansible_become_password ?? vars.ansible_become_pass) as Become['password'] | undefined;
  return { user: user ?? 'root', ...(password !== undefined ? { password } : {}) };
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === 'yes' || v === 1;
}

/** Finds templates/ and files/ sources: the role's, then beside the task file, then the playbook's. */
export function makeFindFile(pc: PlayContext, task: TaskNode, inh: Inherited) {
  const srcLoc: SourceLoc = (typeof task.args === 'object' && task.args !== null ? locOf(task.args, 'src') : undefined) ?? task.argsLoc;
  return (kind: 'templates' | 'files', name: string): string => {
    const roots = [pc.run.playbook.dir, task.baseDir, ...(inh.role ? [inh.role.role.path] : [])];
    if (path.isAbsolute(name)) {
      if (existsSync(name)) return checkControllerPath(kind, name, name, roots, srcLoc);
      throw errorAtLoc(`${kind === 'templates' ? 'template' : 'file'} not found: ${name}`, srcLoc);
    }
    const dirs = [
      inh.role ? path.join(inh.role.role.path, kind) : undefined,
      inh.role?.role.path,
      path.join(task.baseDir, kind),
      task.baseDir,
      path.join(pc.run.playbook.dir, kind),
      pc.run.playbook.dir,
    ].filter((d): d is string => !!d);
    for (const d of dirs) {
      const p = path.join(d, name);
      if (existsSync(p)) return checkControllerPath(kind, name, p, roots, srcLoc);
    }
    throw errorAtLoc(`${kind === 'templates' ? 'template' : 'file'} '${name}' not found; looked in: ${[...new Set(dirs)].join(', ')}`, srcLoc);
  };
}

export function makeRenderTemplate(vars: Obj) {
  return (text: string, sourceName: string): string => renderString(text, vars, { file: sourceName });
}

/** Task-level `environment` rendered to string values. */
export function renderEnvironment(inh: Inherited, vars: Obj, task: TaskNode): Record<string, string> | undefined {
  if (inh.environment === undefined || inh.environment === null) return undefined;
  const env = renderValue(inh.environment, vars, task.loc);
  if (!env || typeof env !== 'object' || Array.isArray(env)) throw errorAtLoc(`'environment' must be a mapping`, task.loc);
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]));
}
