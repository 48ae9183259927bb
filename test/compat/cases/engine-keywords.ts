// Templated keywords rendered per host (booleans, become_user, retries, delay, max_fail_percentage), and what a failed handler ends (any_errors_fatal, serial + max_fail_percentage).

import { play, type CompatCase } from '../case-types.js';

/** Writes "<name>\\n" to <root>/<name>. */
const touch = (f: string) => `lineinfile: { path: "{{ root_dir }}/${f}", line: "${f}", create: true }`;
const H2 = ['h1', 'h2'];
const H3 = ['h1', 'h2', 'h3'];
const FLAGS = { h1: { flag: true, word: 'yes' }, h2: { flag: false, word: 'no' } };
/** The rerun runs the handlers the failed run left notified (a deliberate difference). */
const RERUN_RUNS_LEFT_HANDLERS = (['exit', 'recap', 'files'] as const).map((aspect) => ({ aspect, phases: ['rerun'] as const, doc: 'handlers-a-failed-run-did-not-get-to-run-are-run-by-the-next-run' }));

export const ENGINE_KEYWORD_CASES: CompatCase[] = [
  {
    name: 'keywords-templated-become-per-host',
    hosts: H2,
    hostVars: FLAGS,
    files: { 'site.yml': play(`
- command: id -un
  become: "{{ flag | bool }}"
  become_user: "{{ who }}"
  vars: { who: nobody }
  register: me
  changed_when: false
- copy: { dest: "{{ root_dir }}/user", content: "{{ me.stdout }}" }
`) },
  },
  {
    name: 'keywords-templated-ignore-errors-check-mode-run-once',
    hosts: H2,
    hostVars: FLAGS,
    files: { 'site.yml': play(`
- ${touch('checked')}
  check_mode: "{{ not flag }}"
- ${touch('once')}
  run_once: "{{ word }}"
- fail: { msg: boom }
  ignore_errors: "{{ word }}"
- ${touch('after')}
`) },
  },
  {
    name: 'keywords-templated-retries-delay-max-fail',
    hosts: H2,
    // --check: the shell's effect is unknown there, so the failure after it is too (a documented difference)
    phases: ['run', 'rerun'],
    files: {
      'site.yml': `- hosts: all
  gather_facts: false
  vars: { n: 2, d: "0", mf: 0 }
  max_fail_percentage: "{{ mf }}"
  tasks:
    - shell: echo x >> "{{ root_dir }}/tries"; false
      register: r
      until: r.rc == 0
      retries: "{{ n }}"
      delay: "{{ d }}"
      ignore_errors: true
    - fail: { msg: boom }
      when: inventory_hostname == 'h1'
- hosts: all
  gather_facts: false
  tasks:
    - ${touch('second-play')}
`,
    },
  },
  {
    name: 'handlers-failed-any-errors-fatal-ends-play',
    hosts: H3,
    tolerate: RERUN_RUNS_LEFT_HANDLERS,
    files: {
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ${touch('conf')}
      notify: [restart, after]
  handlers:
    - name: restart
      command: /bin/false
      when: inventory_hostname == 'h2'
      any_errors_fatal: true
    - name: after
      ${touch('after-handler')}
  post_tasks:
    - ${touch('post')}
- hosts: all
  gather_facts: false
  tasks:
    - ${touch('second-play')}
`,
    },
  },
  {
    name: 'handlers-failed-serial-max-fail-ends-playbook',
    hosts: H3,
    tolerate: RERUN_RUNS_LEFT_HANDLERS,
    files: {
      'site.yml': `- hosts: all
  gather_facts: false
  serial: 2
  max_fail_percentage: 0
  tasks:
    - ${touch('conf')}
      notify: restart
  handlers:
    - name: restart
      command: /bin/false
      when: inventory_hostname == 'h1'
- hosts: all
  gather_facts: false
  tasks:
    - ${touch('second-play')}
`,
    },
  },
];
