// Bad-input cases absorbed from test/engine/bad-input.test.ts: malformed YAML, unknown names, argument errors, missing files and roles.

import { tasks, type BadInputCase } from './corpus-runner.js';

export const CLASSIC_CASES: BadInputCase[] = [
  { name: 'malformed YAML', exit: 5, files: { 'site.yml': `- hosts: all\n  tasks:\n    - name: a\n      lineinfile: { path: x, line: [ }\n` }, msg: /YAML syntax error/, at: ['site.yml', 4, 0] },
  { name: 'unknown module, with did-you-mean', exit: 5, files: { 'site.yml': tasks(`    - linefile: { path: x, line: y }\n`) }, msg: /unknown module or keyword 'linefile'.*did you mean 'lineinfile'/s, at: ['site.yml', 5, 7] },
  { name: 'unknown task keyword, with did-you-mean', exit: 5, files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y }\n      whne: true\n`) }, msg: /unknown keyword 'whne' in task.*did you mean 'when'/s, at: ['site.yml', 6, 7] },
  { name: 'unknown play keyword', exit: 5, files: { 'site.yml': `- hosts: all\n  taks: []\n` }, msg: /unknown play keyword 'taks'.*did you mean 'tasks'/s, at: ['site.yml', 2, 3] },
  { name: 'wrong argument type', exit: 5, files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y, create: maybe }\n`) }, msg: /argument 'create' must be a boolean, got string 'maybe'/, at: ['site.yml', 5, 39] },
  { name: 'missing required argument', exit: 5, files: { 'site.yml': tasks(`    - name: no path\n      lineinfile: { line: y }\n`) }, msg: /missing required argument 'path' for module 'lineinfile'/, at: ['site.yml', 6, 19] },
  { name: 'misspelt argument, closest suggestion', exit: 5, files: { 'site.yml': tasks(`    - lineinfile:\n        path: x\n        lien: y\n`) }, msg: /lien.*did you mean 'line'/s, at: ['site.yml', 7, 9] },
  { name: 'undefined variable in args', exit: 5, files: { 'site.yml': tasks(`    - lineinfile:\n        path: "{{ root_dir }}/app.conf"\n        line: "v={{ no_such_var }}"\n`) }, msg: /'no_such_var' is undefined|undefined variable 'no_such_var'/, at: ['site.yml', 7, 0] },
  {
    name: 'undefined variable in a template', exit: 5,
    files: { 'site.yml': tasks(`    - template: { src: app.j2, dest: "{{ root_dir }}/out.conf" }\n`), 'templates/app.j2': 'line one\nvalue={{ missing_in_template }}\n' },
    msg: /missing_in_template/, at: ['templates/app.j2', 2, 0],
  },
  { name: 'missing template', exit: 5, files: { 'site.yml': tasks(`    - template: { src: nowhere.j2, dest: "{{ root_dir }}/out.conf" }\n`) }, msg: /template 'nowhere\.j2' not found; looked in: /, at: ['site.yml', 5, 0] },
  { name: 'missing role', exit: 5, files: { 'site.yml': `- hosts: all\n  roles:\n    - no_such_role\n` }, msg: /role 'no_such_role' not found/, at: ['site.yml', 3, 7] },
  {
    name: 'cyclic role dependencies', exit: 5,
    files: {
      'site.yml': `- hosts: all\n  roles:\n    - a\n`,
      'roles/a/meta/main.yml': 'dependencies:\n  - b\n',
      'roles/a/tasks/main.yml': '- lineinfile: { path: x, line: y }\n',
      'roles/b/meta/main.yml': 'dependencies:\n  - role: a\n',
    },
    msg: /cyclic role dependency: a -> b -> a/, at: ['roles/b/meta/main.yml', 2, 0],
  },
  {
    name: 'notify of a handler that does not exist', exit: 5,
    files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y }\n      notify: restart nothing\n`) + `  handlers:\n    - name: restart something\n      lineinfile: { path: x, line: z }\n` },
    msg: /notifies 'restart nothing'/, at: ['site.yml', 6, 15],
  },
  { name: 'missing inventory', exit: 5, files: { 'site.yml': tasks('') }, inventory: 'no-such-inventory', msg: /no-such-inventory/ },
  { name: 'bad -e (not a mapping)', exit: 5, files: { 'site.yml': tasks('') }, args: ['-e', '{not: [closed'], msg: /extra-vars|-e/ },
  { name: 'bad -e @file that does not exist', exit: 5, files: { 'site.yml': tasks('') }, args: ['-e', '@nothere.yml'], msg: /nothere\.yml/ },
];
