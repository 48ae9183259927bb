// Static imports refuse what only dynamic includes can do, at the user's line (exit 5, nothing touched).

import assert from 'node:assert/strict';
import { makeProject, runCli, type Project } from './helpers.js';

describe('engine: import_tasks / import_role are static', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1'] })));
  afterEach(() => p.cleanup());

  for (const [what, line] of [['import_tasks: more.yml', 'loop: [1, 2]'], ['import_role: { name: r }', 'with_items: [1]']] as const) {
    it(`${what} with ${line.split(':')[0]} is an error naming include_* (as Ansible refuses it)`, async () => {
      p.write('more.yml', '- debug: { msg: x }\n');
      p.write('roles/r/tasks/main.yml', '- debug: { msg: r }\n');
      p.write('site.yml', `- hosts: all\n  tasks:\n    - ${what}\n      ${line}\n`);
      const r = await runCli(p, 'site.yml');
      assert.equal(r.code, 5);
      assert.match(r.err, /site\.yml:4:\d+.*is static and cannot loop.*use include_(tasks|role)/);
    });
  }
});

describe('engine: include_tasks / include_role built from registered results', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2'] })));
  afterEach(() => p.cleanup());

  it('a loop, a file name and a role name from a registered result pass the preflight and run (exit 0)', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - command: echo a b
      register: r
      changed_when: false
    - include_tasks: x.yml
      loop: "{{ r.stdout.split() }}"
    - include_tasks: "{{ r.stdout.split()[0] }}.yml"
    - include_role: { name: "role_{{ r.stdout.split()[1] }}" }
`);
    p.write('x.yml', '- lineinfile: { path: "{{ root_dir }}/out", line: "x {{ item }}", create: true }\n');
    p.write('a.yml', '- lineinfile: { path: "{{ root_dir }}/out", line: "file a", create: true }\n');
    p.write('roles/role_b/tasks/main.yml', '- lineinfile: { path: "{{ root_dir }}/out", line: "role b", create: true }\n');
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.out + r.err);
    for (const h of p.hosts) assert.equal(p.read(h, 'out'), 'x a\nx b\nfile a\nrole b\n');
  });

  it('facts a set_fact or include_vars builds from a registered result are left to run time by the preflight, not refused', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - command: echo x
      register: r
      changed_when: false
    - set_fact: { v: "{{ r.stdout }}" }
    - include_vars: { file: "{{ r.stdout }}.yml" }
    - lineinfile: { path: "{{ root_dir }}/out", line: "{{ v }} {{ from_file }}", create: true }
    - lineinfile: { path: "{{ root_dir }}/out", line: "typo {{ nope }}", create: true }
      when: false
`);
    p.write('x.yml', 'from_file: loaded\n');
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.out + r.err);
    for (const h of p.hosts) assert.equal(p.read(h, 'out'), 'x loaded\n');
  });
});
