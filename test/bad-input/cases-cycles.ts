// Cycles and runaway recursion: import_playbook, import_tasks, include_tasks, include_role, import_role, role dependencies.

import { tasks, type BadInputCase } from './corpus-runner.js';

export const CYCLE_CASES: BadInputCase[] = [
  { name: 'import_playbook of itself', exit: 5, files: { 'site.yml': '- import_playbook: site.yml\n' }, msg: /import_playbook cycle: .*site\.yml:1:\d+ loads site\.yml/, at: ['site.yml', 1, 0] },
  {
    name: 'import_playbook cycle through two files', exit: 5,
    files: { 'site.yml': '- import_playbook: a.yml\n', 'a.yml': `- hosts: all\n  tasks:\n    - debug: { msg: a }\n- import_playbook: site.yml\n` },
    msg: /import_playbook cycle: .*site\.yml:1:\d+ loads a\.yml; .*a\.yml:4:\d+ loads site\.yml/, at: ['a.yml', 4, 0],
  },
  { name: 'import_tasks of its own file', exit: 5, files: { 'site.yml': tasks('    - import_tasks: t.yml\n'), 't.yml': '- debug: { msg: t }\n- import_tasks: t.yml\n' }, msg: /import_tasks\/role cycle: .*t\.yml:2:\d+ loads t\.yml/, at: ['t.yml', 2, 0] },
  {
    name: 'import_tasks cycle through three files', exit: 5,
    files: { 'site.yml': tasks('    - import_tasks: a.yml\n'), 'a.yml': '- import_tasks: b.yml\n', 'b.yml': '- import_tasks: c.yml\n', 'c.yml': '- import_tasks: a.yml\n' },
    msg: /cycle: .*a\.yml:1:\d+ loads b\.yml; .*b\.yml:1:\d+ loads c\.yml; .*c\.yml:1:\d+ loads a\.yml/, at: ['c.yml', 1, 0],
  },
  { name: 'include_tasks that includes itself without end', exit: 5, files: { 'site.yml': tasks('    - include_tasks: again.yml\n'), 'again.yml': '- debug: { msg: again }\n- include_tasks: again.yml\n' }, msg: /include_tasks nested more than 64 levels deep .*again\.yml:2:\d+ loads again\.yml/, at: ['again.yml', 2, 0] },
  {
    name: 'include_role of the role itself', exit: 5,
    files: { 'site.yml': `- hosts: all\n  roles: [loop]\n`, 'roles/loop/tasks/main.yml': '- debug: { msg: in }\n- include_role: { name: loop }\n' },
    msg: /include_role nested more than 64 levels deep/, at: ['roles/loop/tasks/main.yml', 2, 0],
  },
  {
    name: 'import_role of the role itself', exit: 5,
    files: { 'site.yml': `- hosts: all\n  roles: [selfish]\n`, 'roles/selfish/tasks/main.yml': '- import_role: { name: selfish }\n' },
    msg: /cycle: .*main\.yml:1:\d+ loads main\.yml/, at: ['roles/selfish/tasks/main.yml', 1, 0],
  },
  { name: 'role depending on itself', exit: 5, files: { 'site.yml': `- hosts: all\n  roles: [me]\n`, 'roles/me/meta/main.yml': 'dependencies: [me]\n', 'roles/me/tasks/main.yml': '- debug: { msg: me }\n' }, msg: /cyclic role dependency: me -> me/, at: ['roles/me/meta/main.yml', 1, 0] },
  {
    name: 'a recursive include that stops on a condition still runs (no false cycle)', exit: 0,
    files: {
      'site.yml': `- hosts: all\n  tasks:\n    - include_tasks: count.yml\n`,
      'count.yml': '- set_fact: { counter: "{{ (counter | default(0) | int) + 1 }}" }\n- include_tasks: count.yml\n  when: counter | int < 3\n',
    },
    msg: /ok=\d+/,
  },
];
