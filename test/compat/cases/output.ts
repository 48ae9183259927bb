// What a run prints that users read: debug msg/var at verbosity 0 (lists, mappings, loops, undefined), debug verbosity, fail/assert.

import { play, type CompatCase } from '../case-types.js';

export const OUTPUT_CASES: CompatCase[] = [
  {
    name: 'debug-msg-and-var',
    files: { 'site.yml': play(`
- debug: { msg: "hello {{ inventory_hostname }}" }
- debug: { var: port }
- debug: { var: ports }
- debug: { var: conf }
- debug: { var: conf.name }
- debug: { var: missing }
- debug:
- debug: msg="k=v form"
`, '  vars: { port: 80, ports: [80, 443], conf: { name: web, on: true } }\n') },
  },
  {
    name: 'debug-msg-types',
    files: { 'site.yml': play(`
- debug: { msg: [a, 1, true] }
- debug: { msg: { k: v, n: 2 } }
- debug: { msg: "{{ ports }}" }
- debug: { msg: 3 }
`, '  vars: { ports: [80, 443] }\n') },
  },
  {
    name: 'debug-msg-lone-expression-type',
    files: { 'site.yml': play('- debug: { msg: "{{ ports | length }}" }\n- debug: { msg: "{{ ports }}" }\n- debug: { msg: "{{ 1 == 1 }}" }', '  vars: { ports: [80, 443] }\n') },
  },
  {
    name: 'debug-in-a-loop',
    files: { 'site.yml': play('- debug: { msg: "item {{ item }}" }\n  loop: [a, b]\n- debug: { var: item }\n  loop: [1, 2]') },
  },
  {
    name: 'debug-verbosity-skips-at-v0',
    files: { 'site.yml': play('- debug: { msg: hidden, verbosity: 1 }\n- debug: { msg: shown }') },
  },
  {
    name: 'debug-registered-result',
    // --check: the command does not run, so what is printed from its output is reported unknown
    tolerate: [{ aspect: 'debug', phases: ['check'], doc: '--check-predicts-from-the-state-earlier-tasks-would-leave' }],
    files: { 'site.yml': play('- command: echo out\n  register: r\n  changed_when: false\n- debug: { var: r.stdout_lines }\n- debug: { msg: "{{ r.rc }} {{ r.stdout }}" }') },
  },
  {
    name: 'fail-and-assert',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`
- assert: { that: ["inventory_hostname is string", "1 < 2"] }
- assert: { that: "inventory_hostname == 'h1'", fail_msg: "not h1" }
- debug: { msg: after-assert }
- fail: { msg: "stop {{ inventory_hostname }}" }
  when: inventory_hostname == 'h1'
- debug: { msg: never }
`) },
  },
];
