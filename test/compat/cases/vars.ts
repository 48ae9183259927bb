// Variables: precedence, lazy templating, vars_files, group_vars/host_vars (beside the playbook and the inventory), magic variables.

import { play, type CompatCase } from '../case-types.js';

const H2 = ['h1', 'h2'];

/** A task writing `text` and a newline to `<root>/<file>` (lineinfile: one module run in Ansible, where copy takes two or three). */
const put = (file: string, text: string) => `- lineinfile: { path: "{{ root_dir }}/${file}", line: "${text}", create: true }`;

export const VAR_CASES: CompatCase[] = [
  {
    name: 'vars-play-over-inventory',
    hosts: H2,
    hostVars: { h1: { port: 1 }, h2: { port: 2 } },
    files: { 'site.yml': play(put('port', '{{ port }}'), '  vars: { port: 80 }\n') },
  },
  {
    name: 'vars-extra-vars-win-over-set-fact',
    args: ['-e', 'x=extra'],
    files: { 'site.yml': play(`- set_fact: { x: fact }\n${put('x', '{{ x }}')}`, '  vars: { x: play }\n') },
  },
  {
    name: 'vars-set-fact-over-play-vars',
    files: { 'site.yml': play(`- set_fact: { x: "fact-{{ inventory_hostname }}" }\n${put('x', '{{ x }}')}`, '  vars: { x: play }\n') },
  },
  {
    name: 'vars-task-over-block-over-play',
    files: { 'site.yml': play(`
- block:
    - lineinfile: { path: "{{ root_dir }}/t", line: "{{ x }} {{ y }} {{ z }}", create: true }
      vars: { x: task }
  vars: { x: block, y: block }
`, '  vars: { x: play, y: play, z: play }\n') },
  },
  {
    name: 'vars-files-templated-with-inventory-vars',
    allVars: { env_name: 'prod' },
    files: {
      'site.yml': play(put('v', '{{ db_host }}'), '  vars_files: ["vars/{{ env_name }}.yml"]\n'),
      'vars/prod.yml': 'db_host: db.prod\n',
      'vars/dev.yml': 'db_host: db.dev\n',
    },
  },
  {
    name: 'vars-files-first-found-alternatives',
    hosts: ['h1', 'h2'],
    hostVars: { h1: { os: 'debian' }, h2: { os: 'alpine' } },
    files: {
      'site.yml': play(put('v', '{{ pkg }}'), '  vars_files:\n    - ["vars/{{ os }}.yml", vars/default.yml]\n'),
      'vars/debian.yml': 'pkg: apt\n',
      'vars/default.yml': 'pkg: default\n',
    },
  },
  {
    name: 'vars-files-over-play-vars',
    files: { 'site.yml': play(put('v', '{{ a }}-{{ b }}'), '  vars: { a: play, b: play }\n  vars_files: [more.yml]\n'), 'more.yml': 'a: file\n' },
  },
  {
    name: 'group-vars-beside-the-inventory',
    groups: { web: ['h1'] },
    files: { 'site.yml': play(put('v', '{{ role_name_x | default("none") }} {{ common }}')), 'inventory/group_vars/web.yml': 'role_name_x: web\n', 'inventory/group_vars/all.yml': 'common: c\n' },
  },
  {
    name: 'group-vars-and-host-vars-beside-the-playbook',
    hosts: H2,
    groups: { web: ['h1', 'h2'] },
    files: { 'site.yml': play(put('v', '{{ g }} {{ h | default("-") }}')), 'group_vars/web.yml': 'g: from-playbook-dir\n', 'host_vars/h2.yml': 'h: h2-only\n' },
  },
  {
    name: 'playbook-group-vars-over-inventory-group-vars',
    groups: { web: ['h1'] },
    hosts: ['h1'],
    files: { 'site.yml': play(put('v', '{{ x }} {{ y }}')), 'inventory/group_vars/web.yml': 'x: inv\ny: inv\n', 'group_vars/web.yml': 'x: pb\n' },
  },
  {
    name: 'group-vars-child-over-parent-host-over-group',
    hosts: H2,
    groups: { parent: ['h1', 'h2'], child: ['h1'] },
    hostVars: { h2: { x: 'host' } },
    files: { 'site.yml': play(put('v', '{{ x }}')), 'inventory/group_vars/parent.yml': 'x: parent\n', 'inventory/group_vars/child.yml': 'x: child\n' },
  },
  {
    name: 'lazy-role-default-uses-inventory-var',
    hosts: H2,
    hostVars: { h1: { base: '/opt/a' }, h2: { base: '/srv/b' } },
    files: {
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [app]\n',
      'roles/app/defaults/main.yml': 'base: /default\napp_home: "{{ base }}/app-{{ version }}"\nversion: 1\n',
      'roles/app/tasks/main.yml': '- lineinfile: { path: "{{ root_dir }}/home", line: "{{ app_home }}", create: true }\n',
    },
  },
  {
    name: 'role-vars-over-play-vars-role-params-over-role-vars',
    files: {
      'site.yml': '- hosts: all\n  gather_facts: false\n  vars: { a: play, b: play }\n  roles:\n    - { role: r, b: param }\n',
      'roles/r/vars/main.yml': 'a: rolevars\nb: rolevars\n',
      'roles/r/tasks/main.yml': '- lineinfile: { path: "{{ root_dir }}/v", line: "{{ a }} {{ b }}", create: true }\n',
    },
  },
  {
    name: 'include-vars-file-and-dir',
    files: {
      'site.yml': play(`
- include_vars: vars/one.yml
- include_vars: { file: vars/two.yml, name: two }
${put('v', '{{ one }} {{ two.t }}')}`),
      'vars/one.yml': 'one: 1\n',
      'vars/two.yml': 't: 2\n',
    },
  },
  {
    name: 'magic-vars-names-and-groups',
    hosts: ['h2', 'h1', 'h3'],
    groups: { web: ['h3', 'h1'], db: ['h2'] },
    files: { 'site.yml': play(`- copy:
    dest: "{{ root_dir }}/m"
    content: |
      {{ inventory_hostname }} {{ inventory_hostname_short }}
      {{ group_names | join(',') }}
      {{ groups['all'] | join(',') }}
      {{ groups['web'] | join(',') }}
      {{ ansible_play_hosts_all | join(',') }}
      {{ play_hosts | length }}
`) },
  },
  {
    name: 'hostvars-of-another-host',
    hosts: H2,
    hostVars: { h1: { ip: '10.0.0.1' }, h2: { ip: '10.0.0.2' } },
    files: { 'site.yml': play(put('peers', "{% for h in groups['all'] %}{{ hostvars[h].ip }} {% endfor %}")) },
  },
  {
    name: 'hostvars-localhost-after-localhost-play',
    files: {
      'site.yml': `- hosts: localhost
  gather_facts: false
  tasks:
    - set_fact: { token: abc }
- hosts: all
  gather_facts: false
  tasks:
    - lineinfile: { path: "{{ root_dir }}/t", line: "{{ hostvars['localhost'].token }}", create: true }
`,
    },
  },
  {
    name: 'set-fact-keeps-types',
    files: { 'site.yml': play(`
- set_fact: { n: 3, l: [1, 2], d: { k: v }, s: "{{ 1 + 2 }}", b: "{{ true }}" }
${put('v', '{{ n + 1 }} {{ l | length }} {{ d.k }} {{ s | int + 1 }} {{ b }}')}`) },
  },
  {
    name: 'register-result-fields',
    files: { 'site.yml': play(`
- command: echo hello
  register: r
  changed_when: false
${put('v', '{{ r.stdout }} {{ r.rc }} {{ r.stdout_lines | length }} {{ r.changed }}')}`) },
  },
  {
    name: 'omit-drops-an-argument',
    files: { 'site.yml': play(`- copy: { dest: "{{ root_dir }}/a", content: "x\\n", mode: "{{ file_mode | default(omit) }}" }`) },
  },
  {
    name: 'default-filter-and-undefined-in-when',
    files: { 'site.yml': play(`
- lineinfile: { path: "{{ root_dir }}/a", line: "{{ missing | default('dflt') }}", create: true }
- lineinfile: { path: "{{ root_dir }}/b", line: "b", create: true }
  when: missing is defined
- lineinfile: { path: "{{ root_dir }}/c", line: "c", create: true }
  when: missing is not defined
`) },
  },
  {
    name: 'undefined-variable-fails-the-task',
    tolerate: (['exit', 'recap', 'files'] as const).map((aspect) => ({ aspect, doc: 'the-whole-playbook-is-checked-before-any-host-is-touched' })),
    files: { 'site.yml': play(`
- lineinfile: { path: "{{ root_dir }}/before", line: "b", create: true }
- lineinfile: { path: "{{ root_dir }}/a", line: "{{ nope }}", create: true }
- lineinfile: { path: "{{ root_dir }}/after", line: "c", create: true }
`) },
  },
];
