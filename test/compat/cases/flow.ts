// Flow: when, serial, max_fail_percentage, any_errors_fatal, run_once, delegate_to, until/retries, ignore_errors, failed_when/changed_when, meta.

import { play, type CompatCase } from '../case-types.js';

/** Writes "<name>\\n" to <root>/<name> (lineinfile: one module run in Ansible, where copy takes two or three). */
const touch = (f: string) => `lineinfile: { path: "{{ root_dir }}/${f}", line: "${f}", create: true }`;
const H2 = ['h1', 'h2'];
const H3 = ['h1', 'h2', 'h3'];

export const FLOW_CASES: CompatCase[] = [
  {
    name: 'when-forms',
    hosts: H2,
    hostVars: { h1: { flag: true, n: 3, s: 'yes' }, h2: { flag: false, n: 1, s: 'no' } },
    files: { 'site.yml': play(`
- ${touch('bool')}
  when: flag
- ${touch('cmp')}
  when: n > 2
- ${touch('str')}
  when: s == 'yes'
- ${touch('list-and')}
  when: [flag, n > 2]
- ${touch('bool-string')}
  when: s | bool
- ${touch('in')}
  when: inventory_hostname in ['h2']
`) },
  },
  {
    name: 'when-on-registered-rc',
    hosts: H2,
    files: { 'site.yml': play(`
- shell: "test {{ inventory_hostname }} = h1"
  register: r
  failed_when: false
  changed_when: false
- ${touch('yes')}
  when: r.rc == 0
- ${touch('no')}
  when: r is failed or r.rc != 0
`) },
  },
  {
    name: 'serial-one-batches-in-order',
    hosts: H3,
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/batch", line: "{{ ansible_play_batch | join(',') }} of {{ ansible_play_hosts_all | length }}", create: true }\n- ${touch('done')}`, '  serial: 1\n') },
  },
  {
    name: 'serial-list-and-percent',
    hosts: ['h1', 'h2', 'h3', 'h4'],
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/batch", line: "{{ ansible_play_batch | join(',') }}", create: true }`, '  serial: [1, "50%"]\n') },
  },
  {
    name: 'max-fail-percentage-ends-the-playbook',
    hosts: H3,
    files: {
      'site.yml': `- hosts: all
  gather_facts: false
  max_fail_percentage: 30
  tasks:
    - fail: { msg: boom }
      when: inventory_hostname == 'h1'
    - ${touch('after')}
- hosts: all
  gather_facts: false
  tasks:
    - ${touch('second-play')}
`,
    },
  },
  {
    name: 'max-fail-percentage-not-exceeded',
    hosts: H3,
    files: { 'site.yml': play(`- fail: { msg: boom }\n  when: inventory_hostname == 'h1'\n- ${touch('after')}`, '  max_fail_percentage: 34\n') },
  },
  {
    name: 'any-errors-fatal-play',
    hosts: H3,
    files: {
      'site.yml': `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - fail: { msg: boom }
      when: inventory_hostname == 'h2'
    - ${touch('after')}
- hosts: all
  gather_facts: false
  tasks:
    - ${touch('second-play')}
`,
    },
  },
  {
    name: 'any-errors-fatal-task',
    hosts: H3,
    files: { 'site.yml': play(`- fail: { msg: boom }\n  when: inventory_hostname == 'h2'\n  any_errors_fatal: true\n- ${touch('after')}`) },
  },
  {
    name: 'failed-host-stops-but-others-go-on',
    hosts: H3,
    files: { 'site.yml': play(`- ${touch('a')}\n- command: /bin/false\n  when: inventory_hostname == 'h1'\n- ${touch('b')}`) },
  },
  {
    name: 'run-once-register-seen-by-all',
    hosts: H3,
    files: { 'site.yml': play(`
- command: echo "{{ inventory_hostname }}"
  run_once: true
  register: r
  changed_when: false
- lineinfile: { path: "{{ root_dir }}/who", line: "{{ r.stdout }}", create: true }
`) },
  },
  {
    name: 'run-once-set-fact-on-every-host',
    hosts: H3,
    files: { 'site.yml': play(`
- set_fact: { leader: "{{ inventory_hostname }}" }
  run_once: true
- lineinfile: { path: "{{ root_dir }}/leader", line: "{{ leader }}", create: true }
`) },
  },
  {
    name: 'delegate-to-localhost-with-host-vars',
    hosts: H2,
    hostVars: { h1: { v: 'one' }, h2: { v: 'two' } },
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/d", line: "{{ inventory_hostname }} {{ v }}", create: true }\n  delegate_to: localhost`) },
  },
  {
    name: 'delegate-to-another-inventory-host',
    hosts: H2,
    files: { 'site.yml': play(`- shell: 'echo {{ inventory_hostname }} > {{ root_dir }}/from-{{ inventory_hostname }}'\n  delegate_to: h1\n  when: inventory_hostname == 'h2'`) },
  },
  {
    name: 'until-retries-attempts',
    files: { 'site.yml': play(`
- shell: 'n=$(cat {{ root_dir }}/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > {{ root_dir }}/n; echo $n'
  register: r
  until: r.stdout | int >= 3
  retries: 5
  delay: 0
- lineinfile: { path: "{{ root_dir }}/attempts", line: "{{ r.attempts }}", create: true }
`) },
  },
  {
    name: 'until-never-true-fails-after-n-plus-one',
    hosts: ['h1'],
    files: { 'site.yml': play(`
- shell: 'echo x >> {{ root_dir }}/tries'
  register: r
  until: false
  retries: 2
  delay: 0
`) },
  },
  {
    name: 'ignore-errors-recap',
    files: { 'site.yml': play(`- command: /bin/false\n  ignore_errors: true\n- ${touch('after')}\n- shell: exit 3\n  ignore_errors: yes\n  register: r\n- lineinfile: { path: "{{ root_dir }}/rc", line: "{{ r.rc }} {{ r is failed }}", create: true }`) },
  },
  {
    name: 'failed-when-and-changed-when',
    hosts: H2,
    files: { 'site.yml': play(`
- command: echo hello
  register: r
  changed_when: "'hello' in r.stdout"
- command: echo WARN
  register: w
  failed_when: "'ERROR' in w.stdout"
  changed_when: false
- command: echo ERROR
  register: e
  failed_when: "'ERROR' in e.stdout"
  when: inventory_hostname == 'h2'
- ${touch('after')}
`) },
  },
  {
    name: 'meta-end-play',
    files: { 'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - ${touch('a')}\n    - meta: end_play\n    - ${touch('b')}\n- hosts: all\n  gather_facts: false\n  tasks:\n    - ${touch('c')}\n` },
  },
  {
    name: 'meta-end-host',
    hosts: H2,
    files: { 'site.yml': play(`- ${touch('a')}\n- meta: end_host\n  when: inventory_hostname == 'h1'\n- ${touch('b')}`) },
  },
  {
    name: 'limit-restricts-hosts',
    hosts: H3,
    args: ['-l', 'h1,h3'],
    files: { 'site.yml': play(`- ${touch('x')}`) },
  },
  {
    name: 'hosts-pattern-union-intersection-exclusion',
    hosts: ['h1', 'h2', 'h3', 'h4'],
    groups: { web: ['h1', 'h2', 'h3'], prod: ['h2', 'h3', 'h4'] },
    files: { 'site.yml': `- hosts: "web:&prod:!h3"\n  gather_facts: false\n  tasks:\n    - ${touch('x')}\n- hosts: "web[0]:h4"\n  gather_facts: false\n  tasks:\n    - ${touch('y')}\n` },
  },
  {
    name: 'play-environment-and-task-environment',
    files: { 'site.yml': play(`- shell: 'echo "$APP_MODE $APP_NAME" > {{ root_dir }}/env'\n  environment: { APP_NAME: task }`, '  environment: { APP_MODE: play, APP_NAME: play }\n') },
  },
  {
    name: 'play-connection-local-keyword',
    connectionVar: false,
    files: { 'site.yml': play(`- ${touch('x')}`, '  connection: local\n') },
  },
];
