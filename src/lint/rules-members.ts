// Lint rules on clustering members: localMemberHost is a usable IP, at least two well-known members, each a real node.

import { isIP } from 'node:net';
import type { LintInput, Violation } from './lint-input.js';

export const MEMBER_HOST_VAR = 'esb_local_member_host';
export const MEMBER_PORT_VAR = 'esb_local_member_port';
export const WKA_VAR = 'esb_wka_members';
export const LOOPBACK_OK_VAR = 'esb_loopback_cluster';

function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && ['true', 'yes', '1', 'on'].includes(v.toLowerCase())) || v === 1;
}

export function isLoopback(ip: string): boolean {
  return /^127\./.test(ip) || ip === '::1' || /^::ffff:127\./i.test(ip);
}

/** localMemberHost: an IP address (the guide: never localhost or a name), not loopback outside the lab/demo inventories. */
export function checkMemberHosts(lint: LintInput): Violation[] {
  const out: Violation[] = [];
  for (const h of lint.nodes) {
    const v = String(lint.value(h, MEMBER_HOST_VAR) ?? '');
    if (v === '' || isIP(v) === 0) {
      out.push(lint.violation('member-host-ip', h, MEMBER_HOST_VAR, `localMemberHost must be the node's own IP address, not ${v === '' ? 'empty' : 'a host name'} (the guide: a specific IP, never localhost or a name)`));
    } else if (v === '0.0.0.0' || v === '::') {
      out.push(lint.violation('member-host-ip', h, MEMBER_HOST_VAR, 'localMemberHost must be the address other members reach this node at, not a wildcard address'));
    } else if (isLoopback(v) && !truthy(lint.value(h, LOOPBACK_OK_VAR))) {
      out.push(lint.violation('member-host-loopback', h, MEMBER_HOST_VAR, `a loopback address is unreachable from the other machines; only an inventory whose whole cluster runs on one machine's loopback (lab, demo) may use it, and it says so with ${LOOPBACK_OK_VAR}: true`));
    }
  }
  return out;
}

/** Does a member's hostName (an IP, or a last-octet range like 192.168.1.2-10) cover ADDRESS? */
export function memberCovers(hostName: string, address: string): boolean {
  if (hostName === address) return true;
  const m = /^(\d+\.\d+\.\d+\.)(\d+)-(\d+)$/.exec(hostName);
  if (!m) return false;
  const a = /^(\d+\.\d+\.\d+\.)(\d+)$/.exec(address);
  return !!a && a[1] === m[1] && Number(a[2]) >= Number(m[2]) && Number(a[2]) <= Number(m[3]);
}

/** Well-known members: at least two, each the localMemberHost:localMemberPort of a node of the cluster. */
export function checkWkaMembers(lint: LintInput): Violation[] {
  const out: Violation[] = [];
  const nodes = lint.nodes.map((n) => ({ host: n, ip: String(lint.value(n, MEMBER_HOST_VAR) ?? ''), port: String(lint.value(n, MEMBER_PORT_VAR) ?? '') }));
  const known = nodes.map((n) => `${n.host} ${n.ip}:${n.port}`).join(', ');
  for (const h of lint.nodes) {
    const list = lint.value(h, WKA_VAR);
    if (!Array.isArray(list)) {
      out.push(lint.violation('wka-members', h, WKA_VAR, 'must be a list of {host, port} well-known members'));
      continue;
    }
    const matched = new Set<string>();
    for (const [i, m] of list.entries()) {
      const entry = (m ?? {}) as Record<string, unknown>;
      const host = String(entry.host ?? entry.hostName ?? '');
      const port = String(entry.port ?? '');
      const hits = nodes.filter((n) => memberCovers(host, n.ip) && (port === n.port || /-/.test(host)));
      if (hits.length === 0) {
        out.push(lint.violation('wka-member-node', h, WKA_VAR, `member ${i + 1} (${host}:${port}) is not a node of the cluster (localMemberHost:localMemberPort of the manager and workers: ${known})`, { value: list }));
      }
      for (const n of hits) matched.add(n.host);
    }
    if (list.length < 2 || matched.size < 2) {
      out.push(lint.violation('wka-two-members', h, WKA_VAR, `at least two well-known members that are nodes of the cluster are needed (the guide: with one, its shutdown means restarting every node); found ${matched.size}`, { value: list }));
    }
  }
  return out;
}
