// Turns one task or block mapping into a TaskNode/BlockNode; imports are expanded here (statically).

import path from 'node:path';
import { statSync } from 'node:fs';
import type { BlockNode, Loop, LoopControl, Node, RoleRef, TaskCommon, TaskNode } from './model.js';
import { INCLUDE_ACTIONS, WITH_LOOKUPS, canonicalModuleName, keywordsOf } from './keywords.js';
import { isObj, optBool, optNumber, optString, taskList } from './fields.js';
import { readKeywords, rejectUnknown } from './read-keywords.js';
import { errorAt, locOf, valueLocOf } from './yaml.js';
import { didYouMean } from '../util/closest.js';
import type { LoadContext } from './load-context.js';
import { roleUseOf } from './role-use.js';

type Obj = Record<string, unknown>;

export interface Scope {
  readonly baseDir: string;
  readonly role?: RoleRef;
}

const TASK_KEYWORDS: readonly string[] = keywordsOf('task');
const LOOP_KEYS = ['loop', ...WITH_LOOKUPS.map((l) => `with_${l}`)];

export function parseTasks(list: Obj[], scope: Scope, ctx: LoadContext): Node[] {
  return list.map((t) => parseNode(t, scope, ctx));
}

export function parseNode(o: Obj, scope: Scope, ctx: LoadContext): Node {
  if ('block' in o) return parseBlock(o, scope, ctx);
  const task = parseTask(o, scope, ctx);
  if ((task.module === 'import_tasks' || task.module === 'import_role') && task.loop !== undefined) {
    const key = Object.keys(o).find((k) => k === 'loop' || k.startsWith('with_'))!;
    throw errorAt(`${task.module} is static and cannot loop (as in Ansible): use ${task.module.replace('import', 'include')}`, o, key);
  }
  if (task.module === 'import_tasks') return expandImportTasks(task, scope, ctx);
  if (task.module === 'import_role') return expandImportRole(task, ctx);
  return task;
}

/** The keywords blocks and tasks share, read from the table, with defaults for the lists. */
function common(o: Obj, level: 'block' | 'task', scope: Scope): TaskCommon {
  const kw = readKeywords(o, level);
  return { ...kw, when: (kw.when as unknown[] | undefined) ?? [], tags: (kw.tags as string[] | undefined) ?? [], vars: (kw.vars as Obj | undefined) ?? {}, role: scope.role, loc: locOf(o)! };
}

function parseBlock(o: Obj, scope: Scope, ctx: LoadContext): BlockNode {
  rejectUnknown(o, 'block');
  return {
    kind: 'block',
    ...common(o, 'block', scope),
    block: parseTasks(taskList(o, 'block'), scope, ctx),
    rescue: parseTasks(taskList(o, 'rescue'), scope, ctx),
    always: parseTasks(taskList(o, 'always'), scope, ctx),
  };
}

export function parseTask(o: Obj, scope: Scope, ctx: LoadContext): TaskNode {
  const candidates = Object.keys(o).filter((k) => !TASK_KEYWORDS.includes(k));
  const known = candidates.filter((k) => isAction(canonicalModuleName(k), ctx));
  if (known.length > 1) throw errorAt(`a task can run only one module, found: ${known.join(', ')}`, o, known[1]);
  const unknown = candidates.filter((k) => !known.includes(k));
  if (known.length === 1 && unknown.length > 0) {
    const k = unknown[0]!;
    throw errorAt(`unknown keyword '${k}' in task${didYouMean(k, TASK_KEYWORDS)}`, o, k);
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
  const kw = readKeywords(o, 'task');
  return {
    kind: 'task',
    ...common(o, 'task', scope),
    module,
    args: args ?? {},
    argsLoc: valueLocOf(o, key) ?? locOf(o)!,
    loop: loopOf(o),
    loopControl: loopControlOf(o),
    register: kw.register as string | undefined,
    notify: (kw.notify as string[] | undefined) ?? [],
    notifyLoc: 'notify' in o ? valueLocOf(o, 'notify') : undefined,
    listen: (kw.listen as string[] | undefined) ?? [],
    changedWhen: kw.changedWhen as unknown[] | undefined,
    failedWhen: kw.failedWhen as unknown[] | undefined,
    until: kw.until as unknown[] | undefined,
    retries: kw.retries as TaskNode['retries'],
    delay: kw.delay as TaskNode['delay'],
    baseDir: scope.baseDir,
  };
}

function loopOf(o: Obj): Loop | undefined {
  const keys = LOOP_KEYS.filter((k) => k in o);
  if (keys.length > 1) throw errorAt(`a task can have only one loop, found: ${keys.join(', ')}`, o, keys[1]);
  if (keys.length === 0) return undefined;
  const k = keys[0]!;
  return { lookup: k === 'loop' ? 'loop' : k.slice('with_'.length), terms: o[k] };
}

function loopControlOf(o: Obj): LoopControl {
  const lc = isObj(o.loop_control) ? o.loop_control : {};
  for (const k of Object.keys(lc)) {
    if (!['loop_var', 'label', 'index_var', 'extended', 'pause', 'extended_allitems'].includes(k)) throw errorAt(`unknown loop_control option '${k}'${didYouMean(k, ['loop_var', 'label', 'index_var', 'extended', 'pause'])}`, lc, k);
  }
  return { loopVar: optString(lc, 'loop_var') ?? 'item', label: optString(lc, 'label'), indexVar: optString(lc, 'index_var'), extended: optBool(lc, 'extended'), pause: optNumber(lc, 'pause') };
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
  const use = roleUseOf(task, task.args);
  const ref = ctx.useRole(use.name, use, task.argsLoc);
  return { kind: 'block', ...taskCommonOf(task), role: ref, block: ctx.roleTasks(ref, false), rescue: [], always: [] };
}

/** The block/task keywords of a task, to wrap what it imports. */
export function taskCommonOf(t: TaskNode): TaskCommon {
  const { kind: _k, module: _m, args: _a, argsLoc: _l, loop: _lo, loopControl: _lc, register: _r, notify: _n, notifyLoc: _nl, listen: _li,
    changedWhen: _c, failedWhen: _f, until: _u, retries: _re, delay: _d, baseDir: _b, ...rest } = t;
  return rest;
}
