// Handlers: once per play in definition order on notifying hosts, listen topics, flush_handlers, force_handlers.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hostResults, makeProject, runCli, runLib, type Project } from './helpers.js';

const HANDLERS = `  handlers:
    - name: handler a
      shell: echo a >> "{{ root_dir }}/handlers.log"
    - name: handler b
      shell: echo b >> "{{ root_dir }}/handlers.log"
    - name: web restart
      listen: restart stack
      shell: echo web >> "{{ root_dir }}/handlers.log"
    - name: db restart
      listen: [restart stack, restart db]
      shell: echo db >> "{{ root_dir }}/handlers.log"
`;

const log = (p: Project, h: string) => (existsSync(p.file(h, 'handlers.log')) ? p.read(h, 'handlers.log') : '');

describe('engine: handlers', () => {
  let p: Project;
  beforeEach(() => (p = makeProject({ seed: { 'app.conf': 'a=1\n' } })));
  afterEach(() => p.cleanup());

  it('run once at the end of the play, in definition order, only on the hosts that notified', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - name: first change
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      when: inventory_hostname != 'h3'
      notify: [handler b, handler a]
    - name: second change
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "y=1" }
      when: inventory_hostname != 'h3'
      notify: handler b
    - name: marker after the tasks
      shell: echo tasks-done >> "{{ root_dir }}/handlers.log"
${HANDLERS}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    for (const h of ['h1', 'h2']) assert.equal(log(p, h), 'tasks-done\na\nb\n');
    assert.equal(log(p, 'h3'), 'tasks-done\n');
    const handlerRuns = hostResults(r.events).filter((e) => e.task.handler).map((e) => `${e.task.name}@${e.host}`).sort();
    assert.deepEqual(handlerRuns, ['handler a@h1', 'handler a@h2', 'handler b@h1', 'handler b@h2']);
  });

  it('an unchanged task does not notify: the second run fires no handler', async () => {
    p.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }\n      notify: handler a\n${HANDLERS}`);
    await runLib(p, 'site.yml');
    const r2 = await runLib(p, 'site.yml');
    assert.equal(hostResults(r2.events).filter((e) => e.task.handler).length, 0);
    for (const h of p.hosts) assert.equal(log(p, h), 'a\n');
  });

  it('listen topics: one notify runs every handler listening, in definition order', async () => {
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }\n      notify: restart stack\n    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "y=1" }\n      notify: restart db\n${HANDLERS}`);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0, r.err);
    assert.equal(log(p, 'h1'), 'web\ndb\n');
    assert.match(r.out, /RUNNING HANDLER \[web restart\]/);
    assert.match(r.out, /RUNNING HANDLER \[db restart\]/);
  });

  it('meta: flush_handlers runs the notified handlers mid-play, and they run again if notified again', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: handler a
    - meta: flush_handlers
    - shell: echo middle >> "{{ root_dir }}/handlers.log"
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "y=1" }
      notify: handler a
${HANDLERS}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'a\nmiddle\na\n');
  });

  it('handlers of a failed host do not run; the other hosts still run theirs', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: handler a
    - name: fail h2
      fail: { msg: boom }
      when: inventory_hostname == 'h2'
${HANDLERS}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 2);
    assert.equal(log(p, 'h1'), 'a\n');
    assert.equal(log(p, 'h2'), '');
    assert.equal(log(p, 'h3'), 'a\n');
  });

  for (const how of ['--force-handlers', 'force_handlers: true']) {
    it(`${how}: the failed host's notified handlers run too`, async () => {
      const head = how.startsWith('--') ? '- hosts: all\n' : '- hosts: all\n  force_handlers: true\n';
      p.write('site.yml', `${head}  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: handler a
    - name: fail h2
      fail: { msg: boom }
      when: inventory_hostname == 'h2'
${HANDLERS}`);
      const r = await runCli(p, 'site.yml', ...(how.startsWith('--') ? [how] : []));
      assert.equal(r.code, 2, r.err);
      for (const h of p.hosts) assert.equal(log(p, h), 'a\n', h);
    });
  }

  it('role handlers are notified by role tasks and run at the end of the play', async () => {
    p.write('roles/web/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/app.conf", line: "web=1" }\n  notify: reload web\n`);
    p.write('roles/web/handlers/main.yml', `- name: reload web\n  shell: echo reload >> "{{ root_dir }}/handlers.log"\n`);
    p.write('site.yml', `- hosts: h1\n  roles: [web]\n  tasks:\n    - shell: echo task >> "{{ root_dir }}/handlers.log"\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'task\nreload\n');
  });

  it('one notify of a topic runs EVERY handler listening on it, in definition order, once per host', async () => {
    p.write('site.yml', `- hosts: all
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: restart stack
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "y=1" }
      notify: [restart stack, db restart]
      when: inventory_hostname == 'h3'
${HANDLERS}`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    for (const h of p.hosts) assert.equal(log(p, h), 'web\ndb\n', h);
  });

  it("two handlers with one name: within a handler list the first runs, and the play's wins over a role's (as Ansible)", async () => {
    p.write('roles/web/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/app.conf", line: "w=1" }\n  notify: [dup, only-role]\n`);
    p.write('roles/web/handlers/main.yml', `- name: dup\n  shell: echo role >> "{{ root_dir }}/handlers.log"\n- name: only-role\n  shell: echo only-role >> "{{ root_dir }}/handlers.log"\n`);
    p.write('site.yml', `- hosts: h1
  roles: [web]
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: dup
  handlers:
    - name: dup
      shell: echo first >> "{{ root_dir }}/handlers.log"
    - name: dup
      shell: echo last >> "{{ root_dir }}/handlers.log"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'only-role\nfirst\n');
  });

  it('a handler notified by a LATER handler waits for the next flush (Ansible 2.14 walks the list once per flush)', async () => {
    p.write('site.yml', `- hosts: h1
  pre_tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: first
  tasks:
    - shell: echo between >> "{{ root_dir }}/handlers.log"
  handlers:
    - name: second
      shell: echo second >> "{{ root_dir }}/handlers.log"
    - name: first
      shell: echo first >> "{{ root_dir }}/handlers.log"
      notify: second
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'first\nbetween\nsecond\n');
  });

  it("include_role brings the role's handlers: its tasks notify them and they run at the flush", async () => {
    p.write('roles/web/tasks/main.yml', `- lineinfile: { path: "{{ root_dir }}/app.conf", line: "w=1" }\n  notify: reload web\n`);
    p.write('roles/web/handlers/main.yml', `- name: reload web\n  shell: echo reload >> "{{ root_dir }}/handlers.log"\n`);
    p.write('site.yml', `- hosts: h1\n  tasks:\n    - include_role: { name: web }\n    - shell: echo task >> "{{ root_dir }}/handlers.log"\n`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'task\nreload\n');
  });

  it('a handler that notifies another handler chains it in the same flush', async () => {
    p.write('site.yml', `- hosts: h1
  tasks:
    - lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
      notify: first
  handlers:
    - name: first
      shell: echo first >> "{{ root_dir }}/handlers.log"
      notify: second
    - name: second
      shell: echo second >> "{{ root_dir }}/handlers.log"
`);
    const r = await runLib(p, 'site.yml');
    assert.equal(r.exitCode, 0);
    assert.equal(log(p, 'h1'), 'first\nsecond\n');
  });
});
