// Check mode carries a copy made on the host (copy remote_src of a big file) forward: later tasks read the source's bytes.

import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { HOST_COPY_MIN_BYTES } from '../../src/modules/copy-on-host.js';
import { hashHosts, makeProject, runCli, type Project } from '../engine/helpers.js';

const SITE = `
- hosts: all
  tasks:
    - name: big file copied on the host
      copy: { src: "{{ root_dir }}/big.conf", dest: "{{ root_dir }}/lib/big.conf", remote_src: true }
    - name: a line the copy already holds
      lineinfile: { path: "{{ root_dir }}/lib/big.conf", line: "present=yes" }
    - name: a line it does not hold
      lineinfile: { path: "{{ root_dir }}/lib/big.conf", line: "added=yes" }
`;

describe('check mode: a copy made on the host', () => {
  let p: Project;
  beforeEach(() => {
    p = makeProject({ hosts: ['h1'], seed: { 'lib/.keep': '' } });
    let text = '';
    for (let i = 0; text.length <= HOST_COPY_MIN_BYTES; i++) text += `key${i}=value${i}\n`;
    writeFileSync(p.file('h1', 'big.conf'), `${text}present=yes\n`);
    p.write('site.yml', SITE);
  });
  afterEach(() => p.cleanup());

  it('--check --diff predicts the run: the same diffs and statuses, later tasks read the copied bytes, nothing written', async () => {
    const before = hashHosts(p);
    const check = await runCli(p, 'site.yml', '--check', '--diff', '--output', 'json');
    assert.equal(check.code, 0, check.out + check.err);
    assert.deepEqual(hashHosts(p), before);
    const run = await runCli(p, 'site.yml', '--diff', '--output', 'json');
    assert.equal(run.code, 0, run.out + run.err);
    type Doc = { plays: { tasks: { task: { name: string }; hosts: Record<string, { status: string; unknown?: string; diff?: unknown[] }> }[] }[] };
    const view = (out: string) =>
      (JSON.parse(out) as Doc).plays[0]!.tasks.map((t) => ({ name: t.task.name, status: t.hosts.h1!.status, unknown: t.hosts.h1!.unknown, diffs: t.hosts.h1!.diff }));
    const predicted = view(check.out);
    assert.deepEqual(
      predicted.map((t) => [t.name, t.status, t.unknown]),
      [
        ['big file copied on the host', 'changed', undefined],
        ['a line the copy already holds', 'ok', undefined],
        ['a line it does not hold', 'changed', undefined],
      ],
    );
    assert.match(JSON.stringify(predicted[0]!.diffs), /copied on the host/);
    // the line is added to the copied text (too big to diff: its sizes show it, one line of 10 characters)
    const size = statSync(p.file('h1', 'big.conf')).size;
    assert.ok(JSON.stringify(predicted[2]!.diffs).includes(`(${size} -> ${size + 'added=yes\n'.length} characters)`), JSON.stringify(predicted[2]!.diffs));
    assert.deepEqual(predicted, view(run.out));
  });
});
