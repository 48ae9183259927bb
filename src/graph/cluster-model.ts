// The cluster an inventory describes, as nodes and links: clients, load balancer, manager, workers, database, well-known members, ports.

import type { LoadedCluster } from './host-views.js';
import { readVar } from './host-views.js';

export type NodeKind = 'clients' | 'lb' | 'manager' | 'worker' | 'db';
export type LinkKind = 'http' | 'jdbc' | 'wka';

export interface ClusterNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** first line: the host name; then its address and what it serves */
  readonly lines: readonly string[];
}

export interface ClusterLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly label: string;
}

export interface ClusterModel {
  readonly nodes: readonly ClusterNode[];
  readonly links: readonly ClusterLink[];
}

/** The inventory groups the roles expect (docs/roles.md) and what their hosts are in the picture. */
export const GROUP_KINDS: readonly (readonly [string, NodeKind])[] = [
  ['lb', 'lb'],
  ['esb_manager', 'manager'],
  ['esb_worker', 'worker'],
  ['mysql', 'db'],
];

/** The role variables the picture reads, with the roles' defaults when a host has none. */
const PORTS = {
  lbHttp: ['esb_lb_http_port', 80],
  lbHttps: ['esb_lb_https_port', 443],
  workerHttp: ['nginx_worker_http_port', 8280],
  workerHttps: ['nginx_worker_https_port', 8243],
  managerHttps: ['nginx_manager_https_port', 9443],
  member: ['esb_local_member_port', 4100],
  offset: ['esb_port_offset', 0],
  db: ['esb_db_port', 3306],
} as const;

type Vars = Record<string, unknown>;

function num(vars: Vars, key: keyof typeof PORTS): number {
  const [name, dflt] = PORTS[key];
  const v = Number(readVar(vars, name));
  return Number.isFinite(v) && String(readVar(vars, name) ?? '') !== '' ? v : dflt;
}

function text(vars: Vars, name: string, dflt = ''): string {
  const v = readVar(vars, name);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : dflt;
}

/** Builds the picture from each host's variables. */
export function buildClusterModel(c: LoadedCluster): ClusterModel {
  const groups = c.inventory.groups();
  const kindOf = new Map<string, NodeKind>();
  for (const [g, kind] of GROUP_KINDS) for (const h of groups[g] ?? []) if (!kindOf.has(h)) kindOf.set(h, kind);
  const address = (h: string) => text(c.vars(h), 'node_ip') || text(c.vars(h), 'ansible_host') || h;
  const nodes: ClusterNode[] = [];
  const links: ClusterLink[] = [];
  const lbs = [...kindOf].filter(([, k]) => k === 'lb').map(([h]) => h);
  const esbNodes = [...kindOf].filter(([, k]) => k === 'manager' || k === 'worker').map(([h]) => h);
  const dbs = [...kindOf].filter(([, k]) => k === 'db').map(([h]) => h);
  const memberHost = (h: string) => text(c.vars(h), 'esb_local_member_host') || address(h);
  /** a host named by inventory name, or by address when exactly one host has it */
  const resolve = (ref: unknown, among: readonly string[]): string | undefined => {
    if (typeof ref !== 'string' || ref === '') return undefined;
    if (among.includes(ref)) return ref;
    const hits = among.filter((h) => address(h) === ref);
    return hits.length === 1 ? hits[0] : undefined;
  };
  /** a well-known member {host, port}: the ESB node with that member address and port */
  const member = (m: Vars): string | undefined => {
    const hits = esbNodes.filter(
      (h) => memberHost(h) === String(m.host ?? '') && String(num(c.vars(h), 'member')) === String(m.port ?? ''),
    );
    return hits.length === 1 ? hits[0] : resolve(m.host, esbNodes);
  };
  if (lbs.length > 0) {
    const v = c.vars(lbs[0]!);
    const names = [
      `${text(v, 'esb_hostname', 'esb.wso2.com')} :${num(v, 'lbHttp')} :${num(v, 'lbHttps')}`,
      `${text(v, 'esb_mgt_hostname', 'mgt.esb.wso2.com')} :${num(v, 'lbHttps')}`,
    ];
    nodes.push({ id: 'clients', kind: 'clients', lines: ['clients', ...names] });
    for (const lb of lbs)
      links.push({ from: 'clients', to: lb, kind: 'http', label: `HTTP ${num(v, 'lbHttp')} / HTTPS ${num(v, 'lbHttps')}` });
  }
  for (const [h, kind] of kindOf) {
    const v = c.vars(h);
    const off = num(v, 'offset');
    const serves =
      kind === 'lb'
        ? [`nginx :${num(v, 'lbHttp')} :${num(v, 'lbHttps')}`]
        : kind === 'db'
          ? [`MySQL :${num(v, 'db')}`]
          : kind === 'manager'
            ? [`manager (mgt) console :${9443 + off}`, `member :${num(v, 'member')}`]
            : [`worker :${8280 + off} :${8243 + off}`, `member :${num(v, 'member')}`];
    // the playbook skips a load balancer or database the inventory cannot run (site.yml's *_skip_reason)
    const skipped = kind === 'lb' || kind === 'db' ? text(v, `${kind === 'lb' ? 'lb' : 'mysql'}_skip_reason`) : '';
    nodes.push({ id: h, kind, lines: [h, address(h), ...serves, ...(skipped ? ['(skipped by this inventory)'] : [])] });
  }
  for (const lb of lbs) {
    const v = c.vars(lb);
    const workersVar = readVar(v, 'nginx_workers');
    const workers = Array.isArray(workersVar)
      ? workersVar.map((w) => resolve(w, esbNodes)).filter((h): h is string => !!h)
      : esbNodes.filter((h) => kindOf.get(h) === 'worker');
    // nginx adds each backend's port offset to the upstream port (roles/nginx-lb templates)
    const off = (h: string) => num(c.vars(h), 'offset');
    for (const w of workers)
      links.push({
        from: lb,
        to: w,
        kind: 'http',
        label: `HTTP ${num(v, 'workerHttp') + off(w)} / HTTPS ${num(v, 'workerHttps') + off(w)}`,
      });
    const manager = resolve(readVar(v, 'nginx_manager'), esbNodes) ?? esbNodes.find((h) => kindOf.get(h) === 'manager');
    if (manager) links.push({ from: lb, to: manager, kind: 'http', label: `HTTPS ${num(v, 'managerHttps') + off(manager)}` });
  }
  for (const h of esbNodes) {
    const v = c.vars(h);
    const shared = readVar(v, 'esb_shared_db_enabled');
    if (dbs.length > 0 && shared !== false && shared !== 'False' && shared !== 'false') {
      const db = resolve(text(v, 'esb_db_host_ip'), dbs) ?? dbs[0]!;
      links.push({ from: h, to: db, kind: 'jdbc', label: `JDBC ${num(v, 'db')}` });
    }
    const wka = readVar(v, 'esb_wka_members');
    for (const m of Array.isArray(wka) ? wka : []) {
      const entry = m && typeof m === 'object' ? (m as Vars) : {};
      const target = member(entry);
      if (target && target !== h) links.push({ from: h, to: target, kind: 'wka', label: `WKA ${String(entry.port ?? '')}` });
    }
  }
  return { nodes, links };
}
