// Turns one task or block mapping into a TaskNode/BlockNode; imports are expanded here (statically).

import path from 'node:path';
import { statSync } from 'node:fs';
import type { BlockNode, Node, RoleRef, TaskNode } from './model.js';
import { BLOCK_KEYWORDS, INCLUDE_ACTIONS, TASK_KEYWORDS, canonicalModuleName } from './keywords.js';
import { conditionList, isObj, optBool, optCount, optNumber, optString, stringList, taskList, varsMap } from './fields.js';
import { errorAt, locOf, valueLocOf } from './yaml.js';
import { didYouMean } from '../util/closest.js';
import type { LoadContext } from './load-context.js';

type Obj = Record<string, unknown>;

export interface Scope {
  readonly baseDir: string;
  readonly role?: RoleRef;
}

export function parseTasks(list: Obj[], scope: Scope, ctx: LoadContext): Node[] {
  return list.map((t) => parseNode(t, scope, ctx));
}

export function parseNode(o: Obj, scope: Scope, ctx: LoadContext): Node {
  if ('block' in o) return parseBlock(o, scope, ctx);
  const task = parseTask(o, scope, ctx);
  if (task.module === 'import_tasks') return expandImportTasks(task, scope, ctx);
  if (task.module === 'import_role') return expandImportRole(task, ctx);
  return task;
}

function common(o: Obj, scope: Scope) {
  return {
    name: optString(o, 'name'),
    when: conditionList(o, 'when') ?? [],
    tags: stringList(o, 'tags'),
    vars: varsMap(o, 'vars'),
    become: optBool(o, 'become'),
    becomeUser: optString(o, 'become_user'),
    ignoreErrors: optBool(o, 'ignore_errors'),
    noLog: optBool(o, 'no_log'),
    checkMode: optBool(o, 'check_mode'),
    diff: optBool(o, 'diff'),
    runOnce: optBool(o, 'run_once'),
    delegateTo: optString(o, 'delegate_to'),
    environment: o.environment ?? undefined,
    anyErrorsFatal: optBool(o, 'any_errors_fatal'),
    throttle: optCount(o, 'throttle'),
    role: scope.role,
    loc: locOf(o)!,
  };
}

function parseBlock(o: Obj, scope: Scope, ctx: LoadContext): BlockNode {
  for (const k of Object.keys(o)) {
    if (!(BLOCK_KEYWORDS as readonly string[]).includes(k)) {
      throw errorAt(`unknown keyword '${k}' in a block${didYouMean(k, BLOCK_KEYWORDS)}`, o, k);
    }
  }
  return {
    kind: 'block',
    ...common(o, scope),
    block: parseTasks(taskList(o, 'block'), scope, ctx),
    rescue: parseTasks(taskList(o, 'rescue'), scope, ctx),
    always: parseTasks(taskList(o, 'always'), scope, ctx),
  };
}

