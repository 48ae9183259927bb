// --dry-run: touches no host, prints per-host tasks with rendered args, skips, handlers; finds bad input (exit 5).

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hashHosts, makeProject, runCli, runLib, stackLines, type Project } from './helpers.js';
import type { PlanEvent } from '../../src/report/events.js';

const SITE = `- hosts: all
  vars:
    port: 8280
  tasks:
    - name: port line
      lineinfile: { path: "{{ root_dir }}/app.conf", regexp: '^port=', line: "port={{ port }}" }
      notify: restart app
    - name: create new file
      lineinfile: { path: "{{ root_dir }}/new.conf", line: "n={{ inventory_hostname }}", create: true }
    - name: only on h2
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "special=yes" }
      when: inventory_hostname == 'h2'
    - name: register something
      shell: cat "{{ root_dir }}/app.conf"
      register: cat
    - name: depends on a registered result
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "seen=1" }
      when: cat.rc == 0
  handlers:
    - name: restart app
      shell: echo restarted >> "{{ root_dir }}/restart.log"
`;

describe('engine: --dry-run', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ seed: { 'app.conf': 'port=8080\n' } });
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  it('touches nothing: host dirs unchanged and files that do not exist are not created', async () => {
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml', '--dry-run');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(hashHosts(p), before);
    for (const h of p.hosts) {
      assert.equal(existsSync(p.file(h, 'new.conf')), false);
      assert.equal(existsSync(p.file(h, 'restart.log')), false);
    }
  });

  it('prints every task per host with rendered args, skips by when, decisions left to run time and handlers that may fire', async () => {
    const r = await runCli(p, 'site.yml', '--dry-run');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^TASK \[port line\]/m);
    for (const h of p.hosts) {
      assert.ok(r.out.includes(`run: [${h}] lineinfile {"path":"${p.file(h, 'app.conf')}","regexp":"^port=","line":"port=8280"}`), r.out);
      assert.ok(r.out.includes(`run: [${h}] lineinfile {"path":"${p.file(h, 'new.conf')}","line":"n=${h}","create":true}`), r.out);
    }
    assert.match(r.out, /^  notifies: restart app$/m);
    assert.match(r.out, /^skip: \[h1\] when: inventory_hostname == 'h2' is false$/m);
    assert.match(r.out, /^run: \[h2\] lineinfile .*special=yes/m);
    assert.match(r.out, /^at run time: \[h1\] when depends on cat, known only at run time$/m);
    assert.match(r.out, /^HANDLER \(runs if notified\) \[restart app\]/m);
    assert.match(r.out, /^run: \[h3\] shell /m);
  });

  it('emits plan events only: no host_result, and extra vars reach the rendered args', async () => {
    const r = await runLib(p, 'site.yml', { dryRun: true, extraVars: { port: 9000 } });
    assert.equal(r.exitCode, 0);
    assert.equal(r.events.some((e) => e.type === 'host_result'), false);
    const plans = r.events.filter((e): e is PlanEvent => e.type === 'task_plan');
    const port = plans.filter((e) => e.task.name === 'port line');
    assert.deepEqual(port.map((e) => [e.host, e.action, e.args?.line]), [['h1', 'run', 'port=9000'], ['h2', 'run', 'port=9000'], ['h3', 'run', 'port=9000']]);
    const handler = plans.filter((e) => e.task.handler);
    assert.deepEqual(handler.map((e) => e.host).sort(), ['h1', 'h2', 'h3']);
  });

  it('loops are expanded per item in the plan', async () => {
    p.write('loop.yml', `- hosts: h1\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/{{ item }}.conf", line: x, create: true }\n      loop: [one, two]\n`);
    const r = await runLib(p, 'loop.yml', { dryRun: true });
    const plans = r.events.filter((e): e is PlanEvent => e.type === 'task_plan');
    assert.deepEqual(plans.map((e) => [e.item, e.args?.path]), [['one', p.file('h1', 'one.conf')], ['two', p.file('h1', 'two.conf')]]);
  });

  const bad: { name: string; task: string; msg: RegExp }[] = [
    { name: 'an undefined variable', task: `lineinfile: { path: "{{ root_dir }}/x", line: "{{ nowhere }}" }`, msg: /undefined variable 'nowhere'/ },
    { name: 'an undefined variable in when', task: `lineinfile: { path: "{{ root_dir }}/x", line: "a" }\n      when: undefined_flag`, msg: /undefined_flag/ },
    { name: 'invalid args', task: `lineinfile: { path: "{{ root_dir }}/x", line: "a", state: gone }`, msg: /state/ },
  ];
  for (const c of bad) {
    it(`finds ${c.name}: exit 5, nothing touched`, async () => {
      p.write('bad.yml', `- hosts: all\n  tasks:\n    - name: fine\n      lineinfile: { path: "{{ root_dir }}/app.conf", line: "ok=1" }\n    - name: bad\n      ${c.task}\n`);
      const before = hashHosts(p);
      const r = await runCli(p, 'bad.yml', '--dry-run');
      assert.equal(r.code, 5, r.out + r.err);
      assert.match(r.err, c.msg);
      assert.match(r.err, /bad\.yml:\d+:\d+/);
      assert.deepEqual(stackLines(r.err), []);
      assert.deepEqual(hashHosts(p), before);
    });
  }

  it('needs no connection: an unreachable ssh host plans fine', async () => {
    const q = makeProject({ hosts: ['far'], hostVars: { far: { ansible_connection: 'ssh', ansible_host: '203.0.113.1', ansible_port: 1 } } });
    try {
      q.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: /etc/x.conf, line: "a={{ inventory_hostname }}" }\n`);
      const r = await runCli(q, 'site.yml', '--dry-run');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /run: \[far\] lineinfile \{"path":"\/etc\/x\.conf","line":"a=far"\}/);
    } finally {
      q.cleanup();
    }
  });
});
