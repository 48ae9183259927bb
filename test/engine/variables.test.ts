// Variables: the precedence ladder (table-driven), lazy templating, types, omit, magic vars, strict undefined.

import assert from 'node:assert/strict';
import { makeProject, runCli, runLib, type Project } from './helpers.js';

/** Lowest first; each case defines `v` on every level up to its own and expects its own value. */
const LEVELS = [
  'role_defaults', 'group_vars', 'host_vars', 'play_vars', 'vars_files', 'role_vars',
  'block_vars', 'task_vars', 'set_fact', 'role_params', 'extra_vars',
] as const;
type Level = (typeof LEVELS)[number];

function writeLadder(p: Project, upTo: number): Record<string, unknown> {
  const on = (l: Level) => LEVELS.indexOf(l) <= upTo;
  const v = (l: Level) => (on(l) ? `v: ${l}\n` : '');
  p.write('inventory/group_vars/all.yml', on('group_vars') ? v('group_vars') : 'unrelated: 1\n');
  p.write('inventory/host_vars/h1.yml', on('host_vars') ? v('host_vars') : 'unrelated: 1\n');
  p.write('vars/extra.yml', on('vars_files') ? v('vars_files') : 'unrelated: 1\n');
  p.write('roles/r/defaults/main.yml', on('role_defaults') ? v('role_defaults') : 'unrelated: 1\n');
  p.write('roles/r/vars/main.yml', on('role_vars') ? v('role_vars') : 'unrelated: 1\n');
  p.write('roles/r/tasks/main.yml', `- block:
${on('set_fact') ? '    - set_fact: { v: set_fact }\n' : ''}    - lineinfile: { path: "{{ root_dir }}/v.txt", line: "v={{ v }}", create: true }
${on('task_vars') ? '      vars: { v: task_vars }\n' : ''}${on('block_vars') ? '  vars: { v: block_vars }\n' : ''}`);
  p.write('site.yml', `- hosts: h1
${on('play_vars') ? '  vars: { v: play_vars }\n' : ''}  vars_files: [vars/extra.yml]
  roles:
    - role: r
${on('role_params') ? '      v: role_params\n' : ''}`);
  return on('extra_vars') ? { v: 'extra_vars' } : {};
}

describe('engine: variables', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ groups: { web: ['h1', 'h2'], db: ['h3'] }, hostVars: { h2: { color: 'blue' } } })));
  afterEach(() => p.cleanup());

  describe('precedence, lowest to highest', () => {
    for (const [i, level] of LEVELS.entries()) {
      it(`${level} wins over ${i === 0 ? 'nothing' : LEVELS[i - 1]}`, async () => {
        const extraVars = writeLadder(p, i);
        const r = await runLib(p, 'site.yml', { extraVars });
        assert.equal(r.exitCode, 0);
        assert.equal(p.read('h1', 'v.txt'), `v=${level}\n`);
      });
    }
  });

  it('lazy templating: a play var refers to a variable defined later at higher precedence', async () => {
    p.write('site.yml', `- hosts: h1
  vars:
    greeting: "hello {{ who }}"
    who: play
    url: "http://{{ host_name }}:{{ port }}/"
  tasks:
    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "{{ greeting }} {{ url }}", create: true }
`);
    p.write('inventory/host_vars/h1.yml', 'host_name: "{{ inventory_hostname }}.example"\n');
    const r = await runLib(p, 'site.yml', { extraVars: { who: 'extra', port: 9443 } });
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'hello extra http://h1.example:9443/\n');
  });

  it('a whole "{{ list_var }}" keeps its type (list for loop and set_fact, number for length)', async () => {
    p.write('site.yml', `- hosts: h1
  vars:
    ports: [8280, 8243, 9443]
  tasks:
    - set_fact: { copy_of: "{{ ports }}" }
    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "n={{ copy_of | length }} first={{ copy_of[0] + 1 }}", create: true }
    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "port={{ item }}" }
      loop: "{{ copy_of }}"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'n=3 first=8281\nport=8280\nport=8243\nport=9443\n');
  });

  for (const [extra, expected] of [[{}, 'a=1\nb=2\nnew=1\n'], [{ where: 'BOF' }, 'new=1\na=1\nb=2\n']] as const) {
    it(`omit drops an argument (${JSON.stringify(extra)})`, async () => {
      p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/f.txt", line: "new=1", insertbefore: "{{ where | default(omit) }}", mode: "{{ omit }}" }\n`);
      p.write('hosts/h1/f.txt', 'a=1\nb=2\n');
      const r = await runLib(p, 'site.yml', { extraVars: extra });
      assert.equal(r.exitCode, 0);
      assert.equal(p.read('h1', 'f.txt'), expected);
    });
  }

  it('magic vars: inventory_hostname, groups, group_names, hostvars[other], play_hosts, ansible_check_mode', async () => {
    p.write('site.yml', `- hosts: web
  tasks:
    - lineinfile:
        path: "{{ root_dir }}/magic.txt"
        create: true
        line: "{{ inventory_hostname }}|{{ group_names | join(',') }}|{{ groups['web'] | join(',') }}|{{ groups['db'] | join(',') }}|{{ hostvars['h2'].color }}|{{ play_hosts | join(',') }}|{{ ansible_check_mode }}"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'magic.txt'), 'h1|web|h1,h2|h3|blue|h1,h2|False\n');
    assert.equal(p.read('h2', 'magic.txt'), 'h2|web|h1,h2|h3|blue|h1,h2|False\n');
  });

  it('ansible_check_mode is true under --check (a when on it skips the task)', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/f.txt", line: "x", create: true }\n      when: not ansible_check_mode\n`);
    const r = await runLib(p, 'site.yml', { check: true });
    assert.equal(r.stats.h1!.skipped, 1);
    const r2 = await runLib(p, 'site.yml');
    assert.equal(r2.stats.h1!.changed, 1);
  });

  it('hostvars of another host see its registered results and set_facts', async () => {
    p.write('site.yml', `- hosts: web
  tasks:
    - set_fact: { token: "t-{{ inventory_hostname }}" }
    - lineinfile: { path: "{{ root_dir }}/peer.txt", line: "{{ hostvars['h1'].token }}", create: true }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h2', 'peer.txt'), 't-h1\n');
  });

  it('strict undefined inside a var used by a task: exit 5 names the variable and a file:line', async () => {
    p.write('site.yml', `- hosts: h1\n  vars:\n    url: "http://{{ undefined_host }}/"\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/f.txt", line: "{{ url }}", create: true }\n`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5);
    assert.match(r.err, /undefined variable 'undefined_host'/);
    assert.match(r.err, /site\.yml:3:\d+/);
  });

  it('a variable that refers to itself is a recursive loop error, not a hang', async () => {
    p.write('site.yml', `- hosts: h1\n  vars:\n    a: "{{ b }}"\n    b: "{{ a }}"\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/f.txt", line: "{{ a }}", create: true }\n`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 5);
    assert.match(r.err, /recursive loop detected in variable/);
  });

  it('vars_files with a templated name use play vars and extra vars', async () => {
    p.write('vars/prod.yml', 'v: from-prod\n');
    p.write('vars/test.yml', 'v: from-test\n');
    p.write('site.yml', `- hosts: h1\n  vars: { env: test }\n  vars_files: ["vars/{{ env }}.yml"]\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/v.txt", line: "{{ v }}", create: true }\n`);
    await runLib(p, 'site.yml', { extraVars: { env: 'prod' } });
    assert.equal(p.read('h1', 'v.txt'), 'from-prod\n');
  });
});