export function parseTask(o: Obj, scope: Scope, ctx: LoadContext): TaskNode {
  const candidates = Object.keys(o).filter((k) => !(TASK_KEYWORDS as readonly string[]).includes(k));
  const known = candidates.filter((k) => isAction(canonicalModuleName(k), ctx));
  if (known.length > 1) throw errorAt(`a task can run only one module, found: ${known.join(', ')}`, o, known[1]);
  const unknown = candidates.filter((k) => !known.includes(k));
  if (known.length === 1 && unknown.length > 0) {
    const k = unknown[0]!;
    throw errorAt(`unknown keyword '${k}' in task${didYouMean(k, [...TASK_KEYWORDS])}`, o, k);
  }
  if (known.length === 0) {
    if (unknown.length === 0) throw errorAt(`task has no module to run (keys: ${Object.keys(o).join(', ') || 'none'})`, o);
    const k = unknown[0]!;
    const hint = didYouMean(canonicalModuleName(k), [...ctx.moduleNames, ...INCLUDE_ACTIONS]) || didYouMean(k, TASK_KEYWORDS);
    throw errorAt(`unknown module or keyword '${k}'${hint}`, o, k);
  }
  const key = known[0]!;
  const module = canonicalModuleName(key);
  let args: unknown = o[key];
  if (isObj(o.args)) {
    // `shell: echo hi` + `args: {creates: x}`: the free-form text joins the args as Ansible's _raw_params
    args = isObj(args) ? { ...o.args, ...args } : args === null || args === undefined ? o.args : { ...o.args, _raw_params: String(args) };
  }
  const lc = isObj(o.loop_control) ? o.loop_control : {};
  const loopKey = 'loop' in o ? 'loop' : 'with_items' in o ? 'with_items' : 'with_list' in o ? 'with_list' : undefined;
  let loop = loopKey ? o[loopKey] : undefined;
  if (loopKey === 'with_items' && Array.isArray(loop)) loop = loop.flatMap((x) => (Array.isArray(x) ? x : [x]));
  return {
    kind: 'task',
    ...common(o, scope),
    module,
    args: args ?? {},
    argsLoc: valueLocOf(o, key) ?? locOf(o)!,
    loop,
    loopVar: optString(lc, 'loop_var') ?? 'item',
    loopLabel: optString(lc, 'label'),
    register: optString(o, 'register'),
    notify: stringList(o, 'notify'),
    notifyLoc: 'notify' in o ? valueLocOf(o, 'notify') : undefined,
    listen: stringList(o, 'listen'),
    changedWhen: conditionList(o, 'changed_when'),
    failedWhen: conditionList(o, 'failed_when'),
    until: conditionList(o, 'until'),
    retries: optNumber(o, 'retries'),
    delay: optNumber(o, 'delay'),
    baseDir: scope.baseDir,
  };
}

function isAction(name: string, ctx: LoadContext): boolean {
  return ctx.moduleNames.has(name) || (INCLUDE_ACTIONS as readonly string[]).includes(name);
}

/** The file an include names: a string, or `file:` in a mapping. */
export function includeFileArg(task: TaskNode): string {
  const a = task.args;
  if (typeof a === 'string') return a.trim();
  if (isObj(a) && typeof a.file === 'string') return a.file;
  throw errorAt(`${task.module} needs a file name`, task.args, undefined);
}

/** Where an included task file lives: role tasks/ first, then relative to the including file. */
export function resolveTaskFile(file: string, baseDir: string, role?: RoleRef): string {
  if (path.isAbsolute(file)) return file;
  const candidates = role ? [path.join(role.role.path, 'tasks', file), path.join(baseDir, file)] : [path.join(baseDir, file)];
  return candidates.find((c) => isFile(c)) ?? candidates[candidates.length - 1]!;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function expandImportTasks(task: TaskNode, scope: Scope, ctx: LoadContext): BlockNode {
  const file = includeFileArg(task);
  if (file.includes('{{')) throw errorAt(`import_tasks is static and cannot use variables in its file name; use include_tasks`, task.args);
  const resolved = resolveTaskFile(file, scope.baseDir, scope.role);
  const nodes = ctx.loadTaskFile(resolved, { baseDir: path.dirname(resolved), role: scope.role }, task.loc);
  return { kind: 'block', ...taskCommonOf(task), block: nodes, rescue: [], always: [] };
}

function expandImportRole(task: TaskNode, ctx: LoadContext): BlockNode {
  const a = isObj(task.args) ? task.args : {};
  const name = typeof a.name === 'string' ? a.name : undefined;
  if (!name) throw errorAt(`import_role needs 'name'`, task.args);
  const ref = ctx.useRole(name, { params: {}, when: [], tags: [], loc: task.argsLoc }, task.argsLoc);
  return { kind: 'block', ...taskCommonOf(task), role: ref, block: ctx.roleTasks(ref), rescue: [], always: [] };
}

function taskCommonOf(t: TaskNode) {
  const { kind: _k, module: _m, args: _a, argsLoc: _l, loop: _lo, loopVar: _lv, loopLabel: _ll, register: _r, notify: _n, notifyLoc: _nl, listen: _li,
    changedWhen: _c, failedWhen: _f, until: _u, retries: _re, delay: _d, baseDir: _b, ...rest } = t;
  return rest;
}
