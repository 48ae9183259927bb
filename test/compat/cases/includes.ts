// Includes and imports: include_tasks (vars, loops, when, counting), import_tasks, include_role/import_role (tasks_from, vars_from, defaults_from), import_playbook, include_vars.

import { play, type CompatCase } from '../case-types.js';

const line = (text: string, file = 'out') => `lineinfile: { path: "{{ root_dir }}/${file}", line: "${text}", create: true }`;

export const INCLUDE_CASES: CompatCase[] = [
  {
    name: 'import-tasks-static-with-when',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`- import_tasks: more.yml\n  when: inventory_hostname == 'h1'`), 'more.yml': `- ${line('one')}\n- ${line('two')}\n` },
  },
  {
    name: 'include-tasks-with-vars-and-counting',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`- include_tasks: more.yml\n  vars: { who: "{{ inventory_hostname }}" }\n- include_tasks: more.yml\n  when: inventory_hostname == 'h2'\n  vars: { who: second }`), 'more.yml': `- ${line('{{ who }}')}\n` },
  },
  {
    name: 'include-tasks-from-a-registered-result',
    files: {
      'site.yml': play('- command: echo a b\n  register: r\n  changed_when: false\n- include_tasks: x.yml\n  loop: "{{ r.stdout.split() }}"\n- include_tasks: "{{ r.stdout.split()[0] }}.yml"'),
      'x.yml': `- ${line('x {{ item }}')}\n`,
      'a.yml': `- ${line('file a')}\n`,
    },
  },
  {
    name: 'set-fact-and-include-vars-from-a-registered-result',
    // --check: esbplay reports the include_vars that fails after unknown results as unknown (skipped), Ansible as failed
    tolerate: [{ aspect: 'recap', phases: ['check'], doc: '--check-predicts-from-the-state-earlier-tasks-would-leave' }],
    files: {
      'site.yml': play(`- command: echo x\n  register: r\n  changed_when: false\n- set_fact: { v: "{{ r.stdout }}" }\n- include_vars: { file: "{{ r.stdout }}.yml" }\n- ${line('{{ v }} {{ from_file }}')}`),
      'vars/x.yml': 'from_file: loaded\n',
    },
  },
  {
    name: 'include-tasks-templated-name',
    files: { 'site.yml': play(`- include_tasks: "tasks-{{ flavour }}.yml"`, '  vars: { flavour: b }\n'), 'tasks-a.yml': `- ${line('a')}\n`, 'tasks-b.yml': `- ${line('b')}\n` },
  },
  {
    name: 'include-tasks-loop',
    files: { 'site.yml': play(`- include_tasks: more.yml\n  loop: [x, y]`), 'more.yml': `- ${line('{{ item }}')}\n` },
  },
  {
    name: 'include-tasks-keywords-stay-on-the-include',
    files: { 'site.yml': play(`- include_tasks: more.yml\n  tags: [inc]`), 'more.yml': `- ${line('untagged-inner')}\n- ${line('tagged-inner')}\n  tags: [inner]\n` },
    args: ['--tags', 'inc'],
  },
  {
    name: 'include-tasks-nested-relative-paths',
    files: { 'site.yml': play('- include_tasks: sub/a.yml'), 'sub/a.yml': `- ${line('a')}\n- include_tasks: b.yml\n`, 'sub/b.yml': `- ${line('b')}\n` },
  },
  {
    name: 'include-role-tasks-from-vars-from-defaults-from',
    files: {
      'site.yml': play('- include_role: { name: app, tasks_from: setup, vars_from: prod, defaults_from: extra }\n- include_role: { name: app }'),
      'roles/app/tasks/main.yml': `- ${line('main {{ who }} {{ level }}')}\n`,
      'roles/app/tasks/setup.yml': `- ${line('setup {{ who }} {{ level }}')}\n`,
      'roles/app/vars/main.yml': 'who: main-vars\n',
      'roles/app/vars/prod.yml': 'who: prod-vars\n',
      'roles/app/defaults/main.yml': 'level: main-defaults\n',
      'roles/app/defaults/extra.yml': 'level: extra-defaults\n',
    },
  },
  {
    name: 'import-role-and-include-role-when',
    hosts: ['h1', 'h2'],
    files: {
      'site.yml': play("- import_role: { name: app }\n  when: inventory_hostname == 'h1'\n- include_role: { name: app, tasks_from: other }\n  when: inventory_hostname == 'h2'"),
      'roles/app/tasks/main.yml': `- ${line('main')}\n`,
      'roles/app/tasks/other.yml': `- ${line('other')}\n`,
    },
  },
  {
    name: 'include-role-handlers-notified-by-its-tasks',
    files: {
      'site.yml': play(`- include_role: { name: web }\n- ${line('after-include')}`),
      'roles/web/tasks/main.yml': `- ${line('web')}\n  notify: reload web\n`,
      'roles/web/handlers/main.yml': `- name: reload web\n  ${line('reloaded', 'h.log')}\n`,
    },
  },
  {
    name: 'include-role-loop',
    files: { 'site.yml': play('- include_role: { name: app }\n  loop: [1, 2]\n  loop_control: { loop_var: n }'), 'roles/app/tasks/main.yml': `- ${line('n={{ n }}')}\n` },
  },
  {
    name: 'import-playbook',
    files: {
      'site.yml': `- import_playbook: first.yml\n- hosts: all\n  gather_facts: false\n  tasks:\n    - ${line('site')}\n`,
      'first.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - ${line('first')}\n`,
    },
  },
  {
    name: 'include-vars-dir-and-name',
    files: {
      'site.yml': play(`- include_vars: { dir: conf, name: conf }\n- include_vars: { file: over.yml }\n- set_fact: { b: fact }\n- lineinfile: { path: "{{ root_dir }}/v", line: "{{ conf.a }} {{ conf.b }} {{ b }} {{ c }}", create: true }`, '  vars: { c: play }\n'),
      'conf/1.yml': 'a: one\nb: one\n',
      'conf/2.yml': 'b: two\n',
      'vars/over.yml': 'b: include\nc: include\n',
    },
  },
  {
    name: 'include-vars-in-role-vars-dir',
    files: {
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [app]\n',
      'roles/app/tasks/main.yml': '- include_vars: extra.yml\n- lineinfile: { path: "{{ root_dir }}/v", line: "{{ x }}", create: true }\n',
      'roles/app/vars/extra.yml': 'x: from-role-vars-dir\n',
    },
  },
];
