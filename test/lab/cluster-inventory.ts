// The cluster lab's Ansible-style inventory directory: hosts.yml from the running hosts plus the shipped inventories/lab/group_vars.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The inventory template shipped in the repository (group_vars/ and friends), copied next to hosts.yml. */
export const INVENTORY_TEMPLATE = fileURLToPath(new URL('../../inventories/lab/', import.meta.url));

/** The lab's inventory groups, each holding the hosts of one role. */
export const ROLE_GROUPS = { lb: 'lb', db: 'mysql', mgr: 'esb_manager', worker: 'esb_worker' } as const;
export type HostRole = keyof typeof ROLE_GROUPS;

export interface InventoryHost {
  readonly name: string;
  readonly role: HostRole;
  readonly address: string;
  readonly port: number;
}

export interface InventoryAccess {
  readonly keyFile: string;
  readonly knownHostsFile: string;
}

/** Writes <dir>/hosts.yml and a fresh copy of the template's files beside it; returns dir. */
export async function writeInventoryDir(dir: string, hosts: readonly InventoryHost[], access: InventoryAccess): Promise<string> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.cp(INVENTORY_TEMPLATE, dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'hosts.yml'), renderHostsYaml(hosts, access));
  return dir;
}

/** hosts.yml: one group per role, esb_nodes = esb_manager + esb_worker, node_ip = the host's lab address. */
export function renderHostsYaml(hosts: readonly InventoryHost[], access: InventoryAccess): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '# The esbplay cluster lab (docs/lab.md), written by test/lab/cluster-inventory.ts while the lab runs.',
    '# Every host is a plain Debian host on its own loopback address; group_vars/ comes from inventories/lab/.',
    'all:',
    '  vars:',
    '    ansible_user: root',
    `    ansible_ssh_private_key_file: ${q(access.keyFile)}`,
    `    known_hosts_file: ${q(access.knownHostsFile)}`,
    '  children:',
  ];
  for (const [role, group] of Object.entries(ROLE_GROUPS)) {
    lines.push(`    ${group}:`, '      hosts:');
    for (const h of hosts.filter((x) => x.role === role)) {
      lines.push(`        ${h.name}: { ansible_host: ${h.address}, ansible_port: ${h.port}, node_ip: ${h.address} }`);
    }
  }
  lines.push('    esb_nodes:', '      children:', `        ${ROLE_GROUPS.mgr}:`, `        ${ROLE_GROUPS.worker}:`, '');
  return lines.join('\n');
}
