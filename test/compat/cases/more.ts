// More everyday idioms: extra vars forms, serial with failures, check_mode on tasks, registered skips, loops with errors, file module details.

import { play, type CompatCase } from '../case-types.js';

/** Writes "<name>\\n" to <root>/<name> (lineinfile: one module run in Ansible, where copy takes two or three). */
const touch = (f: string) => `lineinfile: { path: "{{ root_dir }}/${f}", line: "${f}", create: true }`;

export const MORE_CASES: CompatCase[] = [
  {
    name: 'extra-vars-json-and-file',
    args: ['-e', '{"port": 8443, "names": ["a", "b"]}', '-e', '@<CASE>/extra.yml'],
    files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/v", content: "{{ port }} {{ names | join(\'+\') }} {{ from_file }}\\n" }'), 'extra.yml': 'from_file: yes-it-is\n' },
  },
  {
    name: 'serial-batches-with-max-fail',
    hosts: ['h1', 'h2', 'h3', 'h4'],
    files: { 'site.yml': play(`- fail: { msg: boom }\n  when: inventory_hostname == 'h3'\n- ${touch('after')}`, '  serial: 2\n  max_fail_percentage: 49\n') },
  },
  {
    name: 'any-errors-fatal-with-serial',
    hosts: ['h1', 'h2', 'h3', 'h4'],
    files: { 'site.yml': play(`- fail: { msg: boom }\n  when: inventory_hostname == 'h1'\n- ${touch('after')}`, '  serial: 2\n  any_errors_fatal: true\n') },
  },
  {
    name: 'check-mode-true-on-a-task-in-a-run',
    files: { 'site.yml': play(`- ${touch('predicted')}\n  check_mode: true\n  register: r\n- lineinfile: { path: "{{ root_dir }}/r", line: "changed={{ r.changed }}", create: true }`) },
  },
  {
    name: 'register-of-a-skipped-task',
    files: { 'site.yml': play(`- command: echo hi\n  when: false\n  register: r\n- lineinfile: { path: "{{ root_dir }}/r", line: "{{ r is skipped }} {{ r.changed }} {{ r.stdout | default('no-stdout') }}", create: true }`) },
  },
  {
    name: 'loop-with-ignore-errors-and-failed-item',
    files: { 'site.yml': play(`- command: "test {{ item }} -ne 2"\n  loop: [1, 2, 3]\n  ignore_errors: true\n  register: r\n- lineinfile: { path: "{{ root_dir }}/r", line: "{{ r.results | map(attribute='rc') | join(',') }} {{ r is failed }}", create: true }`) },
  },
  {
    name: 'loop-changed-when-and-failed-when-per-item',
    files: { 'site.yml': play(`- shell: "echo {{ item }}"\n  loop: [ok, changed, ok]\n  register: r\n  changed_when: "'changed' in r.stdout"\n  failed_when: "'bad' in r.stdout"\n- lineinfile: { path: "{{ root_dir }}/r", line: "changed={{ r.changed }}", create: true }`) },
  },
  {
    name: 'run-once-with-delegate-to',
    hosts: ['h1', 'h2', 'h3'],
    files: { 'site.yml': play(`- copy: { dest: "{{ hostvars['h2'].root_dir }}/from-run-once", content: "{{ inventory_hostname }}\\n" }\n  run_once: true\n  delegate_to: h2`) },
  },
  {
    name: 'hostvars-across-serial-batches',
    hosts: ['h1', 'h2'],
    hostVars: { h1: { ip: '10.0.0.1' }, h2: { ip: '10.0.0.2' } },
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/peers", line: "{{ groups['all'] | map('extract', hostvars, 'ip') | join(' ') }}", create: true }`, '  serial: 1\n') },
  },
  {
    name: 'copy-directory-with-and-without-slash',
    files: { 'site.yml': play('- copy: { src: tree, dest: "{{ root_dir }}/a/" }\n- copy: { src: tree/, dest: "{{ root_dir }}/b/" }'), 'files/tree/one.txt': '1\n', 'files/tree/sub/two.txt': '2\n' },
  },
  {
    name: 'copy-force-no-keeps-existing',
    seed: { keep: 'original\n' },
    files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/keep", content: "new\\n", force: false }\n- copy: { dest: "{{ root_dir }}/fresh", content: "new\\n", force: false }') },
  },
  {
    name: 'blockinfile-marker-and-insert',
    seed: { conf: 'first\n# end\n' },
    files: { 'site.yml': play('- blockinfile: { path: "{{ root_dir }}/conf", block: "a=1\\nb=2", insertbefore: "^# end" }\n- blockinfile: { path: "{{ root_dir }}/conf", marker: "<!-- {mark} x -->", block: "x" }') },
  },
  {
    name: 'lineinfile-absent-backrefs-and-insertbefore',
    seed: { conf: 'keep=1\ndrop=1\nport = 80\n[section]\n' },
    files: { 'site.yml': play('- lineinfile: { path: "{{ root_dir }}/conf", regexp: "^drop", state: absent }\n- lineinfile: { path: "{{ root_dir }}/conf", regexp: "^port = (\\\\d+)", line: "port = \\\\g<1>0", backrefs: true }\n- lineinfile: { path: "{{ root_dir }}/conf", line: "top=1", insertbefore: BOF }\n- lineinfile: { path: "{{ root_dir }}/conf", line: "in=1", insertafter: "^\\\\[section\\\\]" }') },
  },
  {
    name: 'file-octal-modes',
    seed: { a: 'a\n', b: 'b\n' },
    files: { 'site.yml': play('- file: { path: "{{ root_dir }}/a", mode: "0640" }\n- file: { path: "{{ root_dir }}/b", mode: 0600 }\n- copy: { dest: "{{ root_dir }}/c", content: "c\\n", mode: "755" }') },
  },
  {
    name: 'file-symbolic-modes',
    seed: { a: 'a\n', c: 'c\n', 'd/x': 'x\n', 'd/sub/y': 'y\n' },
    files: { 'site.yml': play('- file: { path: "{{ root_dir }}/a", mode: "u=rw,g=r,o=" }\n- file: { path: "{{ root_dir }}/c", mode: "u+x,g-r" }\n- file: { path: "{{ root_dir }}/d", state: directory, recurse: true, mode: "u=rwX,g=rX,o=" }') },
  },
  {
    name: 'file-directory-recurse-mode',
    seed: { 'd/x': 'x\n', 'd/sub/y': 'y\n' },
    files: { 'site.yml': play('- file: { path: "{{ root_dir }}/d", state: directory, recurse: true, mode: "0750" }') },
  },
  {
    name: 'lone-expression-with-newline-literal-eval',
    files: { 'site.yml': play('- lineinfile: { path: "{{ root_dir }}/b", line: "{{ flag }}", create: true }\n- lineinfile: { path: "{{ root_dir }}/n", line: "{{ port }}", create: true }\n- lineinfile: { path: "{{ root_dir }}/l", line: "{{ ports }}", create: true }', '  vars: { flag: true, port: 80, ports: [1, 2] }\n') },
  },
  {
    name: 'include-tasks-apply-passes-tags-and-become-keywords',
    args: ['--tags', 'conf'],
    files: { 'site.yml': play('- include_tasks: { file: more.yml, apply: { tags: [conf] } }\n  tags: [conf]'), 'more.yml': `- ${touch('applied')}\n` },
  },
  {
    name: 'hosts-pattern-from-extra-vars-and-play-vars',
    hosts: ['h1', 'h2', 'h3'],
    args: ['-e', 'target=h2'],
    files: { 'site.yml': `- hosts: "{{ target | default('all') }}"\n  gather_facts: false\n  tasks:\n    - ${touch('x')}\n- hosts: "{{ other }}"\n  gather_facts: false\n  vars: { other: h3 }\n  tasks:\n    - ${touch('y')}\n` },
  },
  {
    name: 'until-in-a-loop',
    files: { 'site.yml': play(`- shell: 'echo {{ item }}'\n  loop: [a, b]\n  register: r\n  until: r.stdout == item\n  retries: 2\n  delay: 0\n- lineinfile: { path: "{{ root_dir }}/r", line: "{{ r.results | map(attribute='attempts') | join(',') }}", create: true }`) },
  },
  {
    name: 'handler-with-when-and-notify-from-loop-items',
    hosts: ['h1', 'h2'],
    files: { 'site.yml': play(`- lineinfile: { path: "{{ root_dir }}/c", line: "{{ item }}", create: true }\n  loop: [a, b]\n  notify: h`) + `  handlers:\n    - name: h\n      ${touch('handled')}\n      when: inventory_hostname == 'h2'\n` },
  },
  {
    name: 'template-lookup-file-and-env',
    files: { 'site.yml': play('- copy: { dest: "{{ root_dir }}/l", content: "{{ lookup(\'file\', \'motd.txt\') }}|{{ lookup(\'env\', \'LANG\') }}\\n" }'), 'files/motd.txt': 'welcome\n' },
  },
  {
    name: 'copy-content-list-mapping-and-scalars',
    files: {
      'site.yml': play(
        '- copy: { dest: "{{ root_dir }}/l", content: [1, "a", true, null, 2.5] }\n- copy: { dest: "{{ root_dir }}/d", content: { b: 1, a: [x], "\u00e9": "\u00fc" } }\n- copy: { dest: "{{ root_dir }}/v", content: "{{ conf }}" }\n- copy: { dest: "{{ root_dir }}/t", content: true }\n- copy: { dest: "{{ root_dir }}/n", content: 5 }',
        '  vars: { conf: { k: [1, 2], s: "x" } }\n',
      ),
    },
  },
];
