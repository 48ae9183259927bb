// Failures: one host failing does not stop the others; ignore_errors, block/rescue/always, failed_when, changed_when, until.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hostResults, makeProject, runCli, runLib, type Project } from './helpers.js';

/** A task that fails on h2 only: h2 has no app.conf and create is false. */
const FAIL_ON_H2 = `lineinfile: { path: "{{ root_dir }}/{{ 'missing.conf' if inventory_hostname == 'h2' else 'app.conf' }}", line: "x=1" }`;

describe('engine: failures', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ seed: { 'app.conf': 'a=1\n' } })));
  afterEach(() => p.cleanup());

  it('a failing task on one host does not stop the others: exit 2, other hosts complete', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - name: may fail\n      ${FAIL_ON_H2}\n    - name: after\n      lineinfile: { path: "{{ root_dir }}/app.conf", line: "after=1" }\n`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 2, r.err);
    assert.match(r.out, /^fatal: \[h2\]: FAILED! => .*missing\.conf does not exist/m);
    assert.match(r.out, /^h2\s+: ok=0\s+changed=0\s+unreachable=0\s+failed=1 /m);
    for (const h of ['h1', 'h3']) {
      assert.equal(p.read(h, 'app.conf'), 'a=1\nx=1\nafter=1\n');
      assert.match(r.out, new RegExp(`^${h}\\s+: ok=2\\s+changed=2\\s+unreachable=0\\s+failed=0 `, 'm'));
    }
    assert.equal(p.read('h2', 'app.conf'), 'a=1\n', 'the failed host ran a later task');
  });

  it('ignore_errors: the failure is counted as ignored (and ok), the host goes on, exit 0', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - name: may fail\n      ${FAIL_ON_H2}\n      ignore_errors: true\n    - name: after\n      lineinfile: { path: "{{ root_dir }}/app.conf", line: "after=1" }\n`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^\.\.\.ignoring$/m);
    // as Ansible counts it: the ignored failure is also ok
    assert.match(r.out, /^h2\s+: ok=2\s+changed=1\s+unreachable=0\s+failed=0\s+skipped=0\s+rescued=0\s+ignored=1$/m);
    assert.equal(p.read('h2', 'app.conf'), 'a=1\nafter=1\n');
  });

  it('block/rescue/always: the failed host is rescued, always runs on every host, exit 0', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - block:
        - name: may fail
          ${FAIL_ON_H2}
        - name: rest of block
          lineinfile: { path: "{{ root_dir }}/app.conf", line: "block=1" }
      rescue:
        - name: rescue
          lineinfile: { path: "{{ root_dir }}/rescued.txt", line: "failed task={{ ansible_failed_task.name }}", create: true }
      always:
        - name: always
          lineinfile: { path: "{{ root_dir }}/always.txt", line: "always", create: true }
    - name: after block
      lineinfile: { path: "{{ root_dir }}/after.txt", line: "after", create: true }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.deepEqual({ ...r.stats.h2, ok: undefined }, { ok: undefined, changed: 3, unreachable: 0, failed: 0, skipped: 0, rescued: 1, ignored: 0 });
    assert.equal(r.stats.h1!.rescued, 0);
    assert.equal(p.read('h2', 'rescued.txt'), 'failed task=may fail\n');
    assert.equal(existsSync(p.file('h1', 'rescued.txt')), false);
    for (const h of p.hosts) {
      assert.equal(p.read(h, 'always.txt'), 'always\n');
      assert.equal(p.read(h, 'after.txt'), 'after\n');
    }
    assert.equal(p.read('h2', 'app.conf'), 'a=1\n');
  });

  it('block/always without rescue: always runs on the failed host too, which then stops (exit 2)', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - block:
        - name: may fail
          ${FAIL_ON_H2}
      always:
        - name: always
          lineinfile: { path: "{{ root_dir }}/always.txt", line: "always", create: true }
    - name: after block
      lineinfile: { path: "{{ root_dir }}/after.txt", line: "after", create: true }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.equal(r.stats.h2!.failed, 1);
    for (const h of p.hosts) assert.equal(p.read(h, 'always.txt'), 'always\n');
    assert.equal(existsSync(p.file('h2', 'after.txt')), false);
    assert.equal(p.read('h1', 'after.txt'), 'after\n');
  });

  it('a failure inside rescue leaves the host failed (rescued and failed both counted)', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - block:
        - lineinfile: { path: "{{ root_dir }}/none.conf", line: "x" }
      rescue:
        - lineinfile: { path: "{{ root_dir }}/none2.conf", line: "x" }
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.equal(r.stats.h1!.rescued, 1);
    assert.equal(r.stats.h1!.failed, 1);
  });

  const conditionCases: { name: string; keys: string; status: string; exit: number; file: string }[] = [
    { name: 'failed_when on a registered result fails a changed task', keys: 'register: r\n      failed_when: r.changed', status: 'failed', exit: 2, file: 'a=1\nx=1\n' },
    { name: 'failed_when false keeps a changed task changed', keys: 'register: r\n      failed_when: false', status: 'changed', exit: 0, file: 'a=1\nx=1\n' },
    { name: 'changed_when false reports ok although the file changed', keys: 'register: r\n      changed_when: false', status: 'ok', exit: 0, file: 'a=1\nx=1\n' },
    { name: 'changed_when on the registered result', keys: "register: r\n      changed_when: \"'x=1' in r.diff_text | default('x=1')\"", status: 'changed', exit: 0, file: 'a=1\nx=1\n' },
  ];
  for (const c of conditionCases) {
    it(c.name, async () => {
      p.write('site.yml', `- hosts: h1\n  tasks:\n    - name: t\n      lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }\n      ${c.keys}\n`);
      const r = await runLib(p, 'site.yml');
      assert.equal(r.exitCode, c.exit);
      assert.deepEqual(hostResults(r.events).map((e) => e.status), [c.status]);
      assert.equal(p.read('h1', 'app.conf'), c.file);
    });
  }

  it('failed_when can fail a task that would have failed anyway only when the condition holds (registered rc of a failure)', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - name: t\n      ${FAIL_ON_H2}\n      register: r\n      failed_when: r.failed and inventory_hostname != 'h2'\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(r.stats.h2!.failed, 0);
  });

  it('until/retries with delay 0: retries until the registered result satisfies the condition', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - name: converge
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      register: r
      until: r is not changed
      retries: 3
      delay: 0
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    const progress = r.events.filter((e) => e.type === 'progress');
    assert.equal(progress.length, 1, 'one retry expected');
    assert.equal(p.read('h1', 'app.conf'), 'a=1\nx=1\n');
  });

  it('until never true: the task fails after the given attempts', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - name: never
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      register: r
      until: r.msg == 'never'
      retries: 3
      delay: 0
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    const [res] = hostResults(r.events);
    assert.equal(res!.status, 'failed');
    // like Ansible: retries 3 = 4 attempts (3 retries), and the result then says attempts: 3
    assert.equal(res!.result.attempts, 3);
    assert.equal(r.events.filter((e) => e.type === 'progress').length, 3);
  });

  it('a failing loop item fails the task but the other items run', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - name: items
      lineinfile: { path: "{{ root_dir }}/{{ item }}", line: "x=1" }
      loop: [app.conf, missing.conf]
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    const [res] = hostResults(r.events);
    const items = res!.result.results as { _status: string }[];
    assert.deepEqual(items.map((i) => i._status), ['changed', 'failed']);
    assert.equal(p.read('h1', 'app.conf'), 'a=1\nx=1\n');
  });
});
