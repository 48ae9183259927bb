// include_tasks / include_role at run time: per host and loop item, counted and inherited as Ansible does.

import path from 'node:path';
import type { Node, RoleRef, TaskCommon, TaskNode } from '../loader/model.js';
import { errorAtLoc } from '../loader/yaml.js';
import { includeFileArg, resolveTaskFile } from '../loader/task.js';
import { enterChain } from '../loader/include-chain.js';
import { roleUseOf } from '../loader/role-use.js';
import { isObj } from '../loader/fields.js';
import { readKeywords } from '../loader/read-keywords.js';
import { renderValue } from '../vars/render.js';
import { UndefinedVariableError } from '../vars/expr/errors.js';
import { ANY_PENDING } from './plan-task.js';
import { UserError } from '../errors.js';
import { sourceLine } from '../loader/yaml.js';
import type { TaskRef } from '../report/events.js';
import { firstFalse } from './conditions.js';
import { inherit, type Inherited, type PlayContext } from './run-context.js';
import { itemVars, loopItems } from './loop-items.js';
import { recordOutcome, taskRef } from './task-across-hosts.js';
import { searchDirs } from './task-context.js';
import { taskVars } from './var-scope.js';

type Obj = Record<string, unknown>;
type RunNodes = (pc: PlayContext, nodes: readonly Node[], inh: Inherited, hosts: readonly string[]) => Promise<Set<string>>;

interface Group {
  readonly hosts: string[];
  readonly nodes: Node[];
  readonly inh: Inherited;
}

/**
 * Resolves the include per host and loop item (hosts that include the same file with the same
 * item run it together). Like Ansible: the include's own keywords (when, tags, become, ...) apply
 * to the include only, its `vars` and loop variable reach the included tasks (`apply:` passes
 * keywords on); each included file counts `ok` per host, include_role counts nothing; an include
 * skipped by `when` (or an empty loop) counts `skipped`.
 */
export async function runInclude(pc: PlayContext, task: TaskNode, parent: Inherited, hosts: string[], runNodes: RunNodes): Promise<Set<string>> {
  const inh = inherit(parent, task);
  const ref = taskRef(task, false);
  const groups = new Map<string, Group>();
  if (pc.run.mode !== 'dry-run') pc.run.emit({ type: 'task_start', task: ref });
  const failed = new Set<string>();
  for (const host of hosts) {
    try {
      includeOnHost(host);
    } catch (e) {
      if (pc.run.mode === 'dry-run') {
        // --dry-run and the preflight: a loop, file name or condition built from a registered
        // result is only known at run time; the included tasks are checked then
        const pending = pc.run.hosts.get(host)!.pending;
        if (!(e instanceof UndefinedVariableError && (pending.has(e.variable.split('.')[0]!) || pending.has(ANY_PENDING)))) throw e;
        pc.run.emit({ type: 'task_plan', host, task: ref, action: 'decide-at-run-time', reason: `${task.module} depends on ${e.variable}, known only at run time` });
      } else {
        // found only at run time (a value from a registered result): this host fails, as in Ansible
        if (!(e instanceof UserError)) throw e;
        failHost(pc, host, ref, e.format(sourceLine));
        failed.add(host);
      }
    }
  }
  for (const g of groups.values()) for (const h of await runNodes(pc, g.nodes, g.inh, g.hosts)) failed.add(h);
  return failed;

  function includeOnHost(host: string): void {
    const vars = taskVars(pc, host, inh);
    const items = task.loop !== undefined ? loopItems(task.loop, vars, task.loc, searchDirs(pc, task, inh)) : [undefined];
    let included = 0;
    items.forEach((_item, i) => {
      const loopVars = task.loop !== undefined ? itemVars(task.loopControl, items, i) : {};
      const v = task.loop !== undefined ? taskVars(pc, host, inh, loopVars) : vars;
      if (firstFalse(inh.when, v, task.loc) !== undefined) return;
      included++;
      const { key, make } = task.module === 'include_tasks' ? includeTasks(pc, task, parent, inh, v, loopVars, i) : includeRole(pc, task, parent, inh, v, loopVars, i);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { hosts: [], ...make() }));
      g.hosts.push(host);
      if (task.module === 'include_tasks' && pc.run.mode !== 'dry-run') {
        recordOutcome(pc, host, ref, { status: 'ok', result: { changed: false, include: g.nodes.length }, ignored: false, diffs: [], predicted: false }, 0);
      }
    });
    if (included === 0 && pc.run.mode !== 'dry-run') {
      recordOutcome(pc, host, ref, { status: 'skipped', result: { changed: false, skipped: true, skip_reason: items.length === 0 ? 'No items in the list' : 'Conditional result was False' }, ignored: false, diffs: [], predicted: false }, 0);
    }
  }
}

