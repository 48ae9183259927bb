// Runs one play: selects hosts, loads vars_files, splits into serial batches, runs sections and handlers.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Play, RoleRef, TaskNode } from '../loader/model.js';
import { roleKey } from '../loader/role.js';
import { errorAtLoc, loadYamlFile } from '../loader/yaml.js';
import { LOCALHOST_NAMES, selectHosts } from '../inventory/index.js';
import { renderValue } from '../vars/render.js';
import { makeVarView } from '../vars/lazy-vars.js';
import { flushHandlers } from './handlers.js';
import { checkHostPattern } from './pattern-check.js';
import { mergeRoleVars, taskVars } from './var-scope.js';
import { restorePending } from './pending-handlers.js';
import { runNodes } from './node-runner.js';
import { EndPlay } from './fail-fast.js';
import { playScope, type PlayContext, type RunContext } from './run-context.js';

export async function runPlay(run: RunContext, play: Play): Promise<void> {
  if (run.flow.ended) return;
  const warnings: string[] = [];
  for (const st of run.hosts.values()) {
    st.endedPlay = false;
    st.notified.clear();
    st.rolesRan.clear();
  }
  const extra = run.options.extraVars ?? {};
  const pattern = String(renderValue(play.hosts, makeVarView([{ name: 'play', vars: play.vars }, { name: 'extra', vars: extra }]), play.loc));
  checkHostPattern(pattern, 'hosts', play.loc);
  const hosts = selectHosts(run.inventory, pattern, { limit: run.options.limit, cwd: run.options.cwd, warnings, loc: play.loc })
    .filter((h) => run.hosts.get(h)?.active);
  for (const w of warnings) run.emit({ type: 'warning', message: w, loc: play.loc });
  if (hosts.length === 0) {
    run.emit({ type: 'no_hosts', play: play.name, pattern });
    return;
  }
  const varsFiles = varsFilesPerHost(run, play);
  const roleVars = mergeRoleVars(collectRoles(play.roles));
  const root = playScope(play);
  const includedHandlers: TaskNode[] = [];
  const batches = makeBatches(hosts, play.serial);
  for (const [i, batch] of batches.entries()) {
    const pc: PlayContext = { run, play, playHosts: hosts, batch, varsFiles, roleVars, includedHandlers };
    run.emit({ type: 'play_start', name: play.name, hosts: batch, batch: i + 1, batches: batches.length });
    try {
      for (const [n, section] of [play.preTasks, [...play.roleTasks, ...play.tasks], play.postTasks].entries()) {
        // handlers an earlier run left notified on a host: from the roles (or tasks) on, after pre_tasks
        if (n === 1) await restorePending(pc, (h) => taskVars(pc, h, root));
        await runNodes(pc, section, root, batch);
        await flushHandlers(pc, batch);
      }
    } catch (e) {
      if (!(e instanceof EndPlay)) throw e;
      if (e.message === 'max_fail_percentage') {
        // like Ansible: the playbook ends here, later batches and plays do not run
        run.flow.ended = e.message;
        return;
      }
      continue;
    }
    if (run.mode !== 'dry-run' && batch.every((h) => run.hosts.get(h)!.failed || run.hosts.get(h)!.unreachable)) {
      run.emit({ type: 'play_aborted', play: play.name, reason: 'every host of the batch failed' });
      run.flow.ended = 'every host failed'; // like Ansible: no later play runs either
      return;
    }
  }
}

/** Serial batch sizes: numbers or percentages, the last size repeating (Ansible semantics). */
export function makeBatches(hosts: readonly string[], serial: readonly (number | string)[] | undefined): string[][] {
  if (!serial || serial.length === 0) return [[...hosts]];
  const sizes = serial.map((s) => {
    if (typeof s === 'number') return s;
    const t = s.trim();
    if (t.endsWith('%')) return Math.max(1, Math.floor((hosts.length * Number(t.slice(0, -1))) / 100));
    return Number(t);
  });
  const out: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = Math.max(1, sizes[Math.min(k++, sizes.length - 1)]! || hosts.length);
    out.push(hosts.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * vars_files per host: their names may use the host's inventory variables (Ansible templates them
 * per host), so each host may read other files; a file is read once per run.
 */
function varsFilesPerHost(run: RunContext, play: Play): (host: string) => Readonly<Record<string, unknown>> {
  const byHost = new Map<string, Record<string, unknown>>();
  const files = new Map<string, Record<string, unknown>>();
  return (host) => {
    let v = byHost.get(host);
    if (!v) byHost.set(host, (v = loadVarsFiles(run, play, host, files)));
    return v;
  };
}

function loadVarsFiles(run: RunContext, play: Play, host: string, cache: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (play.varsFiles.length === 0) return out;
  const inventory = run.hosts.has(host) && (run.inventory.hasHost(host) || LOCALHOST_NAMES.includes(host)) ? run.inventory.hostVars(host) : {};
  const view = makeVarView([{ name: 'inventory', vars: inventory }, { name: 'magic', vars: run.inventory.magicVars(host) }, { name: 'play', vars: play.vars }, { name: 'extra', vars: run.options.extraVars ?? {} }]);
  for (const entry of play.varsFiles) {
    // a list names alternatives: the first that exists is read (Ansible's vars_files semantics)
    const candidates = (Array.isArray(entry) ? entry : [entry]).map((f) => path.resolve(run.playbook.dir, String(renderValue(f, view, play.loc))));
    const file = candidates.length === 1 ? candidates[0]! : candidates.find((c) => existsSync(c));
    if (file === undefined) throw errorAtLoc(`none of the vars_files alternatives exists: ${candidates.join(', ')}`, play.loc);
    const cached = cache.get(file);
    if (cached) {
      Object.assign(out, cached);
      continue;
    }
    const v = loadYamlFile(file, play.loc);
    if (v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw errorAtLoc(`vars file ${file} must be a mapping of variables`, play.loc);
    cache.set(file, v as Record<string, unknown>);
    Object.assign(out, v);
  }
  return out;
}

/** Every role the play uses, dependencies first, each role with the same params once. */
function collectRoles(refs: readonly RoleRef[], out: RoleRef[] = []): RoleRef[] {
  for (const r of refs) {
    collectRoles(r.role.dependencies, out);
    if (!out.some((o) => roleKey(o) === roleKey(r))) out.push(r);
  }
  return out;
}
