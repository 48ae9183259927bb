// Idempotency and check mode: run twice on 3 local hosts, --check predicts exactly what a run changes.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hashHosts, hostResults, makeProject, resultKeys, runCli, runLib, type Project } from './helpers.js';

const SITE = `
- name: configure
  hosts: all
  vars:
    port: 8280
  tasks:
    - name: port line
      lineinfile: { path: "{{ root_dir }}/app.conf", regexp: '^port=', line: "port={{ port }}" }
    - name: host line
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "host={{ inventory_hostname }}", insertafter: '^port=' }
    - name: managed block
      blockinfile:
        path: "{{ root_dir }}/extra.conf"
        create: true
        block: |
          offset={{ offset | default(0) }}
          name={{ inventory_hostname }}
    - name: untouched unless h2
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "special=yes" }
      when: inventory_hostname == 'h2'
`;

function project(): Project {
  const p = makeProject({ seed: { 'app.conf': '# app\nport=8080\nmode=prod\n' } });
  p.write('site.yml', SITE);
  return p;
}

describe('engine: idempotency', () => {
  let p: Project;
  beforeEach(() => (p = project()));
  afterEach(() => p.cleanup());

  it('first run changes every host, the second changes nothing and leaves the bytes identical', async () => {
    const r1 = await runLib(p, 'site.yml');
    assert.equal(r1.exitCode, 0);
    for (const h of p.hosts) assert.ok(r1.stats[h]!.changed >= 3, `${h} changed ${r1.stats[h]!.changed}`);
    assert.equal(r1.stats.h2!.changed, 4);
    assert.equal(r1.stats.h1!.skipped, 1);
    assert.equal(p.read('h1', 'app.conf'), '# app\nport=8280\nhost=h1\nmode=prod\n');
    assert.equal(p.read('h2', 'app.conf'), '# app\nport=8280\nhost=h2\nmode=prod\nspecial=yes\n');
    assert.match(p.read('h3', 'extra.conf'), /offset=0\nname=h3\n/);
    const before = hashHosts(p);
    const r2 = await runLib(p, 'site.yml');
    assert.equal(r2.exitCode, 0);
    for (const h of p.hosts) {
      assert.equal(r2.stats[h]!.changed, 0, `${h} changed on the second run`);
      assert.equal(r2.stats[h]!.failed, 0);
    }
    assert.deepEqual(hashHosts(p), before);
  });

  it('the CLI reports changed=0 for every host in the recap of the second run', async () => {
    assert.equal((await runCli(p, 'site.yml')).code, 0);
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 0);
    for (const h of p.hosts) assert.match(r.out, new RegExp(`^${h}\\s+: ok=\\d+\\s+changed=0 `, 'm'));
    assert.doesNotMatch(r.out, /^changed: /m);
  });
});

describe('engine: check mode', () => {
  let p: Project;
  beforeEach(async () => {
    p = project();
    assert.equal((await runLib(p, 'site.yml')).exitCode, 0);
  });
  afterEach(() => p.cleanup());

  const cases: { name: string; extra: Record<string, unknown>; changed: string[] }[] = [
    { name: 'nothing to change', extra: {}, changed: [] },
    { name: 'port changes everywhere', extra: { port: 9000 }, changed: ['h1|port line', 'h2|port line', 'h3|port line'] },
    { name: 'block changes everywhere', extra: { offset: 3 }, changed: ['h1|managed block', 'h2|managed block', 'h3|managed block'] },
  ];
  for (const c of cases) {
    it(`--check predicts exactly what the run changes: ${c.name}`, async () => {
      const before = hashHosts(p);
      const check = await runLib(p, 'site.yml', { check: true, extraVars: c.extra });
      assert.equal(check.exitCode, 0);
      assert.deepEqual(hashHosts(p), before, 'check mode changed a file');
      const predicted = resultKeys(check.events, 'changed');
      assert.deepEqual(predicted, c.changed);
      const run = await runLib(p, 'site.yml', { extraVars: c.extra });
      assert.deepEqual(resultKeys(run.events, 'changed'), predicted);
      for (const h of p.hosts) assert.equal(run.stats[h]!.changed, check.stats[h]!.changed);
    });
  }

  it('--check via the CLI with -e leaves the whole host dirs byte-identical, and a file that does not exist is not created', async () => {
    p.write('new.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/brand-new.conf", line: "a=1", create: true }\n`);
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml', '--check', '-e', 'port=9999');
    assert.equal(r.code, 0, r.err);
    assert.equal((r.out.match(/^changed: \[h\d\]/gm) ?? []).length, 3);
    const r2 = await runCli(p, 'new.yml', '--check');
    assert.equal(r2.code, 0, r2.err);
    assert.match(r2.out, /changed: \[h1\]/);
    assert.deepEqual(hashHosts(p), before);
  });

  it('--check --diff prints the unified diff lines of the predicted change', async () => {
    const r = await runCli(p, 'site.yml', '--check', '--diff', '-e', 'port=9001', '--limit', 'h1');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, new RegExp(`^--- before: ${p.file('h1', 'app.conf')}$`, 'm'));
    assert.match(r.out, new RegExp(`^\\+\\+\\+ after: ${p.file('h1', 'app.conf')}$`, 'm'));
    assert.match(r.out, /^@@ .* @@$/m);
    assert.match(r.out, /^-port=8280$/m);
    assert.match(r.out, /^\+port=9001$/m);
    assert.match(r.out, /^ # app$/m);
    assert.equal(readFileSync(p.file('h1', 'app.conf'), 'utf8').includes('port=8280'), true);
  });

  it('check results are marked predicted in events and the registered result says check_mode', async () => {
    const check = await runLib(p, 'site.yml', { check: true, extraVars: { port: 1 } });
    const changed = hostResults(check.events).filter((e) => e.status === 'changed');
    assert.equal(changed.length, 3);
    for (const e of changed) {
      assert.equal(e.predicted, true);
      assert.equal(e.result.check_mode, true);
    }
  });
});