function failHost(pc: PlayContext, host: string, ref: TaskRef, msg: string): void {
  const result = { changed: false, failed: true, msg };
  recordOutcome(pc, host, ref, { status: 'failed', result, ignored: false, diffs: [], predicted: false }, 0);
  const st = pc.run.hosts.get(host)!;
  st.failed = true;
  st.facts.ansible_failed_result = result;
  st.facts.ansible_failed_task = { name: ref.name, action: ref.module };
}

/** An included role's handlers (and its dependencies') join the play's, once per role, so its tasks can notify them. */
function addRoleHandlers(pc: PlayContext, ref: RoleRef): void {
  for (const dep of ref.role.dependencies) addRoleHandlers(pc, dep);
  const known = (h: TaskNode) => h.role?.role.path === ref.role.path;
  if (pc.play.handlers.some(known) || pc.includedHandlers.some(known)) return;
  pc.includedHandlers.push(...pc.run.playbook.loader.roleHandlers(ref).filter((n): n is TaskNode => n.kind === 'task'));
}

/** What the included tasks inherit: the include's parent scope, its vars, the loop variable, `apply:`. */
function innerScope(parent: Inherited, task: TaskNode, loopVars: Obj, extra: Partial<Inherited>): Inherited {
  const applied = isObj(task.args) && isObj(task.args.apply) ? (readKeywords(task.args.apply, 'block') as Partial<TaskCommon>) : {};
  const withVars = inherit(parent, { ...applied, vars: task.vars, when: [], tags: applied.tags ?? [], loc: task.loc } as TaskCommon);
  return { ...withVars, includeParams: { ...parent.includeParams, ...loopVars }, ...extra };
}

function includeTasks(pc: PlayContext, task: TaskNode, parent: Inherited, inh: Inherited, vars: Obj, loopVars: Obj, i: number) {
  const file = String(renderValue(includeFileArg(task), vars, task.argsLoc));
  const resolved = resolveTaskFile(file, task.baseDir, inh.role);
  return {
    key: `${resolved}#${i}`,
    make: () => {
      const includeChain = enterChain(inh.includeChain ?? [], resolved, task.argsLoc, 'include_tasks', true);
      const nodes = pc.run.playbook.loader.loadTaskFile(resolved, { baseDir: path.dirname(resolved), role: inh.role }, task.argsLoc);
      return { nodes, inh: innerScope(parent, task, loopVars, { includeChain }) };
    },
  };
}

function includeRole(pc: PlayContext, task: TaskNode, parent: Inherited, inh: Inherited, vars: Obj, loopVars: Obj, i: number) {
  const { apply: _a, ...rest } = isObj(task.args) ? task.args : {};
  const use = roleUseOf(task, renderValue(rest, vars, task.argsLoc));
  if (!use.name) throw errorAtLoc(`include_role needs 'name'`, task.argsLoc);
  return {
    key: `${JSON.stringify(use)}#${i}`,
    make: () => {
      const includeChain = enterChain(inh.includeChain ?? [], `role ${use.name}`, task.argsLoc, 'include_role', true);
      const loader = pc.run.playbook.loader;
      const ref = loader.useRole(use.name, use, task.argsLoc);
      addRoleHandlers(pc, ref);
      return { nodes: loader.roleTasks(ref, false), inh: innerScope(parent, task, loopVars, { role: ref, includeChain }) };
    },
  };
}
