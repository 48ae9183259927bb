// Blocks: rescue (counted rescued), always, nested blocks, block-level when/vars, ansible_failed_result, failing in always.

import { play, type CompatCase } from '../case-types.js';

/** Writes "<name>\\n" to <root>/<name> (lineinfile: one module run in Ansible, where copy takes two or three). */
const touch = (f: string) => `lineinfile: { path: "{{ root_dir }}/${f}", line: "${f}", create: true }`;

export const BLOCK_CASES: CompatCase[] = [
  {
    name: 'block-rescue-always',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`
- block:
    - ${touch('in-block')}
    - command: /bin/false
      when: inventory_hostname == 'h1'
    - ${touch('after-failure')}
  rescue:
    - lineinfile: { path: "{{ root_dir }}/rescued", line: "{{ ansible_failed_result.rc }}", create: true }
  always:
    - ${touch('always')}
- ${touch('after-block')}
`) },
  },
  {
    name: 'block-always-without-rescue-keeps-failure',
    files: { 'site.yml': play(`
- block:
    - command: /bin/false
  always:
    - ${touch('always')}
- ${touch('never')}
`) },
  },
  {
    name: 'block-failure-in-rescue',
    files: { 'site.yml': play(`
- block:
    - command: /bin/false
  rescue:
    - ${touch('rescue-start')}
    - command: /bin/false
  always:
    - ${touch('always')}
`) },
  },
  {
    name: 'block-when-and-vars-apply-to-tasks',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`
- block:
    - lineinfile: { path: "{{ root_dir }}/a", line: "{{ v }}", create: true }
    - lineinfile: { path: "{{ root_dir }}/b", line: "{{ v }}-{{ w }}", create: true }
      vars: { w: task }
  when: inventory_hostname == 'h1'
  vars: { v: block }
`) },
  },
  {
    name: 'block-nested-rescue',
    files: { 'site.yml': play(`
- block:
    - block:
        - command: /bin/false
      rescue:
        - ${touch('inner-rescue')}
    - ${touch('outer-continues')}
  rescue:
    - ${touch('outer-rescue')}
`) },
  },
  {
    name: 'block-ignore-errors-on-block',
    files: { 'site.yml': play(`
- block:
    - command: /bin/false
    - ${touch('next')}
  ignore_errors: true
`) },
  },
  {
    name: 'block-rescue-with-any-errors-fatal',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`
- block:
    - command: /bin/false
      when: inventory_hostname == 'h1'
  rescue:
    - ${touch('rescued')}
- ${touch('after')}
`, '  any_errors_fatal: true\n') },
  },
];
