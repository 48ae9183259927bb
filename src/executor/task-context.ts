// Builds what a module sees for one task on one host: become, file lookup, template rendering.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Become } from '../connection/types.js';
import type { TaskNode } from '../loader/model.js';
import type { SourceLoc } from '../errors.js';
import { errorAtLoc, locOf } from '../loader/yaml.js';
import { renderString, renderValue } from '../vars/render.js';
import { overlayVars } from '../vars/lazy-vars.js';
import type { Inherited, PlayContext } from './run-context.js';
import { checkControllerPath } from './controller-paths.js';
import { boolKeyword } from './keyword-values.js';

type Obj = Record<string, unknown>;

/** become from task/block/play keywords, then ansible_become* host variables. */
export function resolveBecome(pc: PlayContext, inh: Inherited, vars: Obj): Become | undefined {
  const on = boolKeyword(inh.become, vars) ?? boolKeyword(pc.play.become, vars) ?? truthy(vars.ansible_become);
  if (!on) return undefined;
  const keyword = inh.becomeUser ?? pc.play.becomeUser;
  const user = keyword !== undefined ? String(renderValue(keyword, vars, pc.play.loc)) : (vars.ansible_become_user as string | undefined);
  const password = (vars.ansible_become_password ?? vars.ansible_become_pass) as Become['password'] | undefined;
  return { user: user ?? 'root', ...(password !== undefined ? { password } : {}) };
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === 'yes' || v === 1;
}

/** Controller directories searched for a task's files, nearest first: its role, its task file's, the playbook's. */
export function searchDirs(pc: PlayContext, task: TaskNode, inh: Inherited): string[] {
  return [...new Set([inh.role?.role.path, task.baseDir, pc.run.playbook.dir].filter((d): d is string => !!d))];
}

/** Finds templates/ and files/ sources: the role's, then beside the task file, then the playbook's. */
export function makeFindFile(pc: PlayContext, task: TaskNode, inh: Inherited) {
  const srcLoc: SourceLoc = (typeof task.args === 'object' && task.args !== null ? locOf(task.args, 'src') : undefined) ?? task.argsLoc;
  return (kind: 'templates' | 'files' | 'vars' | 'vars-dir', name: string): string => {
    const roots = [pc.run.playbook.dir, task.baseDir, ...(inh.role ? [inh.role.role.path] : [])];
    if (path.isAbsolute(name)) {
      if (existsSync(name)) return checkControllerPath(kind === 'templates' ? kind : 'files', name, name, roots, srcLoc);
      throw errorAtLoc(`${kind === 'templates' ? 'template' : 'file'} not found: ${name}`, srcLoc);
    }
    // include_vars dir: Ansible looks in the role's vars/ only, else beside the task file
    const dirs = kind === 'vars-dir' ? [inh.role ? path.join(inh.role.role.path, 'vars') : task.baseDir] : searchDirs(pc, task, inh).flatMap((d) => [path.join(d, kind), d]);
    for (const d of dirs) {
      const p = path.join(d, name);
      if (existsSync(p)) return checkControllerPath(kind === 'templates' ? kind : 'files', name, p, roots, srcLoc);
    }
    throw errorAtLoc(`${kind === 'templates' ? 'template' : 'file'} '${name}' not found; looked in: ${[...new Set(dirs)].join(', ')}`, srcLoc);
  };
}

export function makeRenderTemplate(vars: Obj) {
  return (text: string, sourceName: string): string => renderString(text, vars, { file: sourceName });
}

/** `environment` of the play, blocks and task merged (the inner level wins per variable), as strings. */
export function renderEnvironment(inh: Inherited, vars: Obj, task: TaskNode): Record<string, string> | undefined {
  if (!inh.environment || inh.environment.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const level of inh.environment) {
    if (level === null || level === undefined) continue;
    const rendered = renderValue(level, vars, task.loc);
    // Ansible also takes a list of mappings
    for (const env of Array.isArray(rendered) ? rendered : [rendered]) {
      if (!env || typeof env !== 'object' || Array.isArray(env)) throw errorAtLoc(`'environment' must be a mapping of variable names to values`, task.loc);
      for (const [k, v] of Object.entries(env)) out[k] = pythonStr(v);
    }
  }
  return out;
}

/** Python's str() of a value, as Ansible puts values into the environment. */
function pythonStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * The host variables a connection is opened with: the `connection`, `remote_user` and `port`
 * keywords (play, block, task) apply where the inventory sets no `ansible_connection`,
 * `ansible_user`, `ansible_port` (inventory variables win, as in Ansible).
 */
export function connectionVars(vars: Obj, inh: Inherited): Obj {
  const keywords: Obj = {};
  if (inh.connection !== undefined && vars.ansible_connection === undefined) keywords.ansible_connection = inh.connection;
  if (inh.remoteUser !== undefined && vars.ansible_user === undefined) keywords.ansible_user = inh.remoteUser;
  if (inh.port !== undefined && vars.ansible_port === undefined) keywords.ansible_port = inh.port;
  return Object.keys(keywords).length === 0 ? vars : overlayVars(vars, keywords);
}
