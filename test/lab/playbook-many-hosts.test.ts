// 50 lab hosts in one run with -f 50: every host writes and registers its own name; no result crosses to another host.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { startLab, type Lab } from './lab.js';
import { requireLab } from './lab-prereq.js';
import { runJson, strayTempFiles, writeProject } from './lab-playbook.js';

const PLAYBOOK = `
- hosts: all
  tasks:
    - name: write own name
      copy:
        content: "{{ inventory_hostname }} {{ ansible_host }}\\n"
        dest: /opt/whoami
    - name: hostname
      command:
        argv: [hostname]
      register: hn
    - name: read back
      command:
        argv: [cat, /opt/whoami]
      register: back
    - name: registered values belong to this host
      assert:
        that:
          - hn.stdout == inventory_hostname
          - back.stdout == inventory_hostname ~ ' ' ~ ansible_host
`;

describe('lab playbook: 50 hosts in one run', function () {
  this.timeout(300_000);
  let lab: Lab;

  before(async function () {
    requireLab(this);
    lab = await startLab({ hosts: 50, namePrefix: 'n' });
  });
  after(async () => lab?.stop());

  it('each host writes and registers its own name (JSON results and files agree), with -f 50', async () => {
    const dir = await writeProject(lab, 'many-project', { 'site.yml': PLAYBOOK });
    const r = await runJson(path.join(dir, 'site.yml'), await lab.inventory(), '-f', '50');
    assert.equal(r.code, 0, `${r.out.slice(0, 4000)}\n${r.err}`);
    const tasks = r.json.plays[0]!.tasks;
    const byName = (n: string) => tasks.find((t) => t.task.name === n)!;
    assert.equal(Object.keys(r.json.stats).length, 50);
    for (const h of lab.hosts) {
      assert.deepEqual(r.json.stats[h.name], { ok: 4, changed: 3, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }, h.name);
      assert.equal(byName('hostname').hosts[h.name]!.result!.stdout, h.name);
      assert.equal(byName('read back').hosts[h.name]!.result!.stdout, `${h.name} ${h.address}`);
      assert.equal(await fs.readFile(path.join(h.root, 'opt', 'whoami'), 'utf8'), `${h.name} ${h.address}\n`);
      assert.deepEqual(await strayTempFiles(h), []);
    }
    // and a second run finds every file in place
    const again = await runJson(path.join(dir, 'site.yml'), await lab.inventory(), '-f', '50');
    assert.equal(again.code, 0);
    for (const h of lab.hosts) assert.equal(byName('write own name').hosts[h.name]!.status, 'changed');
    for (const h of lab.hosts) assert.equal(again.json.plays[0]!.tasks[0]!.hosts[h.name]!.status, 'ok', h.name);
  });
});
