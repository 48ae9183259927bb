// Check mode reports UNKNOWN what it cannot know (commands, what depends on them) instead of assuming or failing.

import assert from 'node:assert/strict';
import { hashHosts, makeProject, runCli, type Project } from '../engine/helpers.js';

const SITE = `
- hosts: all
  tasks:
    - name: generate a file with a command
      shell: "printf '<conf><port>1</port></conf>\\\\n' > {{ root_dir }}/gen.xml"
    - name: edit the generated file
      xml: { path: "{{ root_dir }}/gen.xml", xpath: /conf/port, value: "2" }
    - name: read something with a command
      command: cat {{ root_dir }}/seed.txt
      register: seed
    - name: write what the command printed
      copy: { content: "{{ seed.stdout }}\\n", dest: "{{ root_dir }}/copy.txt" }
    - name: a file check mode knows
      copy: { content: "known\\n", dest: "{{ root_dir }}/known.txt" }
    - name: wait for a port the command would have opened
      wait_for: { host: 127.10.250.1, port: 9, timeout: 600 }
`;

describe('check mode: unknown effects', function () {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'], seed: { 'seed.txt': 'from the host\n' } });
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  it('JSON: commands, the edit of what they generate, the use of their output and the wait are unknown; exit 0; nothing written', async () => {
    const before = hashHosts(p);
    const r = await runCli(p, 'site.yml', '--check', '--output', 'json');
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(hashHosts(p), before);
    const doc = JSON.parse(r.out) as { plays: { tasks: { task: { name: string }; hosts: Record<string, { status: string; unknown?: string; result: Record<string, unknown> }> }[] }[]; stats: Record<string, Record<string, number>> };
    const byName = Object.fromEntries(doc.plays[0]!.tasks.map((t) => [t.task.name, t.hosts.h1!]));
    assert.match(byName['generate a file with a command']!.unknown!, /the command would run/);
    assert.match(byName['edit the generated file']!.unknown!, /fails in check mode, after 1 earlier task\(s\) .*'generate a file with a command' \(.*site\.yml:4\).*gen\.xml/);
    assert.equal(byName['edit the generated file']!.status, 'skipped');
    assert.match(byName['read something with a command']!.unknown!, /the command would run/);
    assert.match(byName['write what the command printed']!.unknown!, /uses 'seed', registered by a task check mode could not predict/);
    assert.equal(byName['a file check mode knows']!.unknown, undefined);
    assert.equal(byName['a file check mode knows']!.status, 'changed');
    assert.match(byName['wait for a port the command would have opened']!.unknown!, /waits for a state/);
    assert.equal(doc.stats.h1!.unknown, 5);
  });

  it('human output: unknown lines and the count in the recap', async () => {
    const r = await runCli(p, 'site.yml', '--check');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^unknown: \[h1\] \(skipped, check mode\) it fails in check mode/m);
    assert.match(r.out, /^unknown: \[h1\] \(changed, check mode\) uses 'seed'/m);
    assert.match(r.out, /^h1\s+: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0\s+skipped=\d+\s+rescued=0\s+ignored=0\s+unknown=5$/m);
  });

  it('a failure with no unknown effect before it still fails the check (exit 2)', async () => {
    p.write('bad.yml', `
- hosts: all
  tasks:
    - copy: { content: "known\\n", dest: "{{ root_dir }}/known.txt" }
    - xml: { path: "{{ root_dir }}/missing.xml", xpath: /conf/port, value: "2" }
`);
    const r = await runCli(p, 'bad.yml', '--check');
    assert.equal(r.code, 2, r.out);
    assert.doesNotMatch(r.out, /unknown/);
  });

  it('a normal run reports no unknown field and no unknown count', async () => {
    p.write('plain.yml', SITE.replace(/\n    - name: wait for a port[\s\S]*$/, '\n'));
    const r = await runCli(p, 'plain.yml', '--output', 'json');
    assert.equal(r.code, 0, r.out);
    const doc = JSON.parse(r.out) as { stats: Record<string, Record<string, number>> };
    assert.equal(doc.stats.h1!.unknown, undefined);
    assert.doesNotMatch(r.out, /check_unknown/);
  });

  it('failures after an unknown effect name its cause, not each other: the reasons stay one level deep', async () => {
    p.write('chain.yml', `
- hosts: all
  tasks:
    - name: the cause
      shell: "printf '<conf><port>1</port></conf>\\\\n' > {{ root_dir }}/gen.xml"
${[1, 2, 3, 4, 5].map((i) => `    - name: consequence ${i}\n      xml: { path: "{{ root_dir }}/gen.xml", xpath: /conf/port, value: "${i}" }\n`).join('')}`);
    const r = await runCli(p, 'chain.yml', '--check', '--output', 'json');
    assert.equal(r.code, 0, r.out);
    const doc = JSON.parse(r.out) as { plays: { tasks: { task: { name: string }; hosts: Record<string, { unknown?: string }> }[] }[] };
    const last = doc.plays[0]!.tasks.find((t) => t.task.name === 'consequence 5')!.hosts.h1!.unknown!;
    assert.match(last, /^it fails in check mode, after 5 earlier task\(s\) whose effect check mode cannot know \('the cause' \(.*chain\.yml:4\): the command would run[^;]*\): /);
    assert.equal(last.match(/fails in check mode/g)!.length, 1, last);
  });
});
