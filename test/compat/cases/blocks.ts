// Blocks: rescue (counted rescued), always, nested blocks, block-level when/vars, ansible_failed_result, failing in always.

import { play, type CompatCase } from '../case-types.js';

const touch = (f: string) => `copy: { dest: "{{ root_dir }}/${f}", content: "${f}\\n" }`;

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
    - copy: { dest: "{{ root_dir }}/rescued", content: "{{ ansible_failed_result.rc }}\\n" }
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
    - copy: { dest: "{{ root_dir }}/a", content: "{{ v }}\\n" }
    - copy: { dest: "{{ root_dir }}/b", content: "{{ v }}-{{ w }}\\n" }
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
