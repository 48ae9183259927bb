// Check mode carries predicted state forward: on a fresh host (empty dir) --check --diff predicts exactly what the run does.

import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { hashHosts, makeProject, runCli, type Project } from '../engine/helpers.js';
import { compareRunDocuments } from '../../src/check/compare-runs.js';
import { buildStandin } from '../../standin/build/build-standin.mjs';

// the stand-in ESB packs, built for this test (a fresh clone has no standin/dist yet)
let dist = '';
let PACK = '';
let ZIP = '';

const SITE = (pack: string) => `
- name: a cluster node from nothing
  hosts: all
  vars:
    home: "{{ root_dir }}/srv/esb/opt/wso2esb-4.9.0"
  tasks:
    - name: install directory (and its missing parents, all with the mode)
      file: { path: "{{ root_dir }}/srv/esb/opt", state: directory, mode: "0755" }
    - name: a link where the install directory is expected
      file: { path: "{{ root_dir }}/opt", src: "{{ root_dir }}/srv/esb/opt", state: link }
    - name: distribution unpacked once
      unarchive: { src: "${pack}", dest: "{{ root_dir }}/srv/esb/opt", creates: "{{ home }}/bin/wso2server.sh" }
    - name: axis2.xml clustering
      xml:
        path: "{{ home }}/repository/conf/axis2/axis2.xml"
        edits:
          - { xpath: /axisconfig/clustering, attribute: enable, value: "true" }
          - { xpath: "/axisconfig/clustering/parameter[@name='localMemberHost']", value: "{{ node_ip }}" }
          - { xpath: "/axisconfig/clustering/parameter[@name='localMemberPort']", value: "{{ member_port }}" }
    - name: carbon.xml offset
      xml:
        path: "{{ home }}/repository/conf/carbon.xml"
        xpath: /Server/Ports/Offset
        value: "{{ offset }}"
    - name: JAVA_OPTS line in the start script
      lineinfile: { path: "{{ home }}/bin/wso2server.sh", insertafter: '^#!/bin/sh', line: "# managed by esbplay for {{ inventory_hostname }}" }
    - name: start script present?
      stat: { path: "{{ home }}/bin/wso2server.sh" }
      register: script
    - name: the script is predicted with its checksum
      copy: { content: "{{ script.stat.exists }} {{ script.stat.checksum | default('none') }} {{ script.stat.mode | default('') }}\\n", dest: "{{ root_dir }}/opt/script-facts.txt" }
    - name: logs directory
      file: { path: "{{ home }}/repository/logs/audit", state: directory, mode: "0750" }
    - name: a rendered file inside the unpacked tree
      template: { src: node.conf.j2, dest: "{{ home }}/repository/conf/node.conf", mode: "0640" }
    - name: a command settled by a glob over the unpacked tree (creates)
      command: { cmd: "false", creates: "{{ home }}/bin/*.sh" }
    - name: modes below an unpacked directory (recurse)
      file: { path: "{{ home }}/dbscripts", state: directory, mode: "0750", recurse: true }
    - name: the same again changes nothing (the drift test sees the predicted modes)
      file: { path: "{{ home }}/dbscripts", state: directory, mode: "0750", recurse: true }
    - name: a second edit of the same file sees the first (a missing file would fail it)
      lineinfile: { path: "{{ home }}/repository/conf/node.conf", regexp: '^ip=', line: "ip={{ node_ip }}" }
`;

function project(hosts: string[], pack = PACK): Project {
  const hostVars: Record<string, Record<string, unknown>> = {};
  hosts.forEach((h, i) => (hostVars[h] = { node_ip: `10.0.0.${11 + i}`, member_port: 4100 + 100 * i, offset: i }));
  const p = makeProject({ hosts, hostVars });
  p.write('site.yml', SITE(pack));
  p.write('templates/node.conf.j2', 'name={{ inventory_hostname }}\nip={{ node_ip }}\n');
  return p;
}

async function json(p: Project, ...flags: string[]): Promise<{ code: number; doc: Record<string, unknown> }> {
  const r = await runCli(p, 'site.yml', '--output', 'json', ...flags);
  return { code: r.code, doc: JSON.parse(r.out) as Record<string, unknown> };
}

describe('check mode carries predicted state forward', function () {
  let p: Project | undefined;
  before(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'esbplay-check-packs-'));
    const built = buildStandin(dist);
    [PACK, ZIP] = [built.tarGz['4.9.0'], built.zip['4.9.0']];
  });
  after(() => rmSync(dist, { recursive: true, force: true }));
  afterEach(() => p?.cleanup());

  for (const [label, pack] of [['tar.gz', () => PACK], ['zip', () => ZIP]] as const) {
    it(`fresh hosts (${label}): --check --diff exits 0, writes nothing and predicts the run's JSON exactly`, async () => {
      p = project(['n1', 'n2'], pack());
      const before = hashHosts(p);
      const check = await json(p, '--check', '--diff');
      assert.equal(check.code, 0, JSON.stringify(check.doc, null, 1).slice(0, 3000));
      assert.deepEqual(hashHosts(p), before, 'check mode wrote something');
      const run = await json(p, '--diff');
      assert.equal(run.code, 0);
      const cmp = compareRunDocuments(check.doc, run.doc);
      assert.deepEqual(cmp.mismatches, []);
      assert.deepEqual(cmp.unknown, []);
      assert.ok(cmp.compared >= 20, `compared ${cmp.compared} task results`);
      const stats = run.doc.stats as Record<string, { changed: number }>;
      // every task changes on a fresh host but the stat, the second node.conf edit, and carbon.xml's offset on n1 (0 already)
      assert.deepEqual([stats.n1!.changed, stats.n2!.changed], [9, 10]);
      assert.match(p.read('n2', 'opt/script-facts.txt'), /^True [0-9a-f]{40} 0755\n$/);
    });
  }

  it('a host added to a converged set: the check predicts nothing on the old hosts and every change on the new one, as the run does', async () => {
    p = project(['n1', 'n2', 'n3']);
    assert.equal((await json(p, '--limit', 'n1,n2')).code, 0);
    const oldHosts = () => Object.fromEntries(Object.entries(hashHosts(p!)).filter(([k]) => !k.startsWith('n3')));
    const converged = oldHosts();
    assert.ok(Object.keys(converged).length > 50);
    const before = hashHosts(p);
    const check = await json(p, '--check', '--diff');
    assert.equal(check.code, 0);
    assert.deepEqual(hashHosts(p), before, 'check mode wrote something');
    const run = await json(p, '--diff');
    assert.equal(run.code, 0);
    const cmp = compareRunDocuments(check.doc, run.doc);
    assert.deepEqual(cmp.mismatches, []);
    assert.deepEqual(cmp.unknown, []);
    const stats = run.doc.stats as Record<string, { changed: number }>;
    assert.deepEqual([stats.n1!.changed, stats.n2!.changed, stats.n3!.changed], [0, 0, 10]);
    assert.deepEqual(oldHosts(), converged);
  });

  it('the comparison fails when the prediction is wrong (a check run without the inputs of the real run)', async () => {
    p = project(['n1']);
    const check = await json(p, '--check', '--diff');
    const run = await json(p, '--diff', '-e', 'member_port=4999');
    const cmp = compareRunDocuments(check.doc, run.doc);
    assert.equal(cmp.mismatches.length, 1, cmp.mismatches.join('\n'));
    assert.match(cmp.mismatches[0]!, /task 'axis2.xml clustering' .*host n1: the diffs differ/);
  });
});
