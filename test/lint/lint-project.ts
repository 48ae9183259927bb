// A temp cluster project for the lint tests: YAML inventory (lb, mysql, manager, 2 workers), small roles, a lint-first playbook.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeProject, type Project } from '../engine/helpers.js';

const ROLES: Record<string, string> = {
  'roles/esb-product/defaults/main.yml': 'esb_product: wso2esb\nesb_version: 4.9.0\n',
  'roles/esb-common/meta/main.yml': 'dependencies:\n  - esb-product\n',
  'roles/esb-common/defaults/main.yml': [
    'esb_local_member_host: "{{ node_ip }}"',
    'esb_local_member_port: 4100',
    'esb_port_offset: 0',
    'esb_wka_members:',
    "  - host: \"{{ hostvars[groups['esb_manager'][0]].esb_local_member_host | default(hostvars[groups['esb_manager'][0]].node_ip) }}\"",
    "    port: \"{{ hostvars[groups['esb_manager'][0]].esb_local_member_port | default(4100) }}\"",
    "  - host: \"{{ hostvars[groups['esb_worker'][0]].esb_local_member_host | default(hostvars[groups['esb_worker'][0]].node_ip) }}\"",
    "    port: \"{{ hostvars[groups['esb_worker'][0]].esb_local_member_port | default(4100) }}\"",
    'esb_depsync_svn_url: ""',
    'esb_depsync_svn_user: ""',
    'esb_depsync_svn_password: ""',
    '',
  ].join('\n'),
  'roles/nginx-lb/defaults/main.yml': "nginx_workers: \"{{ groups['esb_worker'] }}\"\n",
  'roles/mysql-db/meta/main.yml': 'dependencies:\n  - esb-product\n',
  'roles/mysql-db/defaults/main.yml': 'mysql_setup_dir: /var/lib/esbplay\n',
};

export const SITE = `
- name: Cluster lint (before any host is touched)
  hosts: all
  gather_facts: false
  tasks:
    - name: the inventory matches the cluster guide
      wso2_cluster_lint: { role_defaults: [esb-common, nginx-lb, mysql-db] }
      run_once: true
      tags: [always]

- name: configure every host
  hosts: all
  tasks:
    - copy: { content: "configured\\n", dest: "{{ root_dir }}/configured.txt" }
`;

export const HOSTS = ['lb1', 'db1', 'mgr1', 'wrk1', 'wrk2'];

export interface LintProjectSpec {
  readonly hostVars?: Readonly<Record<string, Record<string, unknown>>>;
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  readonly files?: Readonly<Record<string, string>>;
}

export function makeLintProject(spec: LintProjectSpec = {}): Project {
  const hostVars: Record<string, Record<string, unknown>> = {};
  HOSTS.forEach((h, i) => (hostVars[h] = { node_ip: `10.20.0.${11 + i}`, ...(spec.hostVars?.[h] ?? {}) }));
  const groups = spec.groups ?? { lb: ['lb1'], mysql: ['db1'], esb_manager: ['mgr1'], esb_worker: ['wrk1', 'wrk2'] };
  const p = makeProject({ hosts: HOSTS, hostVars, groups, files: { ...ROLES, 'site.yml': SITE, ...(spec.files ?? {}) } });
  return p;
}

/** `file:line:` of the first line of FILE (relative to the project) that contains TEXT. */
export function lineOf(p: Project, rel: string, text: string): string {
  const file = path.join(p.dir, rel);
  const lines = readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return `${file}:${i + 1}:`;
}
