// Lint rules on the cluster's shape: one manager, LB upstream = workers, one product version, unique ports per machine.

import type { LintInput, Violation } from './lint-input.js';
import { MEMBER_PORT_VAR } from './rules-members.js';

export const OFFSET_VAR = 'esb_port_offset';
export const UPSTREAM_VAR = 'nginx_workers';
export const VERSION_VARS = ['esb_product', 'esb_version'] as const;
const MACHINE_VARS = ['ansible_host', 'node_ip'] as const;

/** Exactly one host in the manager group. */
export function checkOneManager(lint: LintInput): Violation[] {
  const group = lint.names.manager;
  const managers = lint.members(group);
  if (managers.length === 1) return [];
  if (managers.length === 0) {
    return [{ rule: 'one-manager', host: `group ${group}`, variable: 'hosts', origin: { label: 'the inventory' }, message: `the cluster needs exactly one manager node; group ${group} has none` }];
  }
  return managers.slice(1).map((h) => ({
    rule: 'one-manager', host: h, variable: `group ${group}`,
    origin: lint.ctx.hostLoc?.(h) ? { label: `the inventory, host listed at ${fmt(lint.ctx.hostLoc(h)!)}`, loc: lint.ctx.hostLoc(h) } : { label: 'the inventory' },
    message: `the cluster needs exactly one manager node; ${managers[0]} is the manager already (group ${group} has ${managers.length}: ${managers.join(', ')})`,
  }));
}

function fmt(l: { file: string; line: number; col: number }): string {
  return `${l.file}:${l.line}:${l.col}`;
}

/** The load balancer's upstream lists exactly the worker group. */
export function checkUpstream(lint: LintInput): Violation[] {
  const workers = [...lint.members(lint.names.worker)].sort();
  const out: Violation[] = [];
  for (const lb of lint.members(lint.names.lb)) {
    const v = lint.value(lb, UPSTREAM_VAR);
    if (v === undefined) continue; // no nginx-lb role here: nothing to compare
    const list = Array.isArray(v) ? v.map(String).sort() : [];
    if (JSON.stringify(list) !== JSON.stringify(workers)) {
      const missing = workers.filter((w) => !list.includes(w));
      const extra = list.filter((w) => !workers.includes(w));
      out.push(lint.violation('lb-upstream', lb, UPSTREAM_VAR, `the load balancer's upstream must be the worker group ${lint.names.worker} (${workers.join(', ') || 'empty'})${missing.length ? `; missing: ${missing.join(', ')}` : ''}${extra.length ? `; not workers: ${extra.join(', ')}` : ''}`));
    }
  }
  return out;
}

/** The database host loads the same product and version's dbscripts as the nodes run. */
export function checkVersion(lint: LintInput): Violation[] {
  const out: Violation[] = [];
  for (const db of lint.members(lint.names.db)) {
    for (const name of VERSION_VARS) {
      const want = lint.value(db, name);
      if (want === undefined) continue;
      for (const n of lint.nodes) {
        const got = lint.value(n, name);
        if (got !== undefined && String(got) !== String(want)) {
          const o = lint.origin(db, name);
          out.push(lint.violation('same-version', n, name, `differs from the database host ${db}'s ${JSON.stringify(want)}${o ? ` (set at ${o.label})` : ''}: the schema is created from that product version's dbscripts`));
        }
      }
    }
  }
  return out;
}

/** Nodes on one machine (same ansible_host or node_ip) need their own localMemberPort and port offset. */
export function checkSharedMachines(lint: LintInput): Violation[] {
  const out: Violation[] = [];
  const nodes = lint.nodes;
  for (let j = 1; j < nodes.length; j++) {
    for (let i = 0; i < j; i++) {
      const [a, b] = [nodes[i]!, nodes[j]!];
      const shared = MACHINE_VARS.find((k) => lint.value(a, k) !== undefined && lint.value(a, k) !== '' && String(lint.value(a, k)) === String(lint.value(b, k)));
      if (!shared) continue;
      for (const [name, what] of [[MEMBER_PORT_VAR, 'localMemberPort'], [OFFSET_VAR, 'port offset']] as const) {
        const va = String(lint.value(a, name) ?? '0');
        if (va !== String(lint.value(b, name) ?? '0')) continue;
        const o = lint.origin(a, name);
        out.push(lint.violation(name === OFFSET_VAR ? 'unique-offset' : 'unique-member-port', b, name, `${a} on the same machine (${shared} ${String(lint.value(a, shared))}) has the same ${what}${o ? ` (set at ${o.label})` : ''}: nodes that share a machine need unique ${what} values`, { value: lint.value(b, name) ?? 0 }));
      }
    }
  }
  return out;
}
