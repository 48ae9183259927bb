// Roles: dependencies (deduplicated, allow_duplicates, params), role params and vars, tags and when on role entries, files/templates lookup.

import type { CompatCase } from '../case-types.js';

const line = (text: string) => `lineinfile: { path: "{{ root_dir }}/out", line: "${text}", create: true }`;
const head = '- hosts: all\n  gather_facts: false\n';

export const ROLE_CASES: CompatCase[] = [
  {
    name: 'role-shared-dependency-runs-once',
    files: {
      'site.yml': `${head}  roles: [a, b]\n`,
      'roles/common/tasks/main.yml': '- shell: echo common >> "{{ root_dir }}/log"\n',
      'roles/a/meta/main.yml': 'dependencies: [common]\n', 'roles/a/tasks/main.yml': '- shell: echo a >> "{{ root_dir }}/log"\n',
      'roles/b/meta/main.yml': 'dependencies: [common]\n', 'roles/b/tasks/main.yml': '- shell: echo b >> "{{ root_dir }}/log"\n',
    },
  },
  {
    name: 'role-allow-duplicates',
    files: {
      'site.yml': `${head}  roles: [a, b]\n`,
      'roles/common/meta/main.yml': 'allow_duplicates: true\n',
      'roles/common/tasks/main.yml': '- shell: echo common >> "{{ root_dir }}/log"\n',
      'roles/a/meta/main.yml': 'dependencies: [common]\n', 'roles/a/tasks/main.yml': '- shell: echo a >> "{{ root_dir }}/log"\n',
      'roles/b/meta/main.yml': 'dependencies: [common]\n', 'roles/b/tasks/main.yml': '- shell: echo b >> "{{ root_dir }}/log"\n',
    },
  },
  {
    name: 'role-dependency-with-params-runs-per-params',
    files: {
      'site.yml': `${head}  roles: [a]\n`,
      'roles/port/tasks/main.yml': `- ${line('port {{ listen_port }}')}\n`,
      'roles/a/meta/main.yml': 'dependencies:\n  - { role: port, listen_port: 80 }\n  - { role: port, listen_port: 443 }\n  - { role: port, listen_port: 80 }\n',
      'roles/a/tasks/main.yml': `- ${line('a')}\n`,
    },
  },
  {
    name: 'role-twice-in-play-runs-once',
    files: { 'site.yml': `${head}  roles: [a, a]\n`, 'roles/a/tasks/main.yml': '- shell: echo a >> "{{ root_dir }}/log"\n' },
  },
  {
    name: 'role-params-and-entry-keywords',
    hosts: ['h1', 'h2'],
    files: {
      'site.yml': `${head}  roles:\n    - { role: app, greeting: hi, when: "inventory_hostname == 'h1'", tags: [app] }\n    - role: app\n      greeting: hello\n      vars: { extra: v }\n`,
      'roles/app/defaults/main.yml': 'greeting: default\nextra: none\n',
      'roles/app/tasks/main.yml': `- ${line('{{ greeting }} {{ extra }}')}\n`,
    },
  },
  {
    name: 'role-templates-and-files-lookup',
    files: {
      'site.yml': `${head}  roles: [web]\n`,
      'roles/web/defaults/main.yml': 'port: 8080\n',
      'roles/web/templates/site.conf.j2': 'listen {{ port }};\nserver_name {{ inventory_hostname }};\n',
      'roles/web/files/static.txt': 'static\n',
      'roles/web/tasks/main.yml': '- template: { src: site.conf.j2, dest: "{{ root_dir }}/site.conf", mode: "0640" }\n- copy: { src: static.txt, dest: "{{ root_dir }}/static.txt" }\n',
    },
  },
  {
    name: 'role-tags-select-role-tasks',
    files: {
      'site.yml': `${head}  roles:\n    - { role: a, tags: [a] }\n    - { role: b, tags: [b] }\n`,
      'roles/a/tasks/main.yml': `- ${line('a')}\n`,
      'roles/b/tasks/main.yml': `- ${line('b')}\n`,
    },
    args: ['--tags', 'b'],
  },
  {
    name: 'role-defaults-vs-vars-vs-play',
    files: {
      'site.yml': `${head}  vars: { d: play, v: play }\n  roles: [r]\n`,
      'roles/r/defaults/main.yml': 'd: default\nv: default\nonly_default: od\n',
      'roles/r/vars/main.yml': 'v: rolevar\n',
      'roles/r/tasks/main.yml': `- ${line('{{ d }} {{ v }} {{ only_default }}')}\n`,
    },
  },
];
