// Hostile YAML: alias bombs, recursive aliases, deep nesting, huge lines and files, in playbooks, vars files, inventories and -e.

import { tasks, type BadInputCase } from './corpus-runner.js';

/** "billion laughs": 9 levels of 9 aliases each, 9^9 strings once expanded */
const BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';
/** a harmless task (no host change) for cases whose error is in the play's vars */
const TOUCHLESS = '    - debug: { msg: hi }\n';
const HUGE_LINE = `- hosts: all\n  tasks:\n    - debug: { msg: "${'x'.repeat(5_000_000)}" ]\n`;
const deepBlock = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';

export const YAML_CASES: BadInputCase[] = [
  { name: 'alias bomb in the playbook', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n${BOMB.replace(/^/gm, '    ').trimEnd()}\n  tasks:\n${'    - debug: { msg: "{{ i }}" }\n'}` }, msg: /too many YAML alias expansions .*alias bomb/, at: ['site.yml', 4, 0] },
  { name: 'alias bomb in a vars_files file', exit: 5, files: { 'site.yml': `- hosts: all\n  vars_files: [bomb.yml]\n  tasks:\n${'    - debug: { msg: hi }\n'}`, 'bomb.yml': BOMB }, msg: /alias bomb/, at: ['bomb.yml', 2, 0] },
  { name: 'alias bomb in the inventory', exit: 5, files: { 'site.yml': tasks(''), 'bomb-inventory.yml': `all:\n  hosts:\n    h1: { ansible_connection: local }\n  vars:\n${BOMB.replace(/^/gm, '    ').trimEnd()}\n` }, inventory: 'bomb-inventory.yml', msg: /alias bomb/ },
  { name: 'alias bomb in -e @file', exit: 5, files: { 'site.yml': tasks(''), 'bomb.yml': BOMB }, args: ['-e', '@bomb.yml'], msg: /alias bomb/ },
  { name: 'alias bomb in role defaults', exit: 5, files: { 'site.yml': `- hosts: all\n  roles: [r]\n`, 'roles/r/defaults/main.yml': BOMB, 'roles/r/tasks/main.yml': '- debug: { msg: hi }\n' }, msg: /alias bomb/ },
  { name: 'recursive alias (a list containing itself)', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n    loop_me: &me [1, *me]\n  tasks:\n${TOUCHLESS}` }, msg: /recursive YAML alias: \*me/, at: ['site.yml', 3, 0] },
  { name: 'recursive alias (a mapping containing itself)', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n    conf: &c\n      self: *c\n  tasks:\n${TOUCHLESS}` }, msg: /recursive YAML alias: \*c/, at: ['site.yml', 4, 0] },
  { name: '10000 nested [ (the YAML parser would abort the process)', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n    deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` }, msg: /nested too deeply/, at: ['site.yml', 3, 0] },
  { name: '1500 levels of block nesting', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n${deepBlock(1500).replace(/^/gm, '    ')}` }, msg: /nested too deeply/ },
  { name: 'syntax error on a 5 MB one-line YAML quotes only a window of the line', exit: 5, files: { 'site.yml': HUGE_LINE }, msg: /YAML syntax error[^\n]*\n {4}\.\.\.x{100}/, at: ['site.yml', 3, 5000024], maxOutput: 2000 },
  { name: 'a 20 MB playbook is refused by size, not parsed', exit: 5, files: { 'site.yml': `- hosts: all\n  vars:\n    big: "${'y'.repeat(20_000_000)}"\n` }, msg: /is too large \(\d+ bytes; esbplay reads files up to 16777216 bytes\)/, maxOutput: 2000 },
  { name: '-e @/dev/zero is read up to the limit, not forever', exit: 5, files: { 'site.yml': tasks('') }, args: ['-e', '@/dev/zero'], msg: /\/dev\/zero is too large/ },
  { name: 'duplicate keys in a task', exit: 5, files: { 'site.yml': tasks(`    - lineinfile: { path: x, line: y }\n      name: one\n      name: two\n`) }, msg: /YAML syntax error: Map keys must be unique/, at: ['site.yml', 7, 0] },
  { name: 'a tab used for indentation', exit: 5, files: { 'site.yml': `- hosts: all\n  tasks:\n\t- debug: { msg: hi }\n` }, msg: /YAML syntax error/, at: ['site.yml', 3, 0] },
  { name: 'NUL bytes in the playbook', exit: 5, files: { 'site.yml': Buffer.from('- hosts: all\n  tasks:\n    - debug: { msg: "a\u0000b" }\n\u0000\u0000\n') }, msg: /YAML syntax error/, at: ['site.yml', 4, 1] },
  { name: 'a playbook that is a mapping, not a list', exit: 5, files: { 'site.yml': 'hosts: all\ntasks: []\n' }, msg: /a playbook must be a list of plays/, at: ['site.yml', 1, 1] },
];
