// Walks tasks and blocks over the batch's hosts (Ansible's linear strategy): block/rescue/always, includes, meta.

import type { Node, TaskNode } from '../loader/model.js';
import { errorAtLoc } from '../loader/yaml.js';
import { firstFalse } from './conditions.js';
import { flushHandlers } from './handlers.js';
import { inherit, type Inherited, type PlayContext } from './run-context.js';
import { tagsSelected } from './tags.js';
import { runTaskAcrossHosts } from './task-across-hosts.js';
import { taskVars } from './var-scope.js';
import { runInclude } from './include-runner.js';
import { EndPlay, endPlayOnFailure } from './fail-fast.js';

/** Facts set when a task fails (ansible_failed_task, ansible_failed_result): rescue sections read them. */
const FAILURE_FACTS = ['ansible_failed_task', 'ansible_failed_result'];


/** Runs nodes on hosts; returns the hosts that failed (and were not rescued). */
export async function runNodes(pc: PlayContext, nodes: readonly Node[], inh: Inherited, hosts: readonly string[]): Promise<Set<string>> {
  const failed = new Set<string>();
  const states = pc.run.hosts;
  for (const node of nodes) {
    if (pc.run.mode !== 'dry-run') pc.run.options.interrupt?.throwIfRequested(); // an interrupted run starts no new task
    const active = hosts.filter((h) => states.get(h)!.active && !failed.has(h));
    if (active.length === 0) break;
    const got = node.kind === 'block' ? await runBlock(pc, node, inh, active) : await runTask(pc, node, inh, active);
    for (const h of got) failed.add(h);
    // a failure a rescue section handles is not fatal; if the rescue fails, the block's failure is
    if (endPlayOnFailure(pc, inherit(inh, node), got, failed)) break;
  }
  return failed;
}

async function runBlock(pc: PlayContext, node: Extract<Node, { kind: 'block' }>, parent: Inherited, all: string[]): Promise<Set<string>> {
  const inh = inherit(parent, node);
  const states = pc.run.hosts;
  // a role already run on a host (same params) does not run there again
  const hosts = node.roleOnce === undefined ? all : all.filter((h) => !states.get(h)!.rolesRan.has(node.roleOnce!));
  if (hosts.length === 0) return new Set();
  const blockFailed = await runNodes(pc, node.block, { ...inh, rescuable: node.rescue.length > 0 || inh.rescuable }, hosts);
  let stillFailed = blockFailed;
  if (node.rescue.length > 0 && blockFailed.size > 0) {
    for (const h of blockFailed) {
      const st = states.get(h)!;
      st.failed = false;
      st.stats.failed--;
      st.stats.rescued++;
    }
    stillFailed = await runNodes(pc, node.rescue, inh, [...blockFailed]);
  } else if (pc.run.mode === 'dry-run' && node.rescue.length > 0) {
    // the failure's details exist only once a block task really failed: rescue decides them at run time
    for (const h of hosts) for (const n of FAILURE_FACTS) states.get(h)!.pending.add(n);
    await runNodes(pc, node.rescue, inh, hosts);
  }
  if (node.always.length > 0) {
    const alwaysHosts = hosts.filter((h) => !states.get(h)!.unreachable);
    for (const h of stillFailed) states.get(h)!.failed = false;
    const alwaysFailed = await runNodes(pc, node.always, inh, alwaysHosts);
    for (const h of stillFailed) states.get(h)!.failed = true;
    stillFailed = new Set([...stillFailed, ...alwaysFailed]);
  }
  return stillFailed;
}

async function runTask(pc: PlayContext, task: TaskNode, parent: Inherited, hosts: string[]): Promise<Set<string>> {
  const inh = inherit(parent, task);
  const opts = pc.run.options;
  if (task.module === 'meta') return runMeta(pc, task, inh, hosts);
  if (!tagsSelected(inh.tags, opts.tags, opts.skipTags)) return new Set();
  if (task.module === 'include_tasks' || task.module === 'include_role') return runInclude(pc, task, parent, hosts, runNodes);
  return runTaskAcrossHosts(pc, task, inh, hosts);
}

async function runMeta(pc: PlayContext, task: TaskNode, inh: Inherited, hosts: string[]): Promise<Set<string>> {
  const action = typeof task.args === 'string' ? task.args.trim() : '';
  switch (action) {
    case 'flush_handlers':
      await flushHandlers(pc, hosts);
      return new Set();
    case 'noop':
      return new Set();
    case 'end_play':
      throw new EndPlay();
    case 'end_host':
      for (const h of hosts) {
        const vars = taskVars(pc, h, inh);
        if (firstFalse(inh.when, vars, task.loc) === undefined) pc.run.hosts.get(h)!.endedPlay = pc.run.mode !== 'dry-run';
      }
      return new Set();
    default:
      throw errorAtLoc(`unsupported meta action '${action}' (supported: flush_handlers, noop, end_play, end_host)`, task.argsLoc);
  }
}
