// Edge cases of the executor: per-batch handlers, include loops, end_host, check_mode overrides, no_log, role when/tags.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { makeProject, runCli, runLib, type Project } from './helpers.js';

describe('engine: edge cases', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2', 'h3', 'h4'], seed: { 'app.conf': 'a=1\n' } })));
  afterEach(() => p.cleanup());

  it('with serial, handlers run at the end of each batch', async () => {
    p.write('site.yml', `- hosts: all
  serial: 2
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: h
  handlers:
    - name: h
      shell: echo "handler {{ inventory_hostname }}" >> "${p.dir}/order.log"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    const lines = readFileSync(`${p.dir}/order.log`, 'utf8').trim().split('\n');
    assert.deepEqual(lines.slice(0, 2).sort(), ['handler h1', 'handler h2']);
    assert.deepEqual(lines.slice(2).sort(), ['handler h3', 'handler h4']);
  });

  it('include_tasks in a loop passes each item to the included file', async () => {
    p.write('tasks/one.yml', `- lineinfile: { path: "{{ root_dir }}/out.txt", line: "got {{ item }}", create: true }\n`);
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - include_tasks: tasks/one.yml\n      loop: [a, b]\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'got a\ngot b\n');
  });

  it('meta: end_host stops only that host, without failing it', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - meta: end_host\n      when: inventory_hostname == 'h2'\n    - lineinfile: { path: "{{ root_dir }}/after.txt", line: "x", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 'after.txt'))), ['h1', 'h3', 'h4']);
  });

  it('check_mode: false on a task makes it really run under --check; check_mode: true keeps it predicted in a run', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/forced.txt", line: "x", create: true }\n      check_mode: false\n    - lineinfile: { path: "{{ root_dir }}/predicted.txt", line: "x", create: true }\n      check_mode: true\n`);
    await runLib(p, 'site.yml', { check: true });
    assert.equal(existsSync(p.file('h1', 'forced.txt')), true);
    await runLib(p, 'site.yml');
    assert.equal(existsSync(p.file('h1', 'predicted.txt')), false);
  });

  it('--check: commands are not run, reported as would-run', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - shell: echo ran > "{{ root_dir }}/ran.txt"\n`);
    const r = await runCli(p, 'site.yml', '--check');
    assert.equal(r.code, 0, r.err);
    assert.equal(existsSync(p.file('h1', 'ran.txt')), false);
  });

  it('no_log hides a task\'s values from the output', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - debug: { msg: "private-value-123" }\n      no_log: true\n    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "private-line-456" }\n      no_log: true\n`);
    const r = await runCli(p, 'site.yml', '-vv', '--diff');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.includes('private-value-123'), false, r.out);
    assert.equal(r.out.includes('private-line-456'), false, r.out);
    assert.equal(p.read('h1', 'app.conf'), 'a=1\nprivate-line-456\n');
  });

  it('a role entry with when and tags applies them to every role task', async () => {
    p.write('roles/r/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/r.txt", line: "r", create: true }\n`);
    p.write('site.yml', `- hosts: all\n  roles:\n    - role: r\n      when: inventory_hostname in ['h1', 'h3']\n      tags: [rtag]\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/t.txt", line: "t", create: true }\n`);
    await runCli(p, 'site.yml', '--tags', 'rtag');
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 'r.txt'))), ['h1', 'h3']);
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 't.txt'))), []);
  });

  it('a rescued failure does not trigger any_errors_fatal', async () => {
    p.write('site.yml', `- hosts: all\n  any_errors_fatal: true\n  tasks:\n    - block:\n        - fail: { msg: x }\n          when: inventory_hostname == 'h1'\n      rescue:\n        - debug: { msg: rescued }\n    - lineinfile: { path: "{{ root_dir }}/after.txt", line: "x", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.hosts.every((h) => existsSync(p.file(h, 'after.txt'))), true);
  });

  it('a second play runs only on the hosts that did not fail in the first', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - fail: { msg: x }\n      when: inventory_hostname == 'h4'\n- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/p2.txt", line: "x", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 'p2.txt'))), ['h1', 'h2', 'h3']);
  });

  it('--forks 1 still runs every host', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/f.txt", line: "x", create: true }\n`);
    const r = await runCli(p, 'site.yml', '--forks', '1');
    assert.equal(r.code, 0);
    assert.equal(p.hosts.every((h) => existsSync(p.file(h, 'f.txt'))), true);
    assert.equal((await runCli(p, 'site.yml', '--forks', '0')).code, 5);
  });

  it('register on a skipped task gives a result with skipped: true', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/x", line: "x" }\n      when: false\n      register: r\n    - lineinfile: { path: "{{ root_dir }}/out.txt", line: "skipped={{ r.skipped }} changed={{ r.changed }}", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(p.read('h1', 'out.txt'), 'skipped=True changed=False\n'); // Python's str(), as Ansible prints booleans
  });
});

describe('engine: meta end_host across plays', () => {
  let p: Project;
  beforeEach(() => (p = makeProject()));
  afterEach(() => p.cleanup());

  it('a host ended with meta: end_host still runs the next play', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - meta: end_host\n      when: inventory_hostname == 'h2'\n- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/p2.txt", line: "x", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 'p2.txt'))), ['h1', 'h2', 'h3']);
  });
});

describe('engine: meta end_host is not a failure', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ hosts: ['h1', 'h2', 'h3', 'h4'] })));
  afterEach(() => p.cleanup());

  it('ending every host of a serial batch still runs the next batch, and max_fail_percentage ignores ended hosts', async () => {
    p.write('site.yml', `- hosts: all\n  serial: 2\n  max_fail_percentage: 0\n  tasks:\n    - meta: end_host\n      when: inventory_hostname in ['h1', 'h2', 'h3']\n    - lineinfile: { path: "{{ root_dir }}/after.txt", line: "x", create: true }\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.deepEqual(p.hosts.filter((h) => existsSync(p.file(h, 'after.txt'))), ['h4']);
    assert.equal(r.events.some((e) => e.type === 'play_aborted'), false);
  });
});
