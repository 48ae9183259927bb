// Output: --output json is one JSON document; human output banners, statuses, recap, no ANSI; list/syntax modes.

import assert from 'node:assert/strict';
import { cli, hashHosts, makeProject, runCli, type Project } from './helpers.js';

const SITE = `- name: demo play
  hosts: all
  tasks:
    - name: change
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "x=1" }
    - name: same
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "a=1" }
    - name: skip some
      lineinfile: { path: "{{ root_dir }}/app.conf", line: "y=1" }
      when: inventory_hostname == 'h1'
    - name: fail h3
      lineinfile: { path: "{{ root_dir }}/missing.conf", line: "z" }
      when: inventory_hostname == 'h3'
`;

describe('engine: output', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ seed: { 'app.conf': 'a=1\n' } });
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  it('--output json prints exactly one parseable document with stats and per-task results', async () => {
    const r = await runCli(p, 'site.yml', '--output', 'json');
    assert.equal(r.code, 2);
    const doc = JSON.parse(r.out);
    assert.equal(doc.exit_code, 2);
    assert.equal(doc.mode, 'run');
    assert.deepEqual(Object.keys(doc.stats).sort(), ['h1', 'h2', 'h3']);
    for (const h of ['h1', 'h2', 'h3']) for (const k of ['ok', 'changed', 'failed', 'skipped', 'unreachable']) assert.equal(typeof doc.stats[h][k], 'number', `${h}.${k}`);
    assert.deepEqual(doc.stats.h1, { ok: 3, changed: 2, unreachable: 0, failed: 0, skipped: 1, rescued: 0, ignored: 0 });
    assert.deepEqual(doc.stats.h3, { ok: 2, changed: 1, unreachable: 0, failed: 1, skipped: 1, rescued: 0, ignored: 0 });
    const tasks = doc.plays[0].tasks;
    assert.equal(doc.plays[0].play.name, 'demo play');
    assert.deepEqual(tasks.map((t: { task: { name: string } }) => t.task.name), ['change', 'same', 'skip some', 'fail h3']);
    assert.equal(tasks[0].hosts.h2.status, 'changed');
    assert.equal(tasks[1].hosts.h2.status, 'ok');
    assert.equal(tasks[2].hosts.h2.status, 'skipped');
    assert.equal(tasks[3].hosts.h3.status, 'failed');
    assert.match(tasks[3].hosts.h3.result.msg, /missing\.conf/);
    assert.equal(tasks[0].task.line, 4);
    assert.equal(r.err, '');
  });

  it('--output json --check --diff carries the unified diff per host', async () => {
    const r = await runCli(p, 'site.yml', '--output', 'json', '--check', '--diff', '--limit', 'h1');
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.mode, 'check');
    const diff: string[] = doc.plays[0].tasks[0].hosts.h1.diff;
    assert.equal(diff.length, 1);
    assert.match(diff[0]!, /^--- before: .*app\.conf\n\+\+\+ after: .*app\.conf\n@@ -1(,1)? \+1,2 @@\n a=1\n\+x=1/);
    assert.equal(doc.plays[0].tasks[0].hosts.h1.predicted, true);
  });

  it('human output: PLAY and TASK banners, ok/changed/skipping/fatal lines and PLAY RECAP, no ANSI codes off a TTY', async () => {
    const r = await runCli(p, 'site.yml');
    assert.equal(r.code, 2);
    assert.match(r.out, /^PLAY \[demo play\] \*+$/m);
    for (const t of ['change', 'same', 'skip some', 'fail h3']) assert.match(r.out, new RegExp(`^TASK \\[${t}\\] \\*+$`, 'm'));
    assert.match(r.out, /^changed: \[h1\]$/m);
    assert.match(r.out, /^ok: \[h2\]$/m);
    assert.match(r.out, /^skipping: \[h2\]$/m);
    assert.match(r.out, /^fatal: \[h3\]: FAILED! => \{.*"msg":"Destination .*missing\.conf does not exist/m);
    assert.match(r.out, /^PLAY RECAP \*+$/m);
    assert.match(r.out, /^h1\s+: ok=3\s+changed=2\s+unreachable=0\s+failed=0\s+skipped=1\s+rescued=0\s+ignored=0$/m);
    assert.match(r.out, /^h3\s+: ok=2\s+changed=1\s+unreachable=0\s+failed=1\s+skipped=1\s+rescued=0\s+ignored=0$/m);
    assert.equal(/\x1b\[/.test(r.out), false, 'ANSI escape in non-TTY output');
    assert.equal(r.out.indexOf('TASK [change]') < r.out.indexOf('TASK [same]'), true);
  });

  it('an unreachable host: fatal UNREACHABLE!, exit 4, the other hosts complete', async () => {
    const q = makeProject({ hosts: ['ok1', 'gone'], hostVars: { gone: { ansible_connection: 'ssh', ansible_host: '127.0.0.1', ansible_port: 1 } } });
    try {
      q.write('site.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: "{{ root_dir }}/a.txt", line: "1", create: true }\n    - lineinfile: { path: "{{ root_dir }}/a.txt", line: "2" }\n`);
      const r = await runCli(q, 'site.yml');
      assert.equal(r.code, 4, r.err);
      assert.match(r.out, /^fatal: \[gone\]: UNREACHABLE! => /m);
      assert.match(r.out, /^gone\s+: ok=0\s+changed=0\s+unreachable=1\s+failed=0/m);
      assert.equal(q.read('ok1', 'a.txt'), '1\n2\n');
    } finally {
      q.cleanup();
    }
  });

  it('--list-hosts lists each play\'s hosts after --limit, touching nothing', async () => {
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml', '--list-hosts', '--limit', 'h1:h3');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /play #1 \(all\): demo play/);
    assert.match(r.out, /hosts \(2\):\n {6}h1\n {6}h3\n/);
    assert.deepEqual(hashHosts(p), before);
  });

  it('--list-tasks lists the task names with their tags', async () => {
    const r = await runCli(p, 'site.yml', '--list-tasks');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, / {6}change\tTAGS: \[\]\n {6}same\tTAGS: \[\]\n {6}skip some\tTAGS: \[\]\n {6}fail h3\tTAGS: \[\]/);
  });

  it('--syntax-check says OK for a good playbook and exits 5 for a bad one, touching nothing', async () => {
    const before = hashHosts(p);
    const ok = await runCli(p, 'site.yml', '--syntax-check');
    assert.equal(ok.code, 0);
    assert.match(ok.out, /syntax OK/);
    p.write('bad.yml', `- hosts: all\n  tasks:\n    - lineinfile: { path: x, line: y }\n      notiffy: h\n`);
    const bad = await runCli(p, 'bad.yml', '--syntax-check');
    assert.equal(bad.code, 5);
    assert.match(bad.err, /bad\.yml:4:7: unknown keyword 'notiffy' in task \(did you mean 'notify'\?\)/);
    assert.deepEqual(hashHosts(p), before);
  });

  it('unknown CLI flags and a missing -i exit 5 without a stack trace', async () => {
    for (const argv of [['run', 'x.yml', '--no-such-flag', '-i', p.inventory], ['run', 'x.yml']]) {
      const r = await cli(argv);
      assert.equal(r.code, 5, argv.join(' '));
      assert.doesNotMatch(r.err, /^\s+at /m);
    }
  });
});
