// Paths that try to leave the project (role and template names with ..) and controller paths that are not files.

import { tasks, type BadInputCase } from './corpus-runner.js';

export const PATH_CASES: BadInputCase[] = [
  { name: 'template src ../../../../etc/passwd', exit: 5, files: { 'site.yml': tasks('    - template: { src: ../../../../../../etc/passwd, dest: "{{ root_dir }}/p" }\n') }, msg: /template '\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd' resolves to \/etc\/passwd, outside the playbook's directory/, at: ['site.yml', 5, 0] },
  { name: 'copy src climbing out of files/', exit: 5, files: { 'site.yml': tasks('    - copy: { src: ../../../../../../etc/hostname, dest: "{{ root_dir }}/h" }\n') }, msg: /file '.*etc\/hostname' resolves to \/etc\/hostname, outside the playbook's directory/, at: ['site.yml', 5, 0] },
  {
    name: 'template src climbing out of a role', exit: 5,
    files: { 'site.yml': `- hosts: all\n  roles: [web]\n`, 'roles/web/tasks/main.yml': '- template: { src: ../../../../../../../etc/passwd, dest: "{{ root_dir }}/p" }\n' },
    msg: /resolves to \/etc\/passwd, outside/, at: ['roles/web/tasks/main.yml', 1, 0],
  },
  { name: 'template src that is a directory', exit: 5, files: { 'site.yml': tasks('    - template: { src: conf.d, dest: "{{ root_dir }}/x" }\n'), 'templates/conf.d/a.j2': 'a\n' }, msg: /template 'conf\.d' is a directory .*src must name a template file/, at: ['site.yml', 5, 0] },
  { name: 'role name ../../../../etc', exit: 5, files: { 'site.yml': `- hosts: all\n  roles: ['../../../../../../etc']\n` }, msg: /role '\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc' .*\.\./, at: ['site.yml', 2, 0] },
  { name: 'role name with .. inside the search path', exit: 5, files: { 'site.yml': `- hosts: all\n  roles: [x/../../../../../tmp]\n`, 'roles/x/tasks/main.yml': '- debug: { msg: x }\n' }, msg: /role 'x\/\.\.\/.*' .*\.\./, at: ['site.yml', 2, 0] },
  { name: 'include_tasks of /etc/passwd', exit: 5, files: { 'site.yml': tasks('    - include_tasks: /etc/passwd\n') }, msg: /YAML syntax error|a task file must be a list of tasks/ },
  { name: 'vars_files pointing at a directory', exit: 5, files: { 'site.yml': `- hosts: all\n  vars_files: [vars]\n  tasks:\n    - debug: { msg: hi }\n`, 'vars/x.yml': 'a: 1\n' }, msg: /vars is a directory, not a file/, at: ['site.yml', 1, 0] },
];
